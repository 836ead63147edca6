import { useTranslation } from 'react-i18next';
import { clock, useCountdown } from '../../components/countdown';
import type { ScreenState } from './useScreenStream';

type Timer = NonNullable<ScreenState['timer']>;

/**
 * The pitch's countdown for the hall. The server sends the remaining time at
 * its own clock (serverNow); the page counts on from the moment the frame
 * arrived, so a screen that reconnects shows the server's time again and
 * never a restarted countdown.
 */
export function PitchCountdown({ timer }: { timer: Timer }) {
  const { t } = useTranslation();
  const remaining = useCountdown(timer);
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
