// Query parameters that carry credentials: a stream ticket, an access token
// for an EventSource or the queue dashboard, an invitation or reset token.
// Matched by name, so a new `foo_token` is redacted without a change here.
const SECRET_PARAM = /token|ticket|secret|password|passwd|signature|api[-_]?key|^code$|^key$/i;
export const REDACTED = '[REDACTED]';

export const isSecretParam = (name: string): boolean => SECRET_PARAM.test(name);

// The URL with every secret-looking query value replaced; the path and the
// other parameters stay readable for debugging.
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the raw name
      }
      return eq >= 0 && isSecretParam(name) ? `${rawName}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query as Record<string, unknown>).map(([k, v]) => [
      k,
      isSecretParam(k) ? REDACTED : v,
    ]),
  );
}

// pino-http's request serializer, minus credentials in the URL and query.
export function redactRequest<T extends { url?: string; query?: unknown }>(req: T): T {
  return { ...req, url: redactUrl(req.url), query: redactQuery(req.query) };
}
