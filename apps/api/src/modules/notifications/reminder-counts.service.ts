import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

// What the expert pool asks of the notifications context: how many score
// reminders (评分提醒, the SCORE_REMINDER mails of judging's reminder
// requests) each address has been sent, for the pool's history ("reminders
// needed"). A cancelled mail does not count; nor does the notice that tells a
// third expert of a 2+1 project to mark (its event says THIRD_EXPERT), which
// is an assignment, not a reminder. Read here, where notifications is owned.
@Injectable()
export class ReminderCountsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Reminders per address (lower case); an address with none is absent. */
  async byRecipient(emails: string[]): Promise<Map<string, number>> {
    const addresses = [...new Set(emails.map((e) => e.toLowerCase()))];
    if (addresses.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ recipient: string; n: number }[]>`
      SELECT lower(n.recipient) AS recipient, count(*)::int AS n
        FROM notifications n
        LEFT JOIN outbox_events e ON e.id = n.event_id
       WHERE n.type = 'SCORE_REMINDER' AND n.status <> 'CANCELLED'
         AND lower(n.recipient) = ANY(${addresses}::text[])
         AND (e.payload->>'purpose') IS DISTINCT FROM 'THIRD_EXPERT'
       GROUP BY lower(n.recipient)`;
    return new Map(rows.map((r) => [r.recipient, r.n]));
  }
}
