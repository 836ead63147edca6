// The web client never holds its access token: login sets it in an HttpOnly
// session cookie (SameSite=Strict) that no script, an injected one included,
// can read, and the browser sends it with every same-origin request (fetch
// and EventSource alike). What is kept here is only whether this browser
// believes it is signed in, so a reload asks GET /me instead of showing the
// login page, and tells the app when the server ended the session.
const KEY = 'roadshow.signedIn';
// Where earlier versions kept the token itself: removed on load.
const LEGACY_TOKEN_KEY = 'roadshow.accessToken';
type Listener = (signedIn: boolean) => void;
const listeners = new Set<Listener>();

localStorage.removeItem(LEGACY_TOKEN_KEY);

/** The header every request of the web client carries (the api's CSRF check on cookie sessions). */
export const CSRF_HEADERS = { 'x-requested-with': 'roadshow-web' } as const;

export const session = {
  active(): boolean {
    return localStorage.getItem(KEY) === '1';
  },
  start(): void {
    localStorage.setItem(KEY, '1');
    listeners.forEach((l) => l(true));
  },
  /** The server no longer accepts the session (or the user logged out). */
  end(): void {
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l(false));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
