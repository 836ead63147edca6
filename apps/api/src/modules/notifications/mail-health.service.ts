import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

// What /health asks of the notifications context: how many due mails the
// SMTP server refused for authentication (530/535), so a person fixes the
// credentials. Read here, where the notifications table is owned.
@Injectable()
export class MailHealthService {
  constructor(private readonly prisma: PrismaService) {}

  async heldByAuthFailure(): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM notifications
       WHERE status = 'PENDING' AND (last_error ~ '^53[05] ' OR last_error LIKE '%EAUTH%')`;
    return rows[0].n;
  }
}
