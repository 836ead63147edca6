// Runs the api and the worker as N processes each and keeps them running: a
// process that exits while the product is up (a crash, an OOM kill, kill -9)
// is started again after an exponential backoff (1 s, 2 s, 4 s … capped at
// 30 s; back to 1 s once a process has stayed up for a minute), and each
// restart is logged. The api processes are Node cluster workers of the
// launcher, so N of them share one port (the primary accepts connections and
// hands them out round-robin); worker processes are plain children.
import { ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import type { LogSink } from './launcher-log';
import { stopProcess } from './launcher-services';

const BACKOFF_START_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const STABLE_AFTER_MS = 60000;

export function backoffDelay(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, failures - 1));
}

interface Slot {
  label: string;
  process?: ChildProcess;
  startedAt: number;
  failures: number;
  ready: boolean;
  timer?: NodeJS.Timeout;
}

export class Supervisor {
  private readonly slots: Slot[] = [];
  private stopping = false;

  constructor(
    private readonly sink: LogSink,
    private readonly env: NodeJS.ProcessEnv,
    private readonly scripts: { api: string; worker: string },
  ) {}

  start(apiProcesses: number, workerProcesses: number): void {
    cluster.setupPrimary({ exec: this.scripts.api, silent: true });
    for (let i = 1; i <= apiProcesses; i++)
      this.launch(this.slot(apiProcesses > 1 ? `api#${i}` : 'api'));
    for (let i = 1; i <= workerProcesses; i++)
      this.launch(this.slot(workerProcesses > 1 ? `worker#${i}` : 'worker'));
  }

  /** Every process has said it is ready (api: listening; worker: started). */
  get ready(): boolean {
    return this.slots.every((s) => s.ready);
  }

  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.slots.map((s) => [s.label, s.process?.pid]));
  }

  // SIGTERM to every process, then each gets `graceMs` to finish by itself (a
  // worker lets its active jobs finish, up to SHUTDOWN_GRACE_MS) before SIGKILL.
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const s of this.slots) clearTimeout(s.timer);
    await Promise.all(
      this.slots.map(async (s) => {
        const child = s.process;
        if (!child) return;
        const started = Date.now();
        const killed = await stopProcess(child, 'SIGTERM', graceMs);
        const fields = {
          pid: child.pid,
          code: child.exitCode,
          signal: child.signalCode,
          ms: Date.now() - started,
        };
        if (killed)
          this.sink.log('warn', `${s.label} did not stop within ${graceMs} ms; killed`, fields);
        else this.sink.log('info', `${s.label} stopped`, fields);
      }),
    );
  }

  /** Last resort when the launcher itself exits: no process is left behind. */
  killAll(): void {
    for (const s of this.slots) if (s.process?.exitCode === null) s.process.kill('SIGKILL');
  }

  private slot(label: string): Slot {
    const slot: Slot = { label, startedAt: 0, failures: 0, ready: false };
    this.slots.push(slot);
    return slot;
  }

  private launch(slot: Slot): void {
    slot.startedAt = Date.now();
    slot.ready = false;
    let child: ChildProcess;
    if (slot.label.startsWith('api')) {
      const worker = cluster.fork(this.env);
      worker.once('listening', () => (slot.ready = true));
      child = worker.process;
    } else {
      child = spawn(process.execPath, [this.scripts.worker], {
        env: this.env,
        // Its own process group: the launcher decides when it stops (see launcher-services.ts).
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      child.on('message', (m) => {
        if (m === 'ready') slot.ready = true;
      });
    }
    slot.process = child;
    this.sink.follow(child.stdout, slot.label);
    this.sink.follow(child.stderr, slot.label);
    child.once('exit', (code, signal) => this.exited(slot, child, code, signal));
  }

  private exited(
    slot: Slot,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (this.stopping || slot.process !== child) return;
    slot.failures = Date.now() - slot.startedAt >= STABLE_AFTER_MS ? 1 : slot.failures + 1;
    const delayMs = backoffDelay(slot.failures);
    this.sink.log('warn', `${slot.label} exited unexpectedly; restarting it`, {
      code,
      signal,
      pid: child.pid,
      restartInMs: delayMs,
      attempt: slot.failures,
    });
    slot.ready = false;
    slot.timer = setTimeout(() => {
      if (!this.stopping) this.launch(slot);
    }, delayMs);
  }
}
