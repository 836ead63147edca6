import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  DrawCandidate,
  DrawRoundContext,
  DrawRules,
  EXPERT_FIELDS,
  ExpertDrawResult,
  ExpertField,
  drawExperts,
  nextReserve,
  requestedTotal,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { IdentityService } from '../identity/identity.service';
import { ExpertPanelService } from '../judging/expert-panel.service';
import { CreateExpertDrawDto } from './dto/experts.dto';
import { ExpertPoolService, FIELD_LABELS_ZH } from './expert-pool.service';

type DrawRow = Prisma.ExpertDrawGetPayload<{ include: { invitations: true } }>;
type InvitationRow = Prisma.ExpertInvitationGetPayload<object>;
type StoredCandidate = DrawCandidate & { name: string };

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const REASON_LABELS_ZH: Record<string, string> = {
  UNAVAILABLE: '本期不可参加',
  AT_CAPACITY: '超出每轮评审上限',
  NO_ACCOUNT: '无评委账号',
  NO_REQUESTED_FIELD: '不属所需类别',
  SAME_UNIT: '与参赛项目同单位',
  SAME_REGION: '与参赛项目单位同省份（地区）',
  DECLARED_CONFLICT: '申报的利益冲突',
  JUDGED_EARLIER: '前一阶段评过相同项目',
};

