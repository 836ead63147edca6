import { loadConfig } from './app-config';

const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'a-secret-of-sixteen+',
};

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.QUEUE_PREFIX).toBe('rs');
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.TRUST_PROXY).toBe(false);
  });

  it("bases links in mails on the api's own port unless PUBLIC_URL says otherwise", () => {
    expect(loadConfig(base).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ ...base, PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://dasai.example.cn' }).PUBLIC_URL).toBe(
      'https://dasai.example.cn',
    );
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  it('reads the proxy trust as a flag, a hop count or addresses', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1,10.0.0.2' }).TRUST_PROXY).toBe(
      '10.0.0.1,10.0.0.2',
    );
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: 'nope' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('wants both admin variables or neither', () => {
    expect(() => loadConfig({ ...base, ADMIN_EMAIL: 'a@b.cn' })).toThrow(/ADMIN_PASSWORD/);
  });
});
