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
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: 'nope' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('wants both admin variables or neither', () => {
    expect(() => loadConfig({ ...base, ADMIN_EMAIL: 'a@b.cn' })).toThrow(/ADMIN_PASSWORD/);
  });
});
