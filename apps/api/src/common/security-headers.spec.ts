import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  const headers = helmetHeaders();

  it("computes helmet's default set once, without upgrade-insecure-requests", () => {
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('passes an invalid option as an error, not as a missing header', () => {
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { directives: { 'script-src': ['self'] } } }),
    ).toThrow(/script-src/);
  });
});
