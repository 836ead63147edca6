import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame every signed-in page shares: the competition's name, the
 * language switch and the account; the page's own content below. Plain CSS,
 * so the judge's phone page carries no component library it does not use.
 */
export function AppShell({
  title,
  children,
  wide = false,
}: {
  title?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <header className="shell__bar">
        <Link to="/" className="shell__brand">
          {t('app.name')}
        </Link>
        <div className="shell__tools">
          <LanguageSwitch />
          {user && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                void logout().then(() => navigate('/login', { replace: true }));
              }}
            >
              {t('account.logout')}
            </button>
          )}
        </div>
      </header>
      <main className={wide ? 'shell__main shell__main--wide' : 'shell__main'}>
        {title && <h1 className="shell__title">{title}</h1>}
        {children}
      </main>
    </div>
  );
}
