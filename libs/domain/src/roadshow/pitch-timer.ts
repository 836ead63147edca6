// The pitch timer of a roadshow slot ("8+7": 8 minutes' pitch, 7 minutes'
// Q&A), kept as the list of actions the host took, each stamped with the
// server's clock. Every screen and phone derives the same state from that list
// and the server's time, so a screen that reconnects shows the right time and
// never a restarted countdown; the same list is the slot's timing log.

export interface PitchFormat {
  pitchMinutes: number;
  qaMinutes: number;
  // Amber this long before the end of a phase (FIELD.md: 1 minute).
  warningSeconds: number;
}

export const DEFAULT_PITCH_FORMAT: PitchFormat = {
  pitchMinutes: 8,
  qaMinutes: 7,
  warningSeconds: 60,
};

export type TimerPhase = 'READY' | 'PITCH' | 'QA' | 'ENDED';
export type TimerActionKind = 'START_PITCH' | 'START_QA' | 'PAUSE' | 'RESUME' | 'EXTEND_QA' | 'END';

export interface TimerAction {
  kind: TimerActionKind;
  at: number; // epoch ms, the server's clock
  minutes?: number; // EXTEND_QA only
}

export type TimerLevel = 'NORMAL' | 'WARNING' | 'OVERRUN';

export interface TimerState {
  phase: TimerPhase;
  paused: boolean;
  // Time run in the current phase, pauses excluded.
  elapsedMs: number;
  // The current phase's length, Q&A extensions included; 0 when READY/ENDED.
  limitMs: number;
  // limitMs − elapsedMs: negative on overrun, when the screen counts up in red.
  remainingMs: number;
  level: TimerLevel;
  qaExtensionMinutes: number;
}

export interface PhaseRecord {
  phase: 'PITCH' | 'QA';
  startedAt: number;
  endedAt: number | null;
  activeMs: number;
  pausedMs: number;
  limitMs: number;
  overrunMs: number;
  extensionMinutes: number;
}

export type TimerRefusal =
  | {
      code: 'TIMER_ACTION_NOT_ALLOWED';
      action: TimerActionKind;
      phase: TimerPhase;
      paused: boolean;
    }
  | { code: 'TIMER_EXTENSION_INVALID'; maxMinutes: number }
  | { code: 'TIMER_CLOCK_BACKWARDS' };

export const MAX_QA_EXTENSION_MINUTES = 30;

interface Replay {
  phase: TimerPhase;
  paused: boolean;
  phases: PhaseRecord[];
  pausedSince: number | null;
  extension: number;
}

const MINUTE = 60_000;

function limitOf(format: PitchFormat, phase: TimerPhase, extension: number): number {
  if (phase === 'PITCH') return format.pitchMinutes * MINUTE;
  if (phase === 'QA') return (format.qaMinutes + extension) * MINUTE;
  return 0;
}

// Which action the state allows; null when allowed.
export function refuseTimerAction(
  format: PitchFormat,
  actions: readonly TimerAction[],
  action: TimerAction,
): TimerRefusal | null {
  const last = actions[actions.length - 1];
  if (last && action.at < last.at) return { code: 'TIMER_CLOCK_BACKWARDS' };
  const { phase, paused } = replay(format, actions);
  const notAllowed = {
    code: 'TIMER_ACTION_NOT_ALLOWED' as const,
    action: action.kind,
    phase,
    paused,
  };
  const running = phase === 'PITCH' || phase === 'QA';
  switch (action.kind) {
    case 'START_PITCH':
      return phase === 'READY' ? null : notAllowed;
    case 'START_QA':
      return phase === 'PITCH' && !paused ? null : notAllowed;
    case 'PAUSE':
      return running && !paused ? null : notAllowed;
    case 'RESUME':
      return running && paused ? null : notAllowed;
    case 'END':
      return running ? null : notAllowed;
    case 'EXTEND_QA': {
      // Judges extend the Q&A of a promising project, before or during it.
      if (!running) return notAllowed;
      const m = action.minutes;
      const { extension } = replay(format, actions);
      if (m == null || !Number.isInteger(m) || m < 1 || extension + m > MAX_QA_EXTENSION_MINUTES)
        return {
          code: 'TIMER_EXTENSION_INVALID',
          maxMinutes: MAX_QA_EXTENSION_MINUTES - extension,
        };
      return null;
    }
  }
}

