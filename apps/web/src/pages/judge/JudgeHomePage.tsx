import { ProgressBar, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { ExpertInvitations } from './ExpertInvitations';
import { StatusTag } from './StatusTag';

type RoundSummary = components['schemas']['JudgeRoundSummaryDto'];

/** My rounds, each with my progress ("7 of 12 submitted"). */
export function JudgeHomePage() {
  const { t } = useTranslation();
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const [version, setVersion] = useState(0);

  useEffect(() => {
    call(api.GET('/api/v1/judge/rounds'))
      .then((r) => setRounds(r.items))
      .catch(setError);
  }, [version]);

  return (
    <AppShell title={t('judge.myRounds')}>
      <ErrorAlert error={error} />
      <ExpertInvitations onAnswered={() => setVersion((v) => v + 1)} />
      {rounds === null && !error && <div className="page-loading">{t('common.loading')}</div>}
      {rounds?.length === 0 && <p className="card muted">{t('judge.noRounds')}</p>}
      {rounds?.map((r) => (
        <Link key={r.id} to={`/judge/rounds/${r.id}`} className="card judge-round-card">
          <div className="judge-round-card__head">
            <span className="judge-round-card__name">{r.name}</span>
            <StatusTag status={r.status} />
          </div>
          <div className="muted">{r.heatName}</div>
          <div className="judge-progress">
            <ProgressBar
              percent={r.progress.assigned ? (100 * r.progress.submitted) / r.progress.assigned : 0}
            />
            <span>{t('judge.progress', r.progress)}</span>
          </div>
          {r.status === 'OPEN' && r.progress.submitted < r.progress.assigned && (
            <Tag color="warning" fill="outline">
              {t('judge.toScore', { count: r.progress.assigned - r.progress.submitted })}
            </Tag>
          )}
        </Link>
      ))}
    </AppShell>
  );
}
