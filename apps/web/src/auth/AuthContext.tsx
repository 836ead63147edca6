import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { session } from '../api/token-store';
import { ApiError } from '../api/errors';
import { applyUserLocale } from '../i18n';

export type Me = components['schemas']['UserDto'];
export type Role = Me['roles'][number];

interface AuthState {
  /** undefined while the session is being checked, null when logged out. */
  user: Me | null | undefined;
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(session.active() ? undefined : null);

  useEffect(() => session.subscribe((active) => !active && setUser(null)), []);

  useEffect(() => {
    if (!session.active()) return;
    call(api.GET('/api/v1/me'))
      .then((me) => {
        applyUserLocale(me.locale);
        setUser(me);
      })
      .catch((e: unknown) => {
        // Offline with a session: keep it and retry on the next load rather
        // than logging a judge out because the venue Wi-Fi dropped.
        if (e instanceof ApiError && e.status === 401) session.end();
        setUser(e instanceof ApiError && e.isNetwork ? undefined : null);
      });
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    // The answer set the session cookie; the token in its body is for API
    // clients and is not kept.
    const { user: me } = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
    session.start();
    applyUserLocale(me.locale);
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    // The cookie is HttpOnly: only the server can clear it. Offline, the
    // page still logs out; the cookie then runs out with its token.
    await call(api.POST('/api/v1/auth/logout')).catch(() => undefined);
    session.end();
    setUser(null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      user,
      login,
      logout,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [user, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** Where each role starts after logging in. */
export function homeOf(user: Me): string {
  if (user.roles.includes('JUDGE')) return '/judge';
  if (user.roles.includes('ORGANISER') || user.roles.includes('ADMIN')) return '/console';
  if (user.roles.includes('SUPERVISOR')) return '/supervisor';
  return '/applicant';
}
