import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

// What /health asks of the notifications context: how many due mails the
// SMTP server refused for authentication (530/535), so a person fixes the
// credentials; how long mail has been waiting; how many mails the worker gave
// up on as "in doubt". Read here, where the notifications table is owned.
@Injectable()
export class MailHealthService {
  constructor(private readonly prisma: PrismaService) {}

  async heldByAuthFailure(): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM notifications
       WHERE status = 'PENDING' AND (last_error ~ '^53[05] ' OR last_error LIKE '%EAUTH%')`;
    return rows[0].n;
  }

  /** Mail still PENDING after `delayMs`: slow, refusing or unreachable SMTP. */
  async delayed(
    delayMs: number,
  ): Promise<{ n: number; oldestSeconds: number | null; lastError: string | null }> {
    const [row] = await this.prisma.$queryRaw<
      { n: number; oldest_s: number | null; last_error: string | null }[]
    >`
      SELECT count(*)::int AS n,
             extract(epoch FROM now() - min(created_at))::int AS oldest_s,
             (array_agg(last_error ORDER BY created_at) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
        FROM notifications
       WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => ${delayMs / 1000})`;
    return { n: row.n, oldestSeconds: row.oldest_s, lastError: row.last_error };
  }

  /** FAILED by the worker's MAIL_MAX_SENDS_IN_DOUBT (last_error 'in doubt: …') in the last 7 days. */
  async givenUpInDoubt(): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM notifications
       WHERE status = 'FAILED' AND last_error LIKE 'in doubt:%'
         AND created_at > now() - interval '7 days'`;
    return rows[0].n;
  }
}
