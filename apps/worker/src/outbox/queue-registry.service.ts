import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { ALL_QUEUES, EventJobData, QueueName, jobOptionsFor } from '@app/events';
import { APP_CONFIG, AppConfig, LogThrottle, errorKey } from '@app/config';
import { PinoLogger } from 'nestjs-pino';

// The worker's producer side: only the relay and the reconciler add jobs,
// always with ids derived from event ids and the queue's retry policy.
@Injectable()
export class QueueRegistry implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly errorLog = new LogThrottle();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('QueueRegistry');
  }

  // Queue providers exist only once their module has initialised.
  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue: Queue = this.moduleRef.get(getQueueToken(name), { strict: false });
      // Without a listener an 'error' event (Redis gone) would crash the process.
      queue.on('error', (err) =>
        this.errorLog.run(`${name}:${errorKey(err)}`, (suppressed) =>
          this.logger.warn(
            { queue: name, err: String(err), suppressed },
            'queue connection error; retrying',
          ),
        ),
      );
      this.queues.set(name, queue);
    }
  }

  async addEventJobs(
    queue: QueueName,
    jobs: { name: string; data: EventJobData; jobId: string }[],
  ): Promise<void> {
    const q = this.queue(queue);
    const opts = jobOptionsFor(queue, this.config.MAIL_RETRY_BASE_MS, this.config.JOB_ATTEMPTS);
    await q.addBulk(
      jobs.map((j) => ({ name: j.name, data: j.data, opts: { ...opts, jobId: j.jobId } })),
    );
  }

  // Recovery's add: makes each job run again whatever BullMQ still keeps under
  // its id. A plain add of a kept id is ignored (a failed job is kept 7 days, a
  // completed one a day), so a kept failed or completed job is retried in place
  // with its attempts reset, a missing one is added, and a waiting, delayed or
  // active one is left alone (it will run). `promoteDelayed` also runs a
  // delayed job now (a mail that became due earlier, e.g. re-sent by hand).
  async republish(
    queue: QueueName,
    jobs: { name: string; data: EventJobData; jobId: string }[],
    options: { promoteDelayed?: boolean } = {},
  ): Promise<RepublishCount> {
    const q = this.queue(queue);
    const count: RepublishCount = { added: 0, retried: 0, promoted: 0, alive: 0 };
    const missing: typeof jobs = [];
    for (const j of jobs) {
      const existing = await q.getJob(j.jobId);
      if (!existing) {
        missing.push(j);
        continue;
      }
      const state = await existing.getState();
      try {
        if (state === 'failed' || state === 'completed') {
          await existing.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
          count.retried += 1;
        } else if (state === 'delayed' && options.promoteDelayed) {
          await existing.promote();
          count.promoted += 1;
        } else if (state === 'unknown') {
          missing.push(j);
        } else {
          count.alive += 1;
        }
      } catch {
        // Its state changed under us (another worker moved it): it is alive.
        count.alive += 1;
      }
    }
    if (missing.length) {
      await this.addEventJobs(queue, missing);
      count.added = missing.length;
    }
    return count;
  }

  private queue(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`queue ${name} is not registered`);
    return q;
  }
}

export interface RepublishCount {
  added: number;
  retried: number;
  promoted: number;
  alive: number;
}
