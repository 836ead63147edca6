import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { useScreenStream } from './useScreenStream';
import './screen.css';

const two = (x: number) => x.toFixed(2);

/** 路演大屏: opened with a ticket in the URL, no login; updates itself. */
export default function ScreenPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [params] = useSearchParams();
  const ticket = params.get('ticket') ?? '';
  const { state, connection } = useScreenStream(roundId, ticket);

  if (!ticket)
    return (
      <div className="screen screen--message">
        <p>{t('screen.noTicket')}</p>
      </div>
    );

  const stage = state?.nowPitching ?? null;
  return (
    <div className="screen">
      <header className="screen__head">
        <div>
          <div className="screen__heat">{state?.heatName}</div>
          <h1 className="screen__round">{state?.roundName ?? t('common.loading')}</h1>
        </div>
        <div className="screen__meta">
          {state && <span>{t(`screen.method.${state.method}`)}</span>}
          <span className={`screen__dot screen__dot--${connection}`} role="status">
            {t(`screen.connection.${connection}`)}
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main className="screen__body">
        <section className="stage" aria-label={t('screen.onStage')}>
          <h2 className="stage__label">{t('screen.onStage')}</h2>
          {stage ? (
            <>
              {stage.position !== null && (
                <div className="stage__position">{t('screen.position', { n: stage.position })}</div>
              )}
              <div className="stage__title">{stage.title}</div>
              <div className="stage__org">{stage.organisationName}</div>
              <div className="stage__judges" data-testid="stage-submitted">
                {t('screen.judgesSubmitted', {
                  submitted: stage.submitted,
                  assigned: stage.assigned,
                })}
              </div>
              <div className="stage__pips" aria-hidden="true">
                {Array.from({ length: stage.assigned }, (_, i) => (
                  <span key={i} className={i < stage.submitted ? 'pip pip--on' : 'pip'} />
                ))}
              </div>
              <div className="stage__score" data-testid="stage-score">
                {stage.score !== null ? two(stage.score) : t('screen.scoring')}
              </div>
            </>
          ) : (
            <div className="stage__idle">{t('screen.nobodyOnStage')}</div>
          )}
        </section>
        <section className="board" aria-label={t('screen.ranking')}>
          <h2 className="stage__label">
            {state?.final ? t('screen.finalRanking') : t('screen.ranking')}
          </h2>
          <table className="board__table">
            <thead>
              <tr>
                <th scope="col">{t('screen.rank')}</th>
                <th scope="col">{t('screen.project')}</th>
                <th scope="col">{t('screen.score')}</th>
              </tr>
            </thead>
            <tbody>
              {state?.ranking.slice(0, 12).map((e) => (
                <tr
                  key={e.projectId}
                  className={e.projectId === stage?.projectId ? 'board__row--stage' : ''}
                >
                  <td className="board__rank">{e.rank}</td>
                  <td className="board__title">{e.title}</td>
                  <td className="board__score">{two(e.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state && state.ranking.length === 0 && (
            <p className="board__empty">{t('screen.noScores')}</p>
          )}
        </section>
      </main>
    </div>
  );
}
