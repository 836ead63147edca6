import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/query';
import { clock } from '../screen/PitchCountdown';

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
  const [arrivedAt, setArrivedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const data = timer.data;
  const running = !!data && (data.phase === 'PITCH' || data.phase === 'QA');
  useEffect(() => setArrivedAt(Date.now()), [data]);
  useEffect(() => {
    if (!running || data?.paused) return;
    const id = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(id);
  }, [running, data?.paused]);
  if (!data || !running) return null;
  const remaining = data.paused
    ? data.remainingMs
    : data.remainingMs - Math.max(0, now - arrivedAt);
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
