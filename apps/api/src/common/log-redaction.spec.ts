import { REDACTED, redactQuery, redactRequest, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('redacts every token-like query parameter and keeps the rest', () => {
    expect(
      redactUrl(
        '/api/v1/rounds/1/ranking/stream?access_token=eyJ.a.b&ticket=t1&token=x&reset_token=r&page=2',
      ),
    ).toBe(
      `/api/v1/rounds/1/ranking/stream?access_token=${REDACTED}&ticket=${REDACTED}&token=${REDACTED}&reset_token=${REDACTED}&page=2`,
    );
  });

  it('matches names case-insensitively and through percent-encoding', () => {
    expect(redactUrl('/x?Access%5FToken=abc&API_KEY=k&code=c&q=token')).toBe(
      `/x?Access%5FToken=${REDACTED}&API_KEY=${REDACTED}&code=${REDACTED}&q=token`,
    );
  });

  it('leaves URLs without a query, and malformed escapes, safe', () => {
    expect(redactUrl('/api/v1/health')).toBe('/api/v1/health');
    expect(redactUrl(undefined)).toBeUndefined();
    expect(redactUrl('/x?%E0%A4%A=1&token=s')).toBe(`/x?%E0%A4%A=1&token=${REDACTED}`);
  });

  it('redacts the parsed query and the whole serialized request', () => {
    expect(redactQuery({ ticket: 'abc', page: '1' })).toEqual({ ticket: REDACTED, page: '1' });
    expect(redactRequest({ method: 'GET', url: '/a?token=s', query: { token: 's' } })).toEqual({
      method: 'GET',
      url: `/a?token=${REDACTED}`,
      query: { token: REDACTED },
    });
  });
});
