import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenState } from './useScreenStream';

type Timer = NonNullable<ScreenState['timer']>;

/** m:ss of a duration; an overrun counts up with a plus sign. */
export function clock(ms: number): string {
  const over = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `+${text}` : text;
}

/**
 * The pitch's countdown for the hall. The server sends the remaining time at
 * its own clock (serverNow); the page counts on from the moment the frame
 * arrived, so a screen that reconnects shows the server's time again and
 * never a restarted countdown.
 */
export function PitchCountdown({ timer }: { timer: Timer }) {
  const { t } = useTranslation();
  const [arrivedAt, setArrivedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setArrivedAt(Date.now()), [timer]);
  useEffect(() => {
    if (timer.paused) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [timer.paused]);
  const remaining = timer.paused
    ? timer.remainingMs
    : timer.remainingMs - Math.max(0, now - arrivedAt);
  const level =
    remaining < 0
      ? 'OVERRUN'
      : remaining <= timer.format.warningSeconds * 1000
        ? 'WARNING'
        : 'NORMAL';
  return (
    <div
      className={`countdown countdown--${level.toLowerCase()}`}
      role="timer"
      data-testid="countdown"
      data-level={level}
    >
      <div className="countdown__phase">
        {t(`screen.timerPhase.${timer.phase}`)}
        {timer.paused && <span className="countdown__paused">{t('screen.timerPaused')}</span>}
        {level === 'OVERRUN' && <span className="countdown__over">{t('screen.timerOverrun')}</span>}
      </div>
      <div className="countdown__time">{clock(remaining)}</div>
    </div>
  );
}
