import { Button, Dialog, Result, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { AppShell } from '../../layout/AppShell';
import { JudgeTimer } from './JudgeTimer';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { ConflictButton } from './ConflictButton';
import { ProjectAnswers } from './ProjectAnswers';
import { ProjectFiles } from './ProjectFiles';
import { ScoreForm } from './ScoreForm';
import { isComplete, runningTotal } from './score-math';
import { submitScore } from './submit-score';
import { useJudgeRound } from './useJudgeRound';
import { useScoreDraft } from './useScoreDraft';

type Project = components['schemas']['JudgeProjectDto'];

/** One project: its materials, and my score drawn from the round's rubric. */
export function JudgeProjectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { roundId = '', projectId = '' } = useParams();
  const { round, error: roundError } = useJudgeRound(roundId);
  const [project, setProject] = useState<Project | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [submitted, setSubmitted] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const load = useCallback(() => {
    call(
      api.GET('/api/v1/judge/rounds/{id}/projects/{projectId}', {
        params: { path: { id: roundId, projectId } },
      }),
    )
      .then((p) => {
        setProject(p);
        setSubmitted(p.myScore?.status === 'SUBMITTED');
      })
      .catch(setLoadError);
  }, [roundId, projectId]);
  useEffect(load, [load]);
  // A toast belongs to this page: do not carry it onto the next one.
  useEffect(() => () => Toast.clear(), []);

  const criteria = round?.criteria ?? null;
  const draft = useScoreDraft(
    { judgeId: user?.id ?? '', roundId, projectId },
    criteria,
    project ? project.myScore : undefined,
  );
  const locked = submitted || round?.status !== 'OPEN';
  const complete = !!criteria && isComplete(criteria, draft.scores);

  const submit = async () => {
    if (!criteria || !isComplete(criteria, draft.scores)) return;
    const ok = await Dialog.confirm({
      title: t('judge.confirmSubmitTitle'),
      content: t('judge.confirmSubmit', { total: runningTotal(criteria, draft.scores).toFixed(2) }),
      confirmText: t('judge.submit'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await draft.settle();
      await submitScore(roundId, projectId, { scores: draft.scores, comment: draft.comment });
      draft.forget();
      setSubmitted(true);
      Toast.show({ icon: 'success', content: t('judge.submitted') });
    } catch (e) {
      setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const error = roundError ?? loadError;
  return (
    <AppShell title={project?.title ?? t('judge.project')}>
      <Link to={`/judge/rounds/${roundId}`} className="back-link">
        ‹ {round?.name ?? t('judge.round')}
      </Link>
      {round && <JudgeTimer roundId={roundId} open={round.status === 'OPEN'} />}
      <ErrorAlert error={error} />
      {(!project || !round) && !error && <div className="page-loading">{t('common.loading')}</div>}
      {project && round && (
        <>
          <section className="card materials" aria-label={t('judge.materials')}>
            <dl>
              {/* Blind rounds withhold the organisation and the team. */}
              {project.organisation && (
                <>
                  <dt>{t('judge.organisation')}</dt>
                  <dd>
                    {project.organisation.name}
                    {project.organisation.city && ` · ${project.organisation.city}`}
                  </dd>
                </>
              )}
              <dt>{t('judge.track')}</dt>
              <dd>{project.trackName || project.trackCode}</dd>
              {project.fundingStage && (
                <>
                  <dt>{t('judge.fundingStage')}</dt>
                  <dd>
                    {t(`fundingStage.${project.fundingStage}`, {
                      defaultValue: project.fundingStage,
                    })}
                  </dd>
                </>
              )}
              {project.teamSize !== undefined && (
                <>
                  <dt>{t('judge.teamSize')}</dt>
                  <dd>{project.teamSize}</dd>
                </>
              )}
            </dl>
            <p className="materials__summary">{project.summary}</p>
            {project.pitchDeckUrl && (
              <a href={project.pitchDeckUrl} target="_blank" rel="noreferrer noopener">
                {t('judge.pitchDeck')} ↗
              </a>
            )}
          </section>

          <ProjectAnswers answers={project.answers} />

          <ProjectFiles projectId={projectId} />

          {submitted ? (
            <section className="card">
              <Result
                status="success"
                title={t('judge.submitted')}
                description={t('judge.submittedTotal', {
                  total: runningTotal(round.criteria, draft.scores).toFixed(2),
                })}
              />
              <ScoreForm
                criteria={round.criteria}
                scores={draft.scores}
                comment={draft.comment}
                disabled
                onChange={() => undefined}
              />
            </section>
          ) : (
            <section className="card" aria-label={t('judge.myScore')}>
              {round.status !== 'OPEN' && <p className="notice">{t('judge.roundNotOpen')}</p>}
              <ScoreForm
                criteria={round.criteria}
                scores={draft.scores}
                comment={draft.comment}
                disabled={locked || !draft.ready}
                onChange={draft.edit}
              />
              <SyncLine state={draft.sync} complete={complete} />
              <ErrorAlert error={draft.error ?? submitError} />
              {submitError instanceof ApiError && submitError.isNetwork && (
                <p className="notice">{t('judge.submitUnconfirmed')}</p>
              )}
              <Button
                block
                color="primary"
                size="large"
                disabled={locked || !complete}
                loading={submitting}
                onClick={() => void submit()}
              >
                {submitError ? t('judge.retrySubmit') : t('judge.submit')}
              </Button>
              {!complete && !locked && <p className="muted hint">{t('judge.fillAll')}</p>}
            </section>
          )}
          {!submitted && round.status !== 'CLOSED' && user && (
            <ConflictButton
              roundId={roundId}
              projectId={projectId}
              judgeId={user.id}
              onDeclared={() => void navigate(`/judge/rounds/${roundId}`, { replace: true })}
            />
          )}
        </>
      )}
    </AppShell>
  );
}

function SyncLine({ state, complete }: { state: string; complete: boolean }) {
  const { t } = useTranslation();
  const text =
    state === 'local' && !complete
      ? t('judge.sync.partial')
      : t(`judge.sync.${state}`, { defaultValue: '' });
  return (
    <p className={`sync sync--${state}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
