import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  EXPERT_COLUMNS,
  ExpertImportRow,
  fieldProblem,
  mapColumns,
  validateExpertRow,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, isUniqueViolation } from '@app/database';
import { IdentityService } from '../identity/identity.service';
import { SheetParser } from '../imports/parse/sheet-parser.service';
import { ReminderCountsService } from '../notifications/reminder-counts.service';
import { CreateExpertDto, UpdateExpertDto, UpdateMyExpertProfileDto } from './dto/experts.dto';

type ExpertRow = Prisma.ExpertGetPayload<object>;

export const toExpertView = (e: ExpertRow) => ({
  id: e.id,
  userId: e.userId,
  name: e.name,
  email: e.email,
  title: e.title,
  unit: e.unit,
  region: e.region,
  fields: e.fields,
  tracks: e.tracks,
  phone: e.phone,
  available: e.available,
  capacity: e.capacity,
  conflictUnits: e.conflictUnits,
  conflictPeople: e.conflictPeople,
  roundsJudged: e.roundsJudged,
  declines: e.declines,
  rating: e.rating,
  ratingNote: e.ratingNote,
  updatedAt: e.updatedAt,
});

export const FIELD_LABELS_ZH: Record<string, string> = {
  TECHNOLOGY: '技术',
  INVESTMENT: '投资',
  INDUSTRY: '产业',
  FINANCE: '金融',
};

