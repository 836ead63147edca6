import { Button, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { MIN_PASSWORD_LENGTH } from './password-rules';

/** Where the invitation mail and the password-reset mail both link to. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const onFinish = async (values: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await call(
        api.POST('/api/v1/auth/password', { body: { token, password: values.password } }),
      );
      setDone(user.email);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <AppShell title={t('account.setPasswordTitle')}>
        <div className="account-page card">
          <Result
            status="success"
            title={t('account.passwordSet')}
            description={t('account.passwordSetHint', { email: done })}
          />
          <Link to="/login" className="big-link">
            {t('account.login')}
          </Link>
        </div>
      </AppShell>
    );

  return (
    <AppShell title={t('account.setPasswordTitle')}>
      <div className="account-page">
        {!token && <p>{t('account.tokenMissing')}</p>}
        <ErrorAlert error={error} />
        <Form
          form={form}
          name="set-password"
          layout="vertical"
          onFinish={(values: { password: string }) => void onFinish(values)}
          disabled={!token}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('account.savePassword')}
            </Button>
          }
        >
          <Form.Item
            name="password"
            label={t('account.newPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            rules={[{ required: true, min: MIN_PASSWORD_LENGTH }]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirmPassword')}
            dependencies={['password']}
            rules={[
              { required: true },
              {
                validator: (_, value) =>
                  value === form.getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.passwordsDiffer'))),
              },
            ]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </div>
    </AppShell>
  );
}
