import { ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatScore } from './score-math';
import { JudgeTimer } from './JudgeTimer';
import { PledgeGate } from './PledgeGate';
import { SignSheetCard } from './SignSheetCard';
import { MeetingLinks } from './MeetingLinks';
import { StatusTag } from './StatusTag';
import { useJudgeRound } from './useJudgeRound';

/** A round: its rubric and method, my projects in pitch order, my progress. */
export function JudgeRoundPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const { round, error } = useJudgeRound(roundId);

  return (
    <AppShell title={round?.name ?? t('judge.round')}>
      <Link to="/judge" className="back-link">
        ‹ {t('judge.myRounds')}
      </Link>
      <ErrorAlert error={error} />
      {!round && !error && <div className="page-loading">{t('common.loading')}</div>}
      {round && (
        <PledgeGate roundId={roundId}>
          <JudgeTimer roundId={roundId} open={round.status === 'OPEN'} />
          <MeetingLinks roundId={roundId} />
          <section className="card">
            <div className="judge-round-card__head">
              <span className="muted">{round.heatName}</span>
              <StatusTag status={round.status} />
            </div>
            <div className="judge-progress">
              <ProgressBar
                percent={
                  round.progress.assigned
                    ? (100 * round.progress.submitted) / round.progress.assigned
                    : 0
                }
              />
              <span>{t('judge.progress', round.progress)}</span>
            </div>
            <details className="rubric">
              <summary>
                {t('judge.rubric')} · {t(`judge.method.${round.method}`, { trim: round.trim })}
              </summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('judge.criterion')}</th>
                    <th scope="col">{t('judge.weight')}</th>
                    <th scope="col">{t('judge.max')}</th>
                  </tr>
                </thead>
                <tbody>
                  {round.criteria.map((c) => (
                    <tr key={c.code}>
                      <td>{c.name}</td>
                      <td>{Math.round(c.weight * 1000) / 10}%</td>
                      <td>{c.maxScore}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">{t('judge.formula')}</p>
            </details>
          </section>
          <h2 className="section-title">{t('judge.projects')}</h2>
          {round.projects.length === 0 && <p className="card muted">{t('judge.noProjects')}</p>}
          <ol className="judge-projects">
            {round.projects.map((p) => (
              <li key={p.projectId}>
                <Link
                  to={`/judge/rounds/${round.id}/projects/${p.projectId}`}
                  className={
                    p.projectId === round.nowPitchingProjectId
                      ? 'card judge-project judge-project--on-stage'
                      : 'card judge-project'
                  }
                >
                  <span className="judge-project__pos">{p.pitchPosition ?? '·'}</span>
                  <span className="judge-project__body">
                    <span className="judge-project__title">{p.title}</span>
                    <span className="muted">{p.organisationName}</span>
                    {p.projectId === round.nowPitchingProjectId && (
                      <span className="on-stage">{t('judge.onStage')}</span>
                    )}
                  </span>
                  <span className="judge-project__status">
                    <StatusTag status={p.scoreStatus} kind="score" />
                    {p.total !== null && (
                      <span className="judge-total">{formatScore(p.total)}</span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          {round.kind === 'ROADSHOW' && round.projects.length > 0 && (
            <SignSheetCard roundId={roundId} />
          )}
        </PledgeGate>
      )}
    </AppShell>
  );
}
