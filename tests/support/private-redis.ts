import { ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { freePort, waitFor } from './stack';

// A redis-server of the test's own on a spare port, which the test may stop
// and start again. It keeps nothing on disk, so a restart loses every job,
// like a failover to an empty replica.
export class PrivateRedis {
  port = 0;
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.child.on('error', (e) => {
      throw new Error(
        `could not start redis-server (install the Debian package redis-server): ${e.message}`,
      );
    });
    await waitFor('the private redis-server', async () => {
      const probe = new IORedis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
