import { Button } from 'antd-mobile';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';

type Pledge = components['schemas']['JudgePledgeDto'];

/**
 * The competition's pledge of recusal and confidentiality (回避与保密承诺),
 * shown before anything else of the round until the judge accepts it; a
 * competition without a pledge shows the round at once.
 */
export function PledgeGate({ roundId, children }: { roundId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [pledge, setPledge] = useState<Pledge | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET('/api/v1/rounds/{id}/pledge', { params: { path: { id: roundId } } }))
      .then(setPledge)
      .catch(setError);
  }, [roundId]);

  if (error && !pledge) return <ErrorAlert error={error} />;
  if (!pledge) return <div className="page-loading">{t('common.loading')}</div>;
  if (!pledge.required || pledge.accepted) return <>{children}</>;

  const accept = () => {
    setBusy(true);
    call(api.POST('/api/v1/rounds/{id}/pledge/accept', { params: { path: { id: roundId } } }))
      .then(setPledge)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="card pledge" aria-labelledby="pledge-title">
      <h2 id="pledge-title" className="section-title">
        {t('judge.pledge.title')}
      </h2>
      <p className="muted">{t('judge.pledge.intro', { competition: pledge.competitionName })}</p>
      <div className="pledge__text" data-testid="pledge-text">
        {pledge.text}
      </div>
      <ErrorAlert error={error} />
      <Button block color="primary" size="large" loading={busy} onClick={accept}>
        {t('judge.pledge.accept')}
      </Button>
    </section>
  );
}
