import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { createProbeRedis } from '@app/messaging';

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

// Objections are CAPTCHA-free, so abuse is limited by counting: per client
// address (OBJECTION_IP_*) and per contact given (OBJECTION_CONTACT_*), in
// Redis, shared by every api process. Keys hold hashes, never the address or
// the contact. Redis unreachable: the limit is skipped, not the objection.
@Injectable()
export class ObjectionLimiter implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createProbeRedis(config.REDIS_URL);
    this.redis.on('error', () => undefined);
    this.prefix = `${config.QUEUE_PREFIX}:objections:`;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  addressKey = (ip: string) => sha(`ip:${ip}`);
  contactKey = (contact: string) => sha(`contact:${contact}`);

  async checkAddress(ip: string): Promise<void> {
    await this.count(
      `ip:${this.addressKey(ip)}`,
      this.config.OBJECTION_IP_MAX,
      this.config.OBJECTION_IP_WINDOW_MS,
    );
  }

  async checkContact(contact: string): Promise<void> {
    await this.count(
      `contact:${this.contactKey(contact)}`,
      this.config.OBJECTION_CONTACT_MAX,
      this.config.OBJECTION_CONTACT_WINDOW_MS,
    );
  }

  private async count(key: string, max: number, windowMs: number): Promise<void> {
    if (max <= 0) return;
    let n: number;
    let ttl: number;
    try {
      const full = this.prefix + key;
      const res = await this.redis
        .multi()
        .set(full, '0', 'PX', windowMs, 'NX')
        .incr(full)
        .pttl(full)
        .exec();
      n = Number(res?.[1]?.[1]);
      ttl = Number(res?.[2]?.[1]);
    } catch {
      return;
    }
    if (n > max)
      throw DomainError.of(
        'OBJECTION_LIMIT_REACHED',
        { retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) },
        'too many objections from this address or contact',
      );
  }
}
