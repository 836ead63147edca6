// The access token lives in localStorage so a judge's phone stays logged in
// across reloads and lost connections; listeners hear when it changes.
const KEY = 'roadshow.accessToken';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export const tokenStore = {
  get(): string | null {
    return localStorage.getItem(KEY);
  },
  set(token: string | null): void {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
    listeners.forEach((l) => l(token));
  },
  expire(): void {
    this.set(null);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