// The recorded random draw (随机抽取，抽取记录存档): a commit step stores a
// server-drawn seed and shows only its SHA-256; the draw reveals the seed and
// stores the candidate set, the rules and the result, so anyone can recompute
// it with libs/domain drawExperts (docs/expert-draw.md). Drawn experts are
// invited; an acceptance seats them on the round's panel, a decline with a
// reason invites the next fitting reserve.
@Injectable()
export class ExpertDrawsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pool: ExpertPoolService,
    private readonly panel: ExpertPanelService,
    private readonly identity: IdentityService,
  ) {}

  async commit(actor: Actor, roundId: string, dto: CreateExpertDrawDto) {
    const ctx = await this.panel.drawContext(actor, roundId, []);
    const mix: DrawRules['mix'] = {};
    for (const f of EXPERT_FIELDS) if (dto.mix[f]) mix[f] = dto.mix[f];
    if (requestedTotal(mix) === 0)
      throw DomainError.of('EXPERT_DRAW_EMPTY_MIX', 'ask for at least one expert', [
        { field: 'mix', code: 'EXPERT_DRAW_EMPTY_MIX', message: 'the mix adds up to 0' },
      ]);
    if (ctx.round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const me = await this.identity.findUsers([actor.id]);
    const rules: DrawRules = {
      mix,
      reserves: dto.reserves,
      organiserUnit: dto.organiserUnit?.trim() || me[0]?.affiliation || null,
      minOutsideShare: dto.minOutsideShare ?? 0.5,
      recuseSameRegion: dto.recuseSameRegion ?? false,
      recuseJudgedEarlier: dto.recuseJudgedEarlier ?? false,
      projectsPerExpert: dto.projectsPerExpert ?? null,
    };
    const seed = randomBytes(32).toString('hex');
    const draw = await this.prisma.$transaction(async (tx) => {
      const d = await tx.expertDraw.create({
        data: {
          roundId,
          competitionId: ctx.round.competitionId,
          poolOwnerId: actor.id,
          requestedById: actor.id,
          rules: rules as unknown as Prisma.InputJsonValue,
          seed,
          seedSha256: sha256(seed),
        },
        include: { invitations: true },
      });
      await appendAudit(tx, {
        competitionId: ctx.round.competitionId,
        actorId: actor.id,
        action: 'expert-draw.committed',
        entityType: 'expert-draw',
        entityId: d.id,
        data: { roundId, seedSha256: d.seedSha256, rules },
      });
      return d;
    });
    return this.view(draw);
  }

  private async managedDraw(actor: Actor, drawId: string): Promise<DrawRow> {
    const draw = await this.prisma.expertDraw.findUnique({
      where: { id: drawId },
      include: { invitations: { orderBy: { createdAt: 'asc' } } },
    });
    if (!draw) throw DomainError.notFound('expertDraw', drawId);
    await this.panel.drawContext(actor, draw.roundId, []).catch((e: unknown) => {
      if (DomainError.isNotFound(e)) throw DomainError.notFound('expertDraw', drawId);
      throw e;
    });
    return draw;
  }

  async draw(actor: Actor, drawId: string) {
    const committed = await this.managedDraw(actor, drawId);
    if (committed.status !== 'COMMITTED')
      throw DomainError.of('EXPERT_DRAW_ALREADY_DRAWN', 'this draw is done');
    const experts = await this.pool.poolOf(committed.poolOwnerId);
    const ctx = await this.panel.drawContext(
      actor,
      committed.roundId,
      experts.flatMap((e) => (e.userId ? [e.userId] : [])),
    );
    const candidates: StoredCandidate[] = experts.map((e) => ({
      id: e.id,
      name: e.name,
      unit: e.unit,
      region: e.region,
      fields: e.fields,
      available: e.available,
      capacity: e.capacity,
      hasAccount: e.userId !== null,
      conflictUnits: e.conflictUnits,
      conflictPeople: e.conflictPeople,
      judgedProjectIds: e.userId ? (ctx.judged.get(e.userId) ?? []).sort() : [],
    }));
    const context: DrawRoundContext = { projects: ctx.projects, region: ctx.round.region };
    const rules = committed.rules as unknown as DrawRules;
    const result = drawExperts(candidates, context, rules, committed.seed);
    const missing = EXPERT_FIELDS.filter((f) => result.shortfall[f]);
    if (missing.length)
      throw DomainError.of(
        'EXPERT_DRAW_SHORT',
        { missing: missing.map((f) => `${FIELD_LABELS_ZH[f]}×${result.shortfall[f]}`).join('、') },
        `not enough eligible experts: ${missing.map((f) => `${f}×${result.shortfall[f]}`).join(', ')}`,
      );
    const userOf = new Map(experts.map((e) => [e.id, e.userId!]));
    const done = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.expertDraw.updateMany({
        where: { id: drawId, status: 'COMMITTED' },
        data: {
          status: 'DRAWN',
          drawnAt: new Date(),
          drawnById: actor.id,
          candidates: { candidates, context } as unknown as Prisma.InputJsonValue,
          result: result as unknown as Prisma.InputJsonValue,
        },
      });
      if (updated.count !== 1)
        throw DomainError.of('EXPERT_DRAW_ALREADY_DRAWN', 'this draw is done');
      await tx.expertInvitation.createMany({
        data: result.drawn.map((d) => ({
          drawId,
          roundId: committed.roundId,
          expertId: d.id,
          userId: userOf.get(d.id)!,
          field: d.field,
          source: 'DRAWN',
        })),
      });
      await appendAudit(tx, {
        competitionId: committed.competitionId,
        actorId: actor.id,
        action: 'expert-draw.drawn',
        entityType: 'expert-draw',
        entityId: drawId,
        data: {
          roundId: committed.roundId,
          seed: committed.seed,
          seedSha256: committed.seedSha256,
          drawn: result.drawn.map((d) => d.id),
          reserves: result.reserves.map((r) => r.id),
          excluded: result.excluded,
        },
      });
      return tx.expertDraw.findUniqueOrThrow({
        where: { id: drawId },
        include: { invitations: { orderBy: { createdAt: 'asc' } } },
      });
    });
    return this.view(done);
  }

  async get(actor: Actor, drawId: string) {
    return this.view(await this.managedDraw(actor, drawId));
  }

  async list(actor: Actor, roundId: string) {
    await this.panel.drawContext(actor, roundId, []);
    const draws = await this.prisma.expertDraw.findMany({
      where: { roundId },
      include: { invitations: { orderBy: { createdAt: 'asc' } } },
      orderBy: { requestedAt: 'desc' },
    });
    return { items: await Promise.all(draws.map((d) => this.view(d))) };
  }

  async view(d: DrawRow) {
    const drawn = d.status === 'DRAWN';
    const stored = (d.candidates ?? { candidates: [], context: null }) as unknown as {
      candidates: StoredCandidate[];
      context: DrawRoundContext | null;
    };
    const result = d.result as unknown as ExpertDrawResult | null;
    const nameOf = new Map(stored.candidates.map((c) => [c.id, c.name]));
    const [users, roundNames] = await Promise.all([
      this.identity.namesOf([d.requestedById, ...(d.drawnById ? [d.drawnById] : [])]),
      this.panel.roundNames([d.roundId]),
    ]);
    const invitationNames = await this.expertNames(d.invitations.map((i) => i.expertId));
    return {
      id: d.id,
      roundId: d.roundId,
      status: d.status,
      requestedByName: users.get(d.requestedById) ?? '',
      requestedAt: d.requestedAt,
      rules: d.rules as unknown as DrawRules,
      seedSha256: d.seedSha256,
      seed: drawn ? d.seed : null,
      drawnAt: d.drawnAt,
      drawnByName: d.drawnById ? (users.get(d.drawnById) ?? '') : null,
      candidates: stored.candidates,
      context: stored.context,
      excluded: (result?.excluded ?? []).map((x) => ({ ...x, name: nameOf.get(x.id) ?? '' })),
      order: result?.order ?? [],
      drawn: (result?.drawn ?? []).map((x) => ({ ...x, name: nameOf.get(x.id) ?? '' })),
      reserves: (result?.reserves ?? []).map((x) => ({ ...x, name: nameOf.get(x.id) ?? '' })),
      passedOver: result?.passedOver ?? [],
      insiderCap: result?.insiderCap ?? null,
      invitations: d.invitations.map((i) =>
        this.invitationView(i, invitationNames, roundNames.get(d.roundId) ?? ''),
      ),
    };
  }

  private async expertNames(ids: string[]) {
    if (!ids.length) return new Map<string, string>();
    const rows = await this.prisma.expert.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private invitationView(i: InvitationRow, names: Map<string, string>, roundName: string) {
    return {
      id: i.id,
      drawId: i.drawId,
      roundId: i.roundId,
      roundName,
      expertId: i.expertId,
      expertName: names.get(i.expertId) ?? '',
      field: i.field,
      source: i.source,
      replacesId: i.replacesId,
      status: i.status,
      reason: i.reason,
      createdAt: i.createdAt,
      respondedAt: i.respondedAt,
    };
  }

  async myInvitations(actor: Actor) {
    const rows = await this.prisma.expertInvitation.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: 'desc' },
    });
    const [names, rounds] = await Promise.all([
      this.expertNames(rows.map((r) => r.expertId)),
      this.panel.roundNames([...new Set(rows.map((r) => r.roundId))]),
    ]);
    return { items: rows.map((r) => this.invitationView(r, names, rounds.get(r.roundId) ?? '')) };
  }

  private async ownInvitation(actor: Actor, id: string) {
    const inv = await this.prisma.expertInvitation.findUnique({ where: { id } });
    if (!inv || inv.userId !== actor.id) throw DomainError.notFound('expertInvitation', id);
    if (inv.status !== 'INVITED')
      throw DomainError.of(
        'EXPERT_INVITATION_ANSWERED',
        { status: inv.status },
        `this invitation is ${inv.status}`,
      );
    return inv;
  }

  async accept(actor: Actor, id: string) {
    const inv = await this.ownInvitation(actor, id);
    const [user] = await this.identity.findUsers([actor.id]);
    // Seating is idempotent: an acceptance retried after a failure seats once.
    await this.panel.seat(inv.roundId, user);
    const draw = await this.prisma.expertDraw.findUniqueOrThrow({ where: { id: inv.drawId } });
    const answered = await this.prisma.$transaction(async (tx) => {
      const n = await tx.expertInvitation.updateMany({
        where: { id, status: 'INVITED' },
        data: { status: 'ACCEPTED', respondedAt: new Date() },
      });
      if (n.count !== 1)
        throw DomainError.of('EXPERT_INVITATION_ANSWERED', { status: 'ANSWERED' }, 'answered');
      await tx.expert.update({
        where: { id: inv.expertId },
        data: { roundsJudged: { increment: 1 } },
      });
      await appendAudit(tx, {
        competitionId: draw.competitionId,
        actorId: actor.id,
        action: 'expert-invitation.accepted',
        entityType: 'expert-draw',
        entityId: inv.drawId,
        data: { invitationId: id, expertId: inv.expertId, roundId: inv.roundId },
      });
      return tx.expertInvitation.findUniqueOrThrow({ where: { id } });
    });
    const [names, rounds] = await Promise.all([
      this.expertNames([inv.expertId]),
      this.panel.roundNames([inv.roundId]),
    ]);
    return this.invitationView(answered, names, rounds.get(inv.roundId) ?? '');
  }

  async decline(actor: Actor, id: string, reason: string) {
    if (!reason.trim())
      throw DomainError.of('DECLINE_REASON_REQUIRED', 'a decline needs a reason', [
        { field: 'reason', code: 'FIELD_REQUIRED', message: 'required to decline' },
      ]);
    const inv = await this.ownInvitation(actor, id);
    const { declined, replacement } = await this.prisma.$transaction(async (tx) => {
      // One answer at a time per draw: reserves are handed out in order.
      await tx.$queryRaw`SELECT id FROM expert_draws WHERE id = ${inv.drawId}::uuid FOR UPDATE`;
      const n = await tx.expertInvitation.updateMany({
        where: { id, status: 'INVITED' },
        data: { status: 'DECLINED', reason: reason.trim(), respondedAt: new Date() },
      });
      if (n.count !== 1)
        throw DomainError.of('EXPERT_INVITATION_ANSWERED', { status: 'ANSWERED' }, 'answered');
      await tx.expert.update({ where: { id: inv.expertId }, data: { declines: { increment: 1 } } });
      const draw = await tx.expertDraw.findUniqueOrThrow({
        where: { id: inv.drawId },
        include: { invitations: true },
      });
      const result = draw.result as unknown as ExpertDrawResult;
      const stored = draw.candidates as unknown as { candidates: StoredCandidate[] };
      const insider = new Map<string, boolean>([
        ...result.drawn.map((d) => [d.id, d.insider] as const),
        ...result.reserves.map((r) => [r.id, r.insider] as const),
      ]);
      const onPanel = draw.invitations.filter((i) => i.status !== 'DECLINED');
      const nextId = nextReserve({
        field: inv.field as ExpertField,
        reserves: result.reserves,
        used: new Set(draw.invitations.map((i) => i.expertId)),
        candidateFields: new Map(stored.candidates.map((c) => [c.id, c.fields])),
        insidersOnPanel: onPanel.filter((i) => insider.get(i.expertId)).length,
        insiderCap: result.insiderCap,
      });
      let replacement: InvitationRow | null = null;
      if (nextId) {
        const expert = await tx.expert.findUniqueOrThrow({ where: { id: nextId } });
        replacement = await tx.expertInvitation.create({
          data: {
            drawId: draw.id,
            roundId: draw.roundId,
            expertId: nextId,
            userId: expert.userId!,
            field: inv.field,
            source: 'RESERVE',
            replacesId: id,
          },
        });
      }
      await appendAudit(tx, {
        competitionId: draw.competitionId,
        actorId: actor.id,
        action: 'expert-invitation.declined',
        entityType: 'expert-draw',
        entityId: draw.id,
        reason: reason.trim(),
        data: { invitationId: id, expertId: inv.expertId, replacementExpertId: nextId },
      });
      return {
        declined: await tx.expertInvitation.findUniqueOrThrow({ where: { id } }),
        replacement,
      };
    });
    const [names, rounds] = await Promise.all([
      this.expertNames([inv.expertId, ...(replacement ? [replacement.expertId] : [])]),
      this.panel.roundNames([inv.roundId]),
    ]);
    const roundName = rounds.get(inv.roundId) ?? '';
    return {
      declined: this.invitationView(declined, names, roundName),
      replacement: replacement ? this.invitationView(replacement, names, roundName) : null,
    };
  }

  // The record as a workbook: the draw (who asked, when, rules, seed hash,
  // seed), every candidate with its outcome or why it was excluded, and the
  // order drawn with who accepted.
  async recordSheets(actor: Actor, drawId: string) {
    const v = await this.get(actor, drawId);
    if (v.status !== 'DRAWN') throw DomainError.of('EXPERT_DRAW_NOT_DRAWN', 'not drawn yet');
    const roundName = (await this.panel.roundNames([v.roundId])).get(v.roundId) ?? '';
    const fields = (xs: readonly string[]) => xs.map((f) => FIELD_LABELS_ZH[f] ?? f).join('、');
    const position = new Map(v.order.map((id, i) => [id, i + 1]));
    const drawnIds = new Map(v.drawn.map((d) => [d.id, d]));
    const reserveIds = new Set(v.reserves.map((r) => r.id));
    const excluded = new Map(v.excluded.map((x) => [x.id, x.reasons]));
    const invitationOf = new Map(v.invitations.map((i) => [i.expertId, i]));
    const status = (s: string) =>
      ({ INVITED: '已邀请', ACCEPTED: '已接受', DECLINED: '已谢绝' })[s] ?? s;
    const mix = EXPERT_FIELDS.filter((f) => v.rules.mix[f])
      .map((f) => `${FIELD_LABELS_ZH[f]}${v.rules.mix[f]}`)
      .join('、');
    return [
      {
        name: '抽取记录',
        title: `专家随机抽取记录 · ${roundName}`,
        headers: ['项目', '内容'],
        rows: [
          ['抽取编号', v.id],
          ['申请人', v.requestedByName],
          ['申请时间', v.requestedAt.toISOString()],
          ['抽取人', v.drawnByName],
          ['抽取时间', v.drawnAt?.toISOString() ?? ''],
          ['抽取结构', mix],
          ['备选人数', v.rules.reserves],
          ['组织单位', v.rules.organiserUnit],
          ['单位外专家至少占比', v.rules.minOutsideShare],
          ['同省份（地区）回避', v.rules.recuseSameRegion ? '是' : '否'],
          ['每位专家评审项目数', v.rules.projectsPerExpert ?? '本轮全部项目'],
          ['前一阶段评过相同项目回避', v.rules.recuseJudgedEarlier ? '是' : '否'],
          ['种子哈希 SHA-256（抽取前公布）', v.seedSha256],
          ['种子（抽取后公布）', v.seed],
          ['算法', 'docs/expert-draw.md：drawExperts（sfc32(cyrb128(种子)) 洗牌）'],
        ],
      },
      {
        name: '候选专家',
        headers: ['姓名', '工作单位', '地区', '专家类别', '结果', '排除理由', '抽签顺序'],
        rows: v.candidates.map((c) => [
          c.name,
          c.unit,
          c.region,
          fields(c.fields),
          drawnIds.has(c.id)
            ? '抽中'
            : reserveIds.has(c.id)
              ? '备选'
              : excluded.has(c.id)
                ? '排除'
                : '未抽中',
          (excluded.get(c.id) ?? []).map((r) => REASON_LABELS_ZH[r] ?? r).join('、'),
          position.get(c.id) ?? null,
        ]),
      },
      {
        name: '抽取结果',
        headers: ['顺序', '姓名', '类别', '身份', '邀请状态', '谢绝理由'],
        rows: [
          ...v.drawn.map((d) => [
            d.position + 1,
            d.name,
            FIELD_LABELS_ZH[d.field] ?? d.field,
            '抽中',
            status(invitationOf.get(d.id)?.status ?? ''),
            invitationOf.get(d.id)?.reason ?? null,
          ]),
          ...v.reserves.map((r) => [
            r.position + 1,
            r.name,
            FIELD_LABELS_ZH[invitationOf.get(r.id)?.field ?? ''] ?? '',
            '备选',
            invitationOf.has(r.id) ? status(invitationOf.get(r.id)!.status) : '未启用',
            invitationOf.get(r.id)?.reason ?? null,
          ]),
        ],
      },
    ];
  }
}
