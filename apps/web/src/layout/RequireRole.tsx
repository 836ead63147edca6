import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth, type Role } from '../auth/AuthContext';
import { AppShell } from './AppShell';

/** Logged-out readers go to the login page and come back; other roles see why not. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  const location = useLocation();
  if (user === undefined) return <div className="page-loading">{t('common.loading')}</div>;
  if (user === null)
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  if (!hasRole(...roles))
    return (
      <AppShell title={t('errors.403')}>
        <p>{t('errors.wrongRole')}</p>
      </AppShell>
    );
  return <>{children}</>;
}
