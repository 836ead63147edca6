import { loadConfig } from '@app/config';

// Worker options are read when the processor class is declared (the
// @Processor decorator takes them statically), from the same checked config.
export function workerOptions() {
  const config = loadConfig();
  return {
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(config.WORKER_LOCK_MS / 2)),
    // A killed worker leaves its jobs stalled; they must go back to waiting
    // (not fail) however often a deploy or crash interrupts them.
    maxStalledCount: 100,
  };
}
