import { Injectable } from '@nestjs/common';
import { JudgeImportRow } from '@app/domain';
import { EventPayloads } from '@app/events';
import { PrismaService, appendEvent, isUniqueViolation } from '@app/database';

export type RosterChange = 'ADDED' | 'UPDATED' | 'UNCHANGED';

type RosterEntry = {
  userId: string;
  name: string;
  email: string;
  affiliation: string | null;
  phone: string | null;
  importId: string | null;
};

// A competition's judge list (评委库): who was imported, with the phone number
// that has no place in an account. Owned here; accounts stay identity's.
@Injectable()
export class JudgeRosterService {
  constructor(private readonly prisma: PrismaService) {}

  list(competitionId: string): Promise<RosterEntry[]> {
    return this.prisma.competitionJudge.findMany({
      where: { competitionId },
      select: {
        userId: true,
        name: true,
        email: true,
        affiliation: true,
        phone: true,
        importId: true,
      },
      orderBy: [{ createdAt: 'asc' }, { email: 'asc' }],
    });
  }

  async byEmail(competitionId: string, emails: string[]): Promise<Map<string, RosterEntry>> {
    if (!emails.length) return new Map();
    const rows = await this.prisma.competitionJudge.findMany({
      where: { competitionId, email: { in: emails } },
    });
    return new Map(rows.map((r) => [r.email, r]));
  }

  // What putting this row on the list would change.
  static changeFor(existing: RosterEntry | undefined, row: JudgeImportRow): RosterChange {
    if (!existing) return 'ADDED';
    return existing.name === row.name &&
      existing.affiliation === row.affiliation &&
      existing.phone === row.phone
      ? 'UNCHANGED'
      : 'UPDATED';
  }

  // `named`: the mail for an account that existed before the import, sent
  // with (and only with) the new list entry, so a row redone after a crash
  // does not mail twice.
  async put(
    competitionId: string,
    userId: string,
    row: JudgeImportRow,
    importId: string,
    named?: EventPayloads['imports.account-named'],
  ): Promise<RosterChange> {
    const existing = (await this.byEmail(competitionId, [row.email])).get(row.email);
    const change = JudgeRosterService.changeFor(existing, row);
    const values = { name: row.name, affiliation: row.affiliation, phone: row.phone, importId };
    if (change === 'ADDED') {
      try {
        await this.prisma.$transaction(async (tx) => {
          await tx.competitionJudge.create({
            data: { competitionId, userId, email: row.email, ...values },
          });
          if (named) await appendEvent(tx, 'imports.account-named', userId, named);
        });
      } catch (e) {
        // A concurrent run of the same row got there first.
        if (!isUniqueViolation(e)) throw e;
        return 'UNCHANGED';
      }
    } else if (change === 'UPDATED') {
      await this.prisma.competitionJudge.update({
        where: { competitionId_userId: { competitionId, userId: existing!.userId } },
        data: values,
      });
    }
    return change;
  }
}