function replay(format: PitchFormat, actions: readonly TimerAction[]): Replay {
  const r: Replay = { phase: 'READY', paused: false, phases: [], pausedSince: null, extension: 0 };
  const current = () => r.phases[r.phases.length - 1];
  const close = (at: number) => {
    const p = current();
    if (!p || p.endedAt !== null) return;
    if (r.pausedSince !== null) p.pausedMs += at - r.pausedSince;
    r.pausedSince = null;
    r.paused = false;
    p.endedAt = at;
    p.activeMs = at - p.startedAt - p.pausedMs;
    p.limitMs = limitOf(format, p.phase, p.phase === 'QA' ? r.extension : 0);
    p.overrunMs = Math.max(0, p.activeMs - p.limitMs);
  };
  const open = (phase: 'PITCH' | 'QA', at: number) => {
    r.phase = phase;
    r.phases.push({
      phase,
      startedAt: at,
      endedAt: null,
      activeMs: 0,
      pausedMs: 0,
      limitMs: limitOf(format, phase, r.extension),
      overrunMs: 0,
      extensionMinutes: 0,
    });
  };
  // The stored list holds accepted actions only (refuseTimerAction ran first).
  for (const a of actions) {
    switch (a.kind) {
      case 'START_PITCH':
        if (r.phase === 'READY') open('PITCH', a.at);
        break;
      case 'START_QA':
        if (r.phase === 'PITCH') {
          close(a.at);
          open('QA', a.at);
        }
        break;
      case 'PAUSE':
        if ((r.phase === 'PITCH' || r.phase === 'QA') && !r.paused) {
          r.paused = true;
          r.pausedSince = a.at;
        }
        break;
      case 'RESUME':
        if (r.paused && r.pausedSince !== null) {
          current().pausedMs += a.at - r.pausedSince;
          r.paused = false;
          r.pausedSince = null;
        }
        break;
      case 'EXTEND_QA':
        r.extension += a.minutes ?? 0;
        if (r.phase === 'QA') current().limitMs = limitOf(format, 'QA', r.extension);
        break;
      case 'END':
        if (r.phase === 'PITCH' || r.phase === 'QA') {
          close(a.at);
          r.phase = 'ENDED';
        }
        break;
    }
  }
  // An extension granted during the pitch belongs to the Q&A that follows.
  const qa = r.phases.find((p) => p.phase === 'QA');
  if (qa) qa.extensionMinutes = r.extension;
  return r;
}

export function timerAt(
  format: PitchFormat,
  actions: readonly TimerAction[],
  now: number,
): TimerState {
  const r = replay(format, actions);
  const p = r.phases[r.phases.length - 1];
  if (!p || r.phase === 'READY' || r.phase === 'ENDED')
    return {
      phase: r.phase,
      paused: false,
      elapsedMs: 0,
      limitMs: 0,
      remainingMs: 0,
      level: 'NORMAL',
      qaExtensionMinutes: r.extension,
    };
  const until = r.pausedSince ?? now;
  const elapsedMs = Math.max(0, until - p.startedAt - p.pausedMs);
  const limitMs = limitOf(format, r.phase, r.extension);
  const remainingMs = limitMs - elapsedMs;
  const level: TimerLevel =
    remainingMs < 0
      ? 'OVERRUN'
      : remainingMs <= format.warningSeconds * 1000
        ? 'WARNING'
        : 'NORMAL';
  return {
    phase: r.phase,
    paused: r.paused,
    elapsedMs,
    limitMs,
    remainingMs,
    level,
    qaExtensionMinutes: r.extension,
  };
}

// The slot's timing log: each phase run, its pauses, limit and overrun.
export function timingLog(format: PitchFormat, actions: readonly TimerAction[]): PhaseRecord[] {
  return replay(format, actions).phases.map((p) => ({ ...p }));
}
