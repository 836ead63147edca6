import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { PitchCountdown } from './PitchCountdown';
import { RevealPanel } from './RevealPanel';
import { useScreenStream } from './useScreenStream';
import './screen.css';

const two = (x: number) => x.toFixed(2);

/** Rows the ranking shows at once at 1920×1080; a longer ranking turns pages. */
export const ROWS_PER_PAGE = 10;
const PAGE_MS = 8000;

/** The page of a long ranking on show, turning every few seconds. */
function usePage(rows: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    if (pages < 2) return;
    const id = window.setInterval(() => setTurn((n) => n + 1), PAGE_MS);
    return () => window.clearInterval(id);
  }, [pages]);
  return { page: turn % pages, pages };
}

/** A long title steps its size down so that it fits in three lines above the score. */
const titleSize = (title: string) =>
  title.length > 36 ? 'stage__title--longer' : title.length > 18 ? 'stage__title--long' : '';

/** 路演大屏: opened with a ticket in the URL, no login; updates itself. */
export default function ScreenPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [params] = useSearchParams();
  const ticket = params.get('ticket') ?? '';
  const room = params.get('room') ?? '';
  const { state, connection, ended } = useScreenStream(roundId, ticket, room);
  const ranking = state?.ranking ?? [];
  const { page, pages } = usePage(ranking.length);

  if (!ticket)
    return (
      <div className="screen screen--message">
        <p>{t('screen.noTicket')}</p>
      </div>
    );
  if (connection === 'ended')
    return (
      <div className="screen screen--message" role="alert">
        <h1>{t(`screen.ended.${ended ?? 'REVOKED'}.title`)}</h1>
        <p className="screen__help">{t(`screen.ended.${ended ?? 'REVOKED'}.help`)}</p>
      </div>
    );
  if (connection === 'expired')
    return (
      <div className="screen screen--message" role="alert">
        <h1>{t('screen.expiredTitle')}</h1>
        <p className="screen__help">{t('screen.expiredHelp')}</p>
      </div>
    );

  const stage = state?.nowPitching ?? null;
  // While the project on stage pitches or answers, the countdown holds the score's place.
  const timer = state?.timer ?? null;
  const running =
    !!stage &&
    timer?.projectId === stage.projectId &&
    (timer.phase === 'PITCH' || timer.phase === 'QA');
  return (
    <div className="screen">
      <header className="screen__head">
        <div>
          <div className="screen__heat">{state?.heatName}</div>
          <h1 className="screen__round">
            {state
              ? `${state.roundName}${state.room ? ` · ${state.room.name}` : ''}`
              : t('common.loading')}
          </h1>
          {state?.draw && (state.draw.seed || state.draw.announcedSeedHash) && (
            <div className="screen__draw" data-testid="screen-draw">
              {state.draw.seed
                ? t('screen.drawSeed', { seed: state.draw.seed })
                : t('screen.drawCommitted', { hash: state.draw.announcedSeedHash })}
            </div>
          )}
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
              <div className={`stage__title ${titleSize(stage.title)}`} title={stage.title}>
                {stage.title}
              </div>
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
              {running ? (
                <PitchCountdown timer={state!.timer!} />
              ) : stage.reveal ? (
                <RevealPanel reveal={stage.reveal} disputed={stage.disputed} />
              ) : stage.disputed ? (
                <div className="stage__score stage__score--disputed" data-testid="stage-disputed">
                  {t('screen.disputedResult')}
                </div>
              ) : (
                <div className="stage__score" data-testid="stage-score">
                  {stage.score !== null ? two(stage.score) : t('screen.scoring')}
                </div>
              )}
            </>
          ) : (
            <div className="stage__idle">{t('screen.nobodyOnStage')}</div>
          )}
        </section>
        <section className="board" aria-label={t('screen.ranking')}>
          <h2 className="stage__label">
            {state?.final ? t('screen.finalRanking') : t('screen.ranking')}
            {pages > 1 && (
              <span className="board__page" data-testid="board-page">
                {t('screen.page', { page: page + 1, pages })}
              </span>
            )}
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
              {ranking.slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE).map((e) => (
                <tr
                  key={e.projectId}
                  className={e.projectId === stage?.projectId ? 'board__row--stage' : ''}
                  data-disputed={e.disputed || undefined}
                >
                  <td className="board__rank">{e.rank}</td>
                  <td className="board__title">{e.title}</td>
                  {e.disputed ? (
                    <td className="board__score board__score--disputed">
                      {t('screen.disputedResult')}
                    </td>
                  ) : (
                    <td className="board__score">{two(e.score)}</td>
                  )}
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
