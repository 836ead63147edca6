import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { homeOf, useAuth } from '../../auth/AuthContext';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';

// Only paths inside this app: a `next` pointing elsewhere is ignored.
const safeNext = (next: string | null) => (next && /^\/(?!\/)/.test(next) ? next : null);

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={safeNext(params.get('next')) ?? homeOf(user)} replace />;

  const onFinish = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(values.email.trim(), values.password);
      void navigate(safeNext(params.get('next')) ?? homeOf(me), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell title={t('account.loginTitle')}>
      <div className="account-page">
        <ErrorAlert error={error} />
        <Form
          name="login"
          layout="vertical"
          onFinish={(values: { email: string; password: string }) => void onFinish(values)}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('account.login')}
            </Button>
          }
        >
          <Form.Item
            name="email"
            label={t('account.email')}
            rules={[{ required: true, message: t('account.emailRequired') }]}
          >
            <Input type="email" autoComplete="username" placeholder="name@example.cn" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('account.password')}
            rules={[{ required: true, message: t('account.passwordRequired') }]}
          >
            <Input type="password" autoComplete="current-password" />
          </Form.Item>
        </Form>
        <div className="account-page__links">
          <Link to="/signup">{t('account.signupLink')}</Link>
          <Link to="/forgot-password">{t('account.forgotLink')}</Link>
        </div>
      </div>
    </AppShell>
  );
}
