import {
  DEFAULT_PITCH_FORMAT,
  refuseTimerAction,
  TimerAction,
  timerAt,
  timingLog,
} from './pitch-timer';

const F = DEFAULT_PITCH_FORMAT; // 8 + 7, warning at 60 s
const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const act = (kind: TimerAction['kind'], at: number, minutes?: number): TimerAction =>
  minutes === undefined ? { kind, at } : { kind, at, minutes };

describe('timerAt', () => {
  it('is READY before the pitch starts', () => {
    expect(timerAt(F, [], s(0))).toMatchObject({ phase: 'READY', remainingMs: 0, level: 'NORMAL' });
  });

  it('counts the pitch down from 8 minutes, amber in the last minute, red and counting up after', () => {
    const log = [act('START_PITCH', s(0))];
    expect(timerAt(F, log, s(30))).toMatchObject({
      phase: 'PITCH',
      remainingMs: 450_000,
      level: 'NORMAL',
    });
    expect(timerAt(F, log, s(420))).toMatchObject({ remainingMs: 60_000, level: 'WARNING' });
    expect(timerAt(F, log, s(480))).toMatchObject({ remainingMs: 0, level: 'WARNING' });
    expect(timerAt(F, log, s(495))).toMatchObject({ remainingMs: -15_000, level: 'OVERRUN' });
  });

  it('derives the same state from the same log at the same server time (a reconnecting screen)', () => {
    const log = [act('START_PITCH', s(0)), act('START_QA', s(470))];
    expect(timerAt(F, log, s(600))).toEqual(timerAt(F, [...log], s(600)));
    expect(timerAt(F, log, s(600))).toMatchObject({ phase: 'QA', elapsedMs: 130_000 });
  });

  it('stops the clock while paused and resumes where it stopped', () => {
    const log = [act('START_PITCH', s(0)), act('PAUSE', s(100))];
    expect(timerAt(F, log, s(400))).toMatchObject({ paused: true, elapsedMs: 100_000 });
    const resumed = [...log, act('RESUME', s(400))];
    expect(timerAt(F, resumed, s(410))).toMatchObject({ paused: false, elapsedMs: 110_000 });
  });

  it('lengthens the Q&A by an extension, granted before or during it', () => {
    const during = [act('START_PITCH', s(0)), act('START_QA', s(480)), act('EXTEND_QA', s(600), 3)];
    expect(timerAt(F, during, s(600))).toMatchObject({ limitMs: 600_000, remainingMs: 480_000 });
    const before = [act('START_PITCH', s(0)), act('EXTEND_QA', s(100), 2), act('START_QA', s(480))];
    expect(timerAt(F, before, s(480))).toMatchObject({ phase: 'QA', limitMs: 540_000 });
  });

  it('is ENDED after END', () => {
    const log = [act('START_PITCH', s(0)), act('END', s(300))];
    expect(timerAt(F, log, s(900))).toMatchObject({ phase: 'ENDED', remainingMs: 0 });
  });
});

describe('refuseTimerAction', () => {
  it('allows the phases in order only', () => {
    expect(refuseTimerAction(F, [], act('START_QA', s(0)))).toEqual({
      code: 'TIMER_ACTION_NOT_ALLOWED',
      action: 'START_QA',
      phase: 'READY',
      paused: false,
    });
    expect(refuseTimerAction(F, [], act('START_PITCH', s(0)))).toBeNull();
    const ended = [act('START_PITCH', s(0)), act('END', s(10))];
    expect(refuseTimerAction(F, ended, act('START_PITCH', s(20)))?.code).toBe(
      'TIMER_ACTION_NOT_ALLOWED',
    );
    expect(refuseTimerAction(F, ended, act('PAUSE', s(20)))?.code).toBe('TIMER_ACTION_NOT_ALLOWED');
  });

  it('refuses a pause while paused, a resume while running, Q&A while paused', () => {
    const paused = [act('START_PITCH', s(0)), act('PAUSE', s(5))];
    expect(refuseTimerAction(F, paused, act('PAUSE', s(6)))).toMatchObject({ paused: true });
    expect(refuseTimerAction(F, paused, act('START_QA', s(6)))).not.toBeNull();
    expect(refuseTimerAction(F, paused, act('RESUME', s(6)))).toBeNull();
    expect(refuseTimerAction(F, [act('START_PITCH', s(0))], act('RESUME', s(1)))).not.toBeNull();
  });

  it('takes whole-minute extensions up to 30 minutes in all', () => {
    const log = [act('START_PITCH', s(0)), act('START_QA', s(480))];
    expect(refuseTimerAction(F, log, act('EXTEND_QA', s(500), 0))).toEqual({
      code: 'TIMER_EXTENSION_INVALID',
      maxMinutes: 30,
    });
    expect(refuseTimerAction(F, log, act('EXTEND_QA', s(500), 1.5))?.code).toBe(
      'TIMER_EXTENSION_INVALID',
    );
    const extended = [...log, act('EXTEND_QA', s(500), 25)];
    expect(refuseTimerAction(F, extended, act('EXTEND_QA', s(510), 6))).toEqual({
      code: 'TIMER_EXTENSION_INVALID',
      maxMinutes: 5,
    });
    expect(refuseTimerAction(F, extended, act('EXTEND_QA', s(510), 5))).toBeNull();
  });

  it('refuses an action stamped before the last one', () => {
    expect(refuseTimerAction(F, [act('START_PITCH', s(10))], act('END', s(9)))).toEqual({
      code: 'TIMER_CLOCK_BACKWARDS',
    });
  });
});

describe('timingLog', () => {
  it('records each phase with its pauses, limit, extension and overrun', () => {
    const log = timingLog(F, [
      act('START_PITCH', s(0)),
      act('PAUSE', s(60)),
      act('RESUME', s(90)),
      act('START_QA', s(540)), // 510 s run: 30 s over the 480 s pitch
      act('EXTEND_QA', s(600), 2),
      act('END', s(1100)), // 560 s of Q&A against 9 minutes (540 s): 20 s over
    ]);
    expect(log).toEqual([
      {
        phase: 'PITCH',
        startedAt: s(0),
        endedAt: s(540),
        activeMs: 510_000,
        pausedMs: 30_000,
        limitMs: 480_000,
        overrunMs: 30_000,
        extensionMinutes: 0,
      },
      {
        phase: 'QA',
        startedAt: s(540),
        endedAt: s(1100),
        activeMs: 560_000,
        pausedMs: 0,
        limitMs: 540_000,
        overrunMs: 20_000,
        extensionMinutes: 2,
      },
    ]);
  });

  it('counts a pause still open at END', () => {
    const [pitch] = timingLog(F, [
      act('START_PITCH', s(0)),
      act('PAUSE', s(100)),
      act('END', s(160)),
    ]);
    expect(pitch).toMatchObject({ activeMs: 100_000, pausedMs: 60_000, overrunMs: 0 });
  });
});
