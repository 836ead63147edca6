import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { AppShell } from '../../layout/AppShell';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { LoginPage } from './LoginPage';
import { SetPasswordPage } from './SetPasswordPage';
import { SignupPage } from './SignupPage';

export default function AccountRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route path="signup" element={<SignupPage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="set-password" element={<SetPasswordPage />} />
      <Route
        path="*"
        element={
          <AppShell title={t('errors.404')}>
            <p>{t('errors.noSuchPage')}</p>
          </AppShell>
        }
      />
    </Routes>
  );
}
