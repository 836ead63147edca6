import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

// A job the worker runs every `intervalMs` (reconciliation, sweeps, round
// scheduling): never two runs at once in one process, and a failed run is
// logged and retried on the next tick rather than crashing the worker.
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    protected readonly logger: PinoLogger,
    private readonly intervalMs: number,
  ) {}

  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error) =>
        this.logger.warn(
          { err: String(error) },
          `${this.constructor.name} failed; it runs again in ${this.intervalMs} ms`,
        ),
      )
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
