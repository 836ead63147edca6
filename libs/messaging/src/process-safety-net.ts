// The last resort behind the explicit handlers ('error' listeners on every pg
// and Redis client, try/catch in loops and jobs). A rejected promise nobody
// awaited leaves no state half-changed (transactions roll back), so it is
// logged and the process keeps serving. An uncaught exception may have left
// anything half-done: it is logged and the process exits, to be restarted by
// the launcher or the container runtime (a clean start beats a corrupt one).
export interface SafetyNetLogger {
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

export function installProcessSafetyNet(
  processName: string,
  logger: SafetyNetLogger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  process.on('unhandledRejection', (reason) => {
    logger.error(
      {
        process: processName,
        err: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
      },
      'unhandled promise rejection (logged, process keeps running); this is a bug to fix',
    );
  });
  process.on('uncaughtException', (error) => {
    logger.fatal(
      { process: processName, err: error.stack ?? error.message },
      'uncaught exception; exiting so the supervisor restarts a clean process',
    );
    exit(1);
  });
}

// Structured lines in pino's shape, usable before (and without) Nest's logger.
export const jsonLineLogger: SafetyNetLogger = {
  error: (obj, msg) => console.error(JSON.stringify({ level: 50, time: Date.now(), ...obj, msg })),
  fatal: (obj, msg) => console.error(JSON.stringify({ level: 60, time: Date.now(), ...obj, msg })),
};
