import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { MIN_PASSWORD_LENGTH } from './password-rules';

interface SignupValues {
  name: string;
  email: string;
  password: string;
}

/** Applicants create their own account; judges and organisers are invited. */
export function SignupPage() {
  const { t, i18n } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: SignupValues) => {
    setBusy(true);
    setError(null);
    try {
      const email = values.email.trim();
      await call(
        api.POST('/api/v1/auth/signup', {
          body: {
            email,
            name: values.name.trim(),
            password: values.password,
            locale: i18n.language === 'en' ? 'en' : 'zh-CN',
          },
        }),
      );
      await login(email, values.password);
      void navigate('/applicant', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell title={t('account.signupTitle')}>
      <div className="account-page">
        <ErrorAlert error={error} />
        <Form
          name="signup"
          layout="vertical"
          onFinish={(values: SignupValues) => void onFinish(values)}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('account.signup')}
            </Button>
          }
        >
          <Form.Item name="name" label={t('account.name')} rules={[{ required: true }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="email" label={t('account.email')} rules={[{ required: true }]}>
            <Input type="email" autoComplete="email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('account.newPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            rules={[{ required: true, min: MIN_PASSWORD_LENGTH }]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
        <div className="account-page__links">
          <Link to="/login">{t('account.loginLink')}</Link>
        </div>
      </div>
    </AppShell>
  );
}
