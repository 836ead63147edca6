import { useTranslation } from 'react-i18next';
import { $api } from '../../api/query';
import { clock, useCountdown } from '../../components/countdown';

/**
 * The pitch timer on a judge's phone during the roadshow: the phase and the
 * time left by the server's clock (refreshed every few seconds, counted on
 * locally in between), amber near the end, red over time.
 */
export function JudgeTimer({ roundId, open }: { roundId: string; open: boolean }) {
  const { t } = useTranslation();
  const timer = $api.useQuery(
    'get',
    '/api/v1/rounds/{id}/timer',
    { params: { path: { id: roundId } } },
    { enabled: open, refetchInterval: 5000 },
  );
  const data = timer.data;
  const remaining = useCountdown(data, 500);
  if (!data || (data.phase !== 'PITCH' && data.phase !== 'QA')) return null;
  const level =
    remaining < 0
      ? 'overrun'
      : remaining <= data.format.warningSeconds * 1000
        ? 'warning'
        : 'normal';
  return (
    <section className={`card judge-timer judge-timer--${level}`} role="timer" aria-live="off">
      <span className="judge-timer__phase">
        {t(`judge.timerPhase.${data.phase}`)}
        {data.paused ? ` · ${t('judge.timerPaused')}` : ''}
      </span>
      <span className="judge-timer__time">{clock(remaining)}</span>
    </section>
  );
}
