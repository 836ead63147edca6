import { useEffect, useState } from 'react';

/** m:ss of a duration; an overrun counts up with a plus sign. */
export function clock(ms: number): string {
  const over = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `+${text}` : text;
}

interface TimerAnswer {
  phase: string;
  paused: boolean;
  remainingMs: number;
}

/**
 * The time left of a pitch timer the server answered: its remainingMs at the
 * server's clock, counted on locally from the moment the answer arrived, so
 * the screen, the console and a judge's phone never restart a countdown and
 * agree with the server on every refresh. Still while paused or not running.
 */
export function useCountdown(timer: TimerAnswer | null | undefined, tickMs = 250): number {
  const [arrivedAt, setArrivedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setArrivedAt(Date.now()), [timer]);
  const running = !!timer && !timer.paused && (timer.phase === 'PITCH' || timer.phase === 'QA');
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setNow(Date.now()), tickMs);
    return () => window.clearInterval(id);
  }, [running, tickMs]);
  if (!timer) return 0;
  return running ? timer.remainingMs - Math.max(0, now - arrivedAt) : timer.remainingMs;
}
