import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * With CPU_PROFILE_DIR set, SIGUSR2 toggles a sampling CPU profile of this
 * process: the first signal starts it, the next writes
 * `<dir>/api-<pid>-<n>.cpuprofile` (Chrome DevTools' format) and stops. The
 * bench profiles exactly its burst this way (node's --cpu-prof profiles a
 * whole life, start-up included); an operator can profile a slow api in place.
 */
export function installCpuProfileSignal(
  dir: string | undefined,
  log: (msg: string, fields: Record<string, unknown>) => void,
): void {
  if (!dir) return;
  let session: Session | null = null;
  let count = 0;
  let busy = false;
  process.on('SIGUSR2', () => {
    if (busy) return;
    busy = true;
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        log('cpu profile started', {});
      } else {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        session = null;
        const file = path.join(dir, `api-${process.pid}-${++count}.cpuprofile`);
        await writeFile(file, JSON.stringify(profile));
        log('cpu profile written', { file });
      }
    })()
      .catch((error) => log('cpu profile failed', { err: String(error) }))
      .finally(() => (busy = false));
  });
}
