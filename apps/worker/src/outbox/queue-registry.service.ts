import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { ALL_QUEUES, EventJobData, QueueName, jobOptionsFor } from '@app/events';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PinoLogger } from 'nestjs-pino';

// The worker's producer side: only the relay and the reconciler add jobs,
// always with ids derived from event ids and the queue's retry policy.
@Injectable()
export class QueueRegistry implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();

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
      queue.on('error', (err) => this.logger.warn({ queue: name, err: String(err) }, 'queue connection error; retrying'));
      this.queues.set(name, queue);
    }
  }

  async addEventJobs(queue: QueueName, jobs: { name: string; data: EventJobData; jobId: string }[]): Promise<void> {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`queue ${queue} is not registered`);
    const opts = jobOptionsFor(queue, this.config.MAIL_RETRY_BASE_MS);
    await q.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { ...opts, jobId: j.jobId } })));
  }
}