// An organiser's expert pool (专家库): it belongs to the organiser, not to a
// competition, so it serves season after season. Each expert is linked to a
// judge account (made and invited when the address has none) to accept
// invitations and score; the expert corrects their own profile and declares
// standing conflicts on their page.
@Injectable()
export class ExpertPoolService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
    private readonly parser: SheetParser,
    private readonly reminders: ReminderCountsService,
  ) {}

  async list(actor: Actor) {
    const items = await this.prisma.expert.findMany({
      where: { ownerId: actor.id },
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
    });
    // History: rounds judged and declines are counted on the expert; the
    // reminders needed are the score reminders mailed to the expert's address.
    const reminders = await this.reminders.byRecipient(items.map((e) => e.email));
    return {
      items: items.map((e) => ({
        ...toExpertView(e),
        remindersNeeded: reminders.get(e.email.toLowerCase()) ?? 0,
      })),
    };
  }

  async owned(actor: Actor, id: string): Promise<ExpertRow> {
    const e = await this.prisma.expert.findUnique({ where: { id } });
    if (!e || (e.ownerId !== actor.id && !actor.roles.includes('ADMIN')))
      throw DomainError.notFound('expert', id);
    return e;
  }

  // The judge account an address has, made (and invited) when it has none;
  // null when the address belongs to an account that is not a judge's.
  private async accountFor(
    actor: Actor,
    row: { email: string; name: string; unit: string | null },
  ): Promise<{ userId: string | null; created: boolean }> {
    const [existing] = await this.identity.findByEmails([row.email]);
    if (existing)
      return { userId: existing.roles.includes('JUDGE') ? existing.id : null, created: false };
    const user = await this.identity.createUser(actor, {
      email: row.email,
      name: row.name,
      roles: ['JUDGE'],
      affiliation: row.unit ?? undefined,
    });
    return { userId: user.id, created: true };
  }

  async create(actor: Actor, dto: CreateExpertDto) {
    const email = dto.email.trim().toLowerCase();
    const taken = await this.prisma.expert.findUnique({
      where: { ownerId_email: { ownerId: actor.id, email } },
    });
    if (taken) throw DomainError.of('EXPERT_EMAIL_TAKEN', { email }, 'already in the pool');
    const { userId } = await this.accountFor(actor, {
      email,
      name: dto.name,
      unit: dto.unit ?? null,
    });
    try {
      const e = await this.prisma.expert.create({
        data: {
          ownerId: actor.id,
          userId,
          name: dto.name,
          email,
          title: dto.title ?? null,
          unit: dto.unit ?? null,
          region: dto.region ?? null,
          fields: dto.fields,
          tracks: dto.tracks ?? [],
          phone: dto.phone ?? null,
          available: dto.available ?? true,
          capacity: dto.capacity ?? null,
        },
      });
      return toExpertView(e);
    } catch (err) {
      if (isUniqueViolation(err))
        throw DomainError.of('EXPERT_EMAIL_TAKEN', { email }, 'already in the pool');
      throw err;
    }
  }

  async update(actor: Actor, id: string, dto: UpdateExpertDto) {
    const before = await this.owned(actor, id);
    return this.prisma.$transaction(async (tx) => {
      const e = await tx.expert.update({ where: { id }, data: { ...dto } });
      if (dto.rating !== undefined || dto.ratingNote !== undefined)
        await appendAudit(tx, {
          competitionId: null,
          actorId: actor.id,
          action: 'expert.rated',
          entityType: 'expert',
          entityId: id,
          data: { from: before.rating, to: e.rating, note: e.ratingNote },
        });
      return toExpertView(e);
    });
  }

  // The expert's own page: their entries in organisers' pools.
  async mine(actor: Actor) {
    const profiles = await this.prisma.expert.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: 'asc' },
    });
    return { profiles: profiles.map(toExpertView) };
  }

  async updateMine(actor: Actor, dto: UpdateMyExpertProfileDto) {
    const clean = (xs?: string[]) =>
      xs === undefined ? undefined : [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
    await this.prisma.expert.updateMany({
      where: { userId: actor.id },
      data: {
        title: dto.title,
        unit: dto.unit,
        region: dto.region,
        phone: dto.phone,
        available: dto.available,
        capacity: dto.capacity,
        conflictUnits: clean(dto.conflictUnits),
        conflictPeople: clean(dto.conflictPeople),
      },
    });
    return this.mine(actor);
  }

  // The pool from a spreadsheet, read like a judge list (same reader, same
  // header matching): every problem by row and column; a file with problems
  // changes nothing (422 listing them); a dry run reports only.
  async import(actor: Actor, file: { fileName: string; bytes: Buffer }, dryRun: boolean) {
    const sheet = await this.parser.parse(file.bytes, file.fileName);
    const mapping = mapColumns(EXPERT_COLUMNS, sheet.headers);
    const problems: {
      row: number | null;
      column: string | null;
      field: string;
      message: string;
      messageZh: string;
    }[] = mapping.problems.map((p) => ({ row: null, ...p }));
    const rows: { rowNumber: number; value: ExpertImportRow }[] = [];
    const seen = new Set<string>();
    if (!mapping.problems.length)
      for (const r of sheet.rows) {
        const values: Record<string, string> = {};
        for (const c of mapping.columns) values[c.field] = r.cells[c.index] ?? '';
        if (Object.values(values).every((v) => !v.trim())) continue;
        const result = validateExpertRow(values);
        if (!result.ok) {
          for (const p of result.problems)
            problems.push({
              row: r.rowNumber,
              column: mapping.columns.find((c) => c.field === p.field)?.column ?? null,
              ...p,
            });
          continue;
        }
        if (seen.has(result.value.email)) {
          problems.push({
            row: r.rowNumber,
            column: mapping.columns.find((c) => c.field === 'email')?.column ?? null,
            field: 'email',
            message: `${result.value.email} appears twice in the file`,
            messageZh: `邮箱 ${result.value.email} 在文件中重复`,
          });
          continue;
        }
        seen.add(result.value.email);
        rows.push({ rowNumber: r.rowNumber, value: result.value });
      }
    if (!rows.length && !problems.length)
      throw DomainError.of('IMPORT_NO_ROWS', 'the file has a header but no rows to import', [
        fieldProblem('file', 'IMPORT_NO_ROWS', 'no data rows'),
      ]);
    const existing = await this.prisma.expert.findMany({
      where: { ownerId: actor.id, email: { in: rows.map((r) => r.value.email) } },
    });
    const byEmail = new Map(existing.map((e) => [e.email, e]));
    const same = (e: ExpertRow, v: ExpertImportRow) =>
      e.name === v.name &&
      e.unit === v.unit &&
      e.phone === v.phone &&
      e.title === v.title &&
      e.region === v.region &&
      e.available === v.available &&
      e.capacity === v.capacity &&
      e.fields.join() === v.fields.join() &&
      e.tracks.join() === v.tracks.join();
    const counts = { created: 0, updated: 0, unchanged: 0, accountsCreated: 0 };
    for (const { value } of rows) {
      const e = byEmail.get(value.email);
      if (!e) counts.created++;
      else if (same(e, value)) counts.unchanged++;
      else counts.updated++;
    }
    const report = {
      dryRun,
      total: rows.length + new Set(problems.filter((p) => p.row).map((p) => p.row)).size,
      problems,
    };
    if (dryRun) return { ...report, ...counts };
    if (problems.length)
      throw DomainError.of(
        'IMPORT_HAS_PROBLEMS',
        { problems: problems.length },
        `${problems.length} problem(s) in the file; nothing was imported`,
        problems.map((p) =>
          fieldProblem(
            p.row ? `row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.field}` : p.field,
            'IMPORT_ROW_PROBLEM',
            `${p.message} / ${p.messageZh}`,
            { row: p.row, column: p.column, messageEn: p.message, messageZh: p.messageZh },
          ),
        ),
      );
    for (const { value } of rows) {
      const e = byEmail.get(value.email);
      if (e && same(e, value)) continue;
      const data = {
        name: value.name,
        unit: value.unit,
        phone: value.phone,
        title: value.title,
        region: value.region,
        available: value.available,
        capacity: value.capacity,
        fields: value.fields,
        tracks: value.tracks,
      };
      if (e) {
        await this.prisma.expert.update({ where: { id: e.id }, data });
        continue;
      }
      const account = await this.accountFor(actor, value);
      if (account.created) counts.accountsCreated++;
      await this.prisma.expert.upsert({
        where: { ownerId_email: { ownerId: actor.id, email: value.email } },
        create: { ownerId: actor.id, email: value.email, userId: account.userId, ...data },
        update: data,
      });
    }
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        competitionId: null,
        actorId: actor.id,
        action: 'expert.imported',
        entityType: 'expert',
        entityId: actor.id,
        data: { fileName: file.fileName, ...counts },
      }),
    );
    return { ...report, ...counts };
  }

  // The pool as a spreadsheet with the import's headers: it imports back unchanged.
  async exportRows(actor: Actor) {
    const { items } = await this.list(actor);
    return {
      headers: [
        '姓名',
        '邮箱',
        '职称',
        '工作单位',
        '地区',
        '专家类别',
        '赛道',
        '手机号码',
        '是否可参加',
        '每轮评审上限',
        '已评轮次',
        '谢绝次数',
        '催评次数',
        '评价',
        '评价说明',
      ],
      rows: items.map((e) => [
        e.name,
        e.email,
        e.title,
        e.unit,
        e.region,
        e.fields.map((f) => FIELD_LABELS_ZH[f] ?? f).join('、'),
        e.tracks.join('、'),
        e.phone,
        e.available ? '是' : '否',
        e.capacity,
        e.roundsJudged,
        e.declines,
        e.remindersNeeded,
        e.rating,
        e.ratingNote,
      ]),
    };
  }

  // For the draw: the owner's whole pool.
  poolOf(ownerId: string) {
    return this.prisma.expert.findMany({ where: { ownerId }, orderBy: { id: 'asc' } });
  }
}
