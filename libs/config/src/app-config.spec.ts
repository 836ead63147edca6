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

  it('reads the proxy trust as a hop count or proxy addresses', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(
      loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }).TRUST_PROXY,
    ).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback']);
  });

  it('refuses TRUST_PROXY=true, which believes any forged X-Forwarded-For, and names the fix', () => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true would believe any X-Forwarded-For.*number of proxies in front/,
    );
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY must be/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
  });

  it('sizes the per-address credential limit for a campus NAT: 300 signups and their logins an hour pass', () => {
    const config = loadConfig(base);
    const perHour = (config.AUTH_RATE_LIMIT_IP_MAX * 3600000) / config.AUTH_RATE_LIMIT_IP_WINDOW_MS;
    expect(config.AUTH_RATE_LIMIT_IP_WINDOW_MS).toBeLessThanOrEqual(3600000);
    expect(perHour).toBeGreaterThanOrEqual(600);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: 'nope' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('wants both admin variables or neither', () => {
    expect(() => loadConfig({ ...base, ADMIN_EMAIL: 'a@b.cn' })).toThrow(/ADMIN_PASSWORD/);
  });
});
