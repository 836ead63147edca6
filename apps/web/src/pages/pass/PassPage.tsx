import { Button, Card, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { session } from '../../api/token-store';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';

/**
 * A judge's one-time sign-in QR (the roadshow day): /pass#<token>. The token
 * travels in the fragment, which no server or proxy log sees, and is taken
 * off the address bar at once. The api binds the code to this phone (an
 * HttpOnly cookie), sets the session cookie and says where to go: the judge's
 * round page. A second phone, an expired or a revoked code gets its sentence.
 */
export default function PassPage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.slice(1));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const signIn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await call(api.POST('/api/v1/auth/pass', { body: { token } }));
      session.start();
      // A full load: the app starts again signed in, on the round.
      window.location.replace(answer.landingPath);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', '/pass');
    if (started.current || !token) return;
    started.current = true;
    void signIn();
    // Once per opened link; the button tries again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <AppShell title={t('pass.title')}>
      <Card className="check-in" data-testid="pass-page">
        {!token ? (
          <Result status="warning" title={t('pass.noToken')} />
        ) : busy ? (
          <Result icon={<Spin size="large" />} title={t('pass.signingIn')} />
        ) : (
          <>
            <ErrorAlert error={error} />
            <Button type="primary" size="large" block onClick={() => void signIn()}>
              {t('pass.retry')}
            </Button>
          </>
        )}
      </Card>
    </AppShell>
  );
}
