import { Button, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';

/** Asks for a reset mail; the answer never says whether the address is registered. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/auth/password/forgot', { body: { email: values.email.trim() } }),
      );
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell title={t('account.forgotTitle')}>
      <div className="account-page">
        {sent ? (
          <div className="card">
            <Result status="waiting" title={t('account.resetMailSent')} />
            <Link to="/login">{t('account.login')}</Link>
          </div>
        ) : (
          <>
            <p className="muted">{t('account.forgotHint')}</p>
            <ErrorAlert error={error} />
            <Form
              name="forgot"
              layout="vertical"
              onFinish={(values: { email: string }) => void onFinish(values)}
              footer={
                <Button block type="submit" color="primary" size="large" loading={busy}>
                  {t('account.sendResetMail')}
                </Button>
              }
            >
              <Form.Item name="email" label={t('account.email')} rules={[{ required: true }]}>
                <Input type="email" autoComplete="email" />
              </Form.Item>
            </Form>
            <div className="account-page__links">
              <Link to="/login">{t('account.loginLink')}</Link>
            </div>
          </>
        )}
      </div>
    </AppShell>
  );
}
