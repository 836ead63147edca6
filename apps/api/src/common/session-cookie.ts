import type { FastifyReply, FastifyRequest } from 'fastify';

// The web client's session: the access token in an HttpOnly cookie, so no
// script on the page can read it (the API's clients keep sending it as a
// bearer token). SameSite=Strict keeps it off every request another site
// starts; a mutation authenticated by it must also carry CSRF_HEADER, which
// a cross-site form cannot send and a cross-site script could send only
// after a CORS preflight this api never grants (docs/security.md).

export const SESSION_COOKIE = 'rs_session';
export const CSRF_HEADER = 'x-requested-with';
const PATH = '/api/v1';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token in the session cookie, if the request carries one. */
export function sessionToken(req: { headers: Record<string, string | string[] | undefined> }) {
  const header = req.headers.cookie;
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(text);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Whether a cookie-authenticated request may go ahead: reads always, writes with the header. */
export function passesCsrfCheck(req: {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  return SAFE_METHODS.has((req.method ?? 'GET').toUpperCase()) || !!req.headers[CSRF_HEADER];
}

const attributes = (req: FastifyRequest) =>
  `Path=${PATH}; HttpOnly; SameSite=Strict${req.protocol === 'https' ? '; Secure' : ''}`;

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAtSeconds: number,
): void {
  const maxAge = Math.max(0, Math.floor(expiresAtSeconds - Date.now() / 1000));
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Max-Age=${maxAge}; ${attributes(req)}`,
  );
}

// The device secret of a phone signed in by a one-time pass (a judge's QR):
// sent back only to the pass route, so the phone that bound a pass can use it
// again (a reload, a new tab) and no other phone can.
export const DEVICE_COOKIE = 'rs_device';
const DEVICE_PATH = `${PATH}/auth/pass`;

export function deviceSecret(req: { headers: Record<string, string | string[] | undefined> }) {
  const header = req.headers.cookie;
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const match = new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE}=([^;]+)`).exec(text);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Sets the device cookie (a year, the pass route only) and, if given, the session cookie. */
export function setPassCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  device: string,
  session?: { token: string; expiresAtSeconds: number },
): void {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  const cookies = [
    `${DEVICE_COOKIE}=${encodeURIComponent(device)}; Max-Age=${365 * 86400}; Path=${DEVICE_PATH}; HttpOnly; SameSite=Strict${secure}`,
  ];
  if (session) {
    const maxAge = Math.max(0, Math.floor(session.expiresAtSeconds - Date.now() / 1000));
    cookies.push(
      `${SESSION_COOKIE}=${encodeURIComponent(session.token)}; Max-Age=${maxAge}; ${attributes(req)}`,
    );
  }
  void reply.header('set-cookie', cookies);
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${attributes(req)}`);
}
