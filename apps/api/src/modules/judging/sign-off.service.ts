import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  Actor,
  DomainError,
  OnSiteObjectionStatus,
  ResultFacts,
  assertDecidable,
  assertMayConfirm,
  assertMayObject,
  assertMaySign,
  decodeSignature,
  objectionClosesAt,
  parseSignaturePng,
  pngHasInk,
  reportedTotal,
  resultState,
} from '@app/domain';
import { PrismaService, Tx, appendAudit, appendEvent, recordChange } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import {
  DecideOnSiteObjectionDto,
  MyRoadshowResultsDto,
  MySheetDto,
  ObjectionDto,
  OnSiteObjectionViewDto,
  ProjectResultDto,
  SignOffDto,
  TeamResultDto,
} from './dto/sign-off.dto';
import { RevealService } from './reveal.service';
import { RoadshowSettingsService } from './roadshow-settings.service';
import { RoundRow } from './round-changes';
import { RoundsService } from './rounds.service';
import { JudgeSheetState, sheetStates, signOffGaps } from './sign-off.store';

type ObjectionRow = {
  id: string;
  projectId: string;
  raisedBy: string;
  text: string;
  raisedAt: Date;
  status: string;
  handling: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
};

// A drawn signature: a real, bounded PNG with a stroke on it.
function signaturePng(value: string): Uint8Array<ArrayBuffer> {
  const bytes = decodeSignature(value);
  const info = parseSignaturePng(bytes);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(info.idat), {
      maxOutputLength: info.height * (1 + info.width * 8) + 64,
    });
  } catch {
    throw DomainError.of('SIGNATURE_INVALID', { why: 'unreadable image data' }, 'unreadable', [
      { field: 'signature', code: 'SIGNATURE_INVALID', message: 'unreadable image data' },
    ]);
  }
  if (!pngHasInk(info, pixels))
    throw DomainError.of('SIGNATURE_EMPTY', 'the signature is blank: draw it', [
      { field: 'signature', code: 'SIGNATURE_EMPTY', message: 'blank' },
    ]);
  return new Uint8Array(bytes);
}

/**
 * 签字确认: judges sign their score sheets; a team confirms its revealed
 * result (无异议) or raises one objection in the window after the reveal;
 * the organisers decide objections. The close's gate is RoundsService.close
 * (signOffGaps).
 */
@Injectable()
export class SignOffService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly settings: RoadshowSettingsService,
    private readonly reveals: RevealService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly competitions: CompetitionsService,
  ) {}

  // ── Judges ──────────────────────────────────────────────────────────────

  private async judgedRound(actor: Actor, roundId: string): Promise<RoundRow> {
    const [round, seat] = await Promise.all([
      this.prisma.round.findUnique({ where: { id: roundId } }),
      this.prisma.roundJudge.findUnique({
        where: { roundId_judgeId: { roundId, judgeId: actor.id } },
      }),
    ]);
    if (!round || !seat) throw DomainError.notFound('round', roundId);
    return round;
  }

  private async sheetView(round: RoundRow, sheet: JudgeSheetState): Promise<MySheetDto> {
    return {
      roundId: round.id,
      roundName: round.name,
      judgeName: sheet.name,
      state: sheet.state,
      signedAt: sheet.signedAt,
      complete: sheet.lines.length > 0 && sheet.lines.every((l) => l.status === 'SUBMITTED'),
      lines: sheet.lines.map((l) => ({
        projectId: l.projectId,
        title: l.title,
        status: l.status,
        total: l.total === null ? null : reportedTotal(l.total),
      })),
      timeZone: await this.competitions.timeZoneOf(round.competitionId),
    };
  }

  async mySheet(actor: Actor, roundId: string): Promise<MySheetDto> {
    const round = await this.judgedRound(actor, roundId);
    const [sheet] = await sheetStates(this.prisma, roundId, actor.id);
    return this.sheetView(round, sheet);
  }

  // Signed under the round's lock: no score changes between the hash and the row.
  async sign(actor: Actor, roundId: string, signature: string): Promise<MySheetDto> {
    const round = await this.judgedRound(actor, roundId);
    const png = signaturePng(signature);
    const sheet = await this.prisma.$transaction(async (tx) => {
      const [{ status }] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
      const [sheet] = await sheetStates(tx, roundId, actor.id);
      assertMaySign({
        roundStatus: status as 'OPEN',
        lines: sheet.lines,
        state: sheet.state,
      });
      const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
      await tx.scoreSheetSignature.create({
        data: {
          roundId,
          judgeId: actor.id,
          contentHash: sheet.hash,
          signature: png,
          signedAt: now,
        },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.sheet-signed',
        entityType: 'round',
        entityId: roundId,
        data: { contentHash: sheet.hash, again: sheet.state === 'VOID' },
      });
      return { ...sheet, state: 'SIGNED' as const, signedAt: now };
    });
    return this.sheetView(round, sheet);
  }

  /** A judge's sheet with the image of the signature that covers it now, for the 评分表 files. */
  async signedSheet(roundId: string, judgeId: string) {
    const [sheet] = await sheetStates(this.prisma, roundId, judgeId);
    if (!sheet) throw DomainError.notFound('round', roundId);
    const image =
      sheet.state === 'SIGNED' && sheet.signatureId !== null
        ? await this.prisma.scoreSheetSignature.findUnique({
            where: { id: sheet.signatureId },
            select: { signature: true },
          })
        : null;
    return { sheet, signaturePng: image ? Buffer.from(image.signature) : null };
  }

  /**
   * The round's 签字确认 for the official record (the record module's
   * evidence pack): every signature given (judge, when, the sheet hash it
   * covers, void when the sheet changed after it), each sheet's state now,
   * the on-site objections with their decision, and the teams' confirmations.
   * The signature images are not repeated here: each sheet's PDF carries the
   * one that covers it; their SHA-256 are listed.
   */
  async evidenceOf(roundId: string) {
    const [sheets, signatures, objections, confirmations, projects] = await Promise.all([
      sheetStates(this.prisma, roundId),
      this.prisma.scoreSheetSignature.findMany({ where: { roundId }, orderBy: { id: 'asc' } }),
      this.prisma.roundObjection.findMany({ where: { roundId }, orderBy: { raisedAt: 'asc' } }),
      this.prisma.resultConfirmation.findMany({
        where: { roundId },
        orderBy: { confirmedAt: 'asc' },
      }),
      this.prisma.roundProject.findMany({
        where: { roundId },
        select: { projectId: true, title: true },
      }),
    ]);
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    const users = await this.identity.findUsers([
      ...new Set([
        ...objections.flatMap((o) => [o.raisedBy, ...(o.decidedBy ? [o.decidedBy] : [])]),
        ...confirmations.map((c) => c.userId),
      ]),
    ]);
    const name = new Map(users.map((u) => [u.id, u.name]));
    const sheetOf = new Map(sheets.map((s) => [s.judgeId, s]));
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    return {
      sheets: sheets
        .filter((s) => s.lines.length)
        .map((s) => ({
          judgeId: s.judgeId,
          judge: s.name,
          state: s.state,
          sheetHash: s.hash,
          signedAt: s.signedAt,
          projects: s.lines.length,
        })),
      signatures: signatures.map((g) => {
        const sheet = sheetOf.get(g.judgeId);
        return {
          judgeId: g.judgeId,
          judge: sheet?.name ?? '',
          signedAt: g.signedAt,
          sheetHash: g.contentHash,
          // Void: the sheet's content changed after this signature (a re-score).
          void: !sheet || g.contentHash !== sheet.hash,
          latest: sheet?.signatureId === g.id,
          signatureSha256: digest(g.signature),
        };
      }),
      objections: objections.map((o) => ({
        id: o.id,
        projectId: o.projectId,
        title: title.get(o.projectId) ?? '',
        raisedBy: name.get(o.raisedBy) ?? '',
        raisedAt: o.raisedAt,
        text: o.text,
        decision: o.status,
        handling: o.handling,
        reasons: o.reason,
        decidedBy: o.decidedBy ? (name.get(o.decidedBy) ?? '') : null,
        decidedAt: o.decidedAt,
      })),
      confirmations: confirmations.map((c) => ({
        projectId: c.projectId,
        title: title.get(c.projectId) ?? '',
        confirmedBy: name.get(c.userId) ?? '',
        confirmedAt: c.confirmedAt,
        revealedAt: c.revealedAt,
        signatureSha256: digest(c.signature),
      })),
    };
  }

  /** Whether the caller sits on the round's panel (a judge downloading their own sheet). */
  async assertJudgeOf(actor: Actor, roundId: string): Promise<void> {
    await this.judgedRound(actor, roundId);
  }

  // ── Organisers ──────────────────────────────────────────────────────────

  async overview(actor: Actor, roundId: string): Promise<SignOffDto> {
    const round = await this.rounds.managed(actor, roundId);
    return this.signOffOf(round);
  }

  /**
   * The round's 签字确认 for a caller already allowed to see the round (the
   * organisers' overview, the supervisor's view): each judge's sheet, each
   * team's result with its confirmation or its objection and who decided it.
   * `room` restricts it to a room's judges and projects (分会场).
   */
  async signOffOf(
    round: RoundRow,
    room?: { judgeIds: readonly string[]; projectIds: readonly string[] },
  ): Promise<SignOffDto> {
    const roundId = round.id;
    const settings = await this.settings.of(roundId);
    const [allSheets, allProjects] = await Promise.all([
      sheetStates(this.prisma, roundId),
      this.prisma.roundProject.findMany({
        where: { roundId },
        orderBy: { title: 'asc' },
        select: { projectId: true, title: true },
      }),
    ]);
    const sheets = allSheets.filter(
      (s) => s.lines.length && (!room || room.judgeIds.includes(s.judgeId)),
    );
    const projects = allProjects.filter((p) => !room || room.projectIds.includes(p.projectId));
    const results = await this.results(round, projects, settings.objectionMinutes!, true);
    let complete: boolean;
    if (room)
      complete =
        sheets.every((s) => s.state === 'SIGNED') &&
        results.every((r) => r.objection?.status !== 'PENDING');
    else {
      const gaps = await signOffGaps(this.prisma, roundId);
      complete = !gaps.unsignedJudges.length && !gaps.pendingObjections.length;
    }
    return {
      roundId,
      signOffRequired: settings.signOffRequired === true,
      objectionMinutes: settings.objectionMinutes!,
      sheets: sheets.map((s) => ({
        judgeId: s.judgeId,
        name: s.name,
        state: s.state,
        signedAt: s.signedAt,
        projects: s.lines.length,
        submitted: s.lines.filter((l) => l.status === 'SUBMITTED').length,
      })),
      results,
      complete,
    };
  }

  async decide(
    actor: Actor,
    roundId: string,
    objectionId: string,
    dto: DecideOnSiteObjectionDto,
  ): Promise<OnSiteObjectionViewDto> {
    const round = await this.rounds.managed(actor, roundId);
    const objection = await this.prisma.roundObjection.findFirst({
      where: { id: objectionId, roundId },
    });
    if (!objection) throw DomainError.notFound('objection', objectionId);
    const project = await this.prisma.roundProject.findUnique({
      where: { roundId_projectId: { roundId, projectId: objection.projectId } },
      select: { title: true },
    });
    const title = project?.title ?? '';
    const people = await this.identity.findUsers([objection.raisedBy, actor.id]);
    const owner = people.find((u) => u.id === objection.raisedBy);
    await this.prisma.$transaction(async (tx) => {
      const [{ status }] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
      if (status !== 'OPEN')
        throw DomainError.of(
          'ROUND_NOT_OPEN',
          { status: status as 'CLOSED' },
          'the round is not open',
        );
      const [row] = await tx.$queryRaw<{ status: OnSiteObjectionStatus }[]>`
        SELECT status FROM round_objections WHERE id = ${objectionId}::uuid FOR UPDATE`;
      assertDecidable(row.status, title);
      const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
      await tx.roundObjection.update({
        where: { id: objectionId },
        data: {
          status: dto.decision,
          handling: dto.handling.trim(),
          reason: dto.reason.trim(),
          decidedBy: actor.id,
          decidedAt: now,
        },
      });
      // Upheld: the project is scored again by its judges (their scores
      // reopened, as the organiser's reopen does) and revealed anew.
      const reopened: string[] = [];
      if (dto.decision === 'UPHELD') {
        const scores = await tx.score.findMany({
          where: { roundId, projectId: objection.projectId, status: 'SUBMITTED' },
        });
        for (const s of scores) {
          const seq = await recordChange(tx, 'judging.scores-changed', roundId, {
            change: 'REOPENED',
            judgeId: s.judgeId,
            projectId: s.projectId,
          });
          await tx.score.update({
            where: { id: s.id },
            data: { status: 'DRAFT', submittedAt: null, seq },
          });
          reopened.push(s.judgeId);
        }
        await tx.projectReveal.deleteMany({ where: { roundId, projectId: objection.projectId } });
      }
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.objection-decided',
        entityType: 'project',
        entityId: objection.projectId,
        reason: dto.reason.trim(),
        data: {
          roundId,
          objectionId,
          decision: dto.decision,
          handling: dto.handling.trim(),
          reopenedJudges: reopened,
        },
      });
      if (owner)
        await appendEvent(tx, 'judging.objection-decided', objectionId, {
          competitionId: round.competitionId,
          roundId,
          roundName: round.name,
          projectTitle: title,
          decision: dto.decision,
          reason: dto.reason.trim(),
          owner: { userId: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
        });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    const after = await this.prisma.roundObjection.findUniqueOrThrow({
      where: { id: objectionId },
    });
    return this.objectionView(after, new Map(people.map((u) => [u.id, u.name])), true);
  }

  // ── Teams ───────────────────────────────────────────────────────────────

  private async ownedProject(actor: Actor, roundId: string, projectId: string) {
    const [round, rp, owned] = await Promise.all([
      this.prisma.round.findUnique({ where: { id: roundId } }),
      this.prisma.roundProject.findUnique({
        where: { roundId_projectId: { roundId, projectId } },
        select: { title: true },
      }),
      this.registration.ownedBy(actor.id, [projectId]),
    ]);
    // 签字确认 belongs to the roadshow: a team answers its live result there only.
    if (!round || round.kind !== 'ROADSHOW' || !rp || !owned.length)
      throw DomainError.notFound('round', roundId);
    return { round, title: rp.title };
  }

  async teamResult(actor: Actor, roundId: string, projectId: string): Promise<TeamResultDto> {
    const { round, title } = await this.ownedProject(actor, roundId, projectId);
    return this.teamView(round, projectId, title);
  }

  async myResults(actor: Actor): Promise<MyRoadshowResultsDto> {
    const mine = await this.registration.listMine(actor);
    if (!mine.length) return { items: [] };
    const rows = await this.prisma.roundProject.findMany({
      where: { projectId: { in: mine.map((p) => p.id) } },
      select: { roundId: true, projectId: true, title: true },
    });
    const rounds = await this.prisma.round.findMany({
      where: { id: { in: rows.map((r) => r.roundId) }, kind: 'ROADSHOW', status: { not: 'DRAFT' } },
    });
    const items: TeamResultDto[] = [];
    for (const r of rows) {
      const round = rounds.find((x) => x.id === r.roundId);
      if (round) items.push(await this.teamView(round, r.projectId, r.title));
    }
    return { items: items.sort((a, b) => b.roundId.localeCompare(a.roundId)) };
  }

  private async teamView(
    round: RoundRow,
    projectId: string,
    title: string,
  ): Promise<TeamResultDto> {
    const settings = await this.settings.of(round.id);
    const [result] = await this.results(
      round,
      [{ projectId, title }],
      settings.objectionMinutes!,
      false,
    );
    const card = await this.reveals.card(round, projectId, settings);
    const [{ now }] = await this.prisma.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    const open = round.status === 'OPEN';
    return {
      ...result,
      roundId: round.id,
      roundName: round.name,
      roundStatus: round.status,
      card,
      serverNow: now.getTime(),
      mayConfirm:
        open &&
        !result.confirmedAt &&
        result.revealedAt !== null &&
        result.objection?.status !== 'PENDING',
      mayObject: open && result.state === 'OPEN',
      timeZone: await this.competitions.timeZoneOf(round.competitionId),
    };
  }

  async confirm(actor: Actor, roundId: string, projectId: string, signature: string) {
    const { round, title } = await this.ownedProject(actor, roundId, projectId);
    const png = signaturePng(signature);
    await this.answer(round, projectId, title, async (tx, facts, now) => {
      assertMayConfirm({ ...facts, projectTitle: title });
      await tx.resultConfirmation.create({
        data: {
          roundId,
          projectId,
          userId: actor.id,
          signature: png,
          confirmedAt: now,
          revealedAt: facts.revealedAt!,
        },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.result-confirmed',
        entityType: 'project',
        entityId: projectId,
        data: { roundId, revealedAt: facts.revealedAt!.toISOString() },
      });
    });
    return this.teamView(round, projectId, title);
  }

  async object(actor: Actor, roundId: string, projectId: string, dto: ObjectionDto) {
    const { round, title } = await this.ownedProject(actor, roundId, projectId);
    await this.answer(round, projectId, title, async (tx, facts, now) => {
      assertMayObject({ ...facts, projectTitle: title });
      const created = await tx.roundObjection.create({
        data: {
          roundId,
          projectId,
          raisedBy: actor.id,
          text: dto.text.trim(),
          raisedAt: now,
          status: 'PENDING',
        },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.objection-raised',
        entityType: 'project',
        entityId: projectId,
        data: { roundId, objectionId: created.id, text: dto.text.trim() },
      });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return this.teamView(round, projectId, title);
  }

  // A team's answer, under the project's row lock in the round: one objection, decided once.
  private async answer(
    round: RoundRow,
    projectId: string,
    title: string,
    act: (tx: Tx, facts: ResultFacts, now: Date) => Promise<void>,
  ) {
    const settings = await this.settings.of(round.id);
    const card = await this.reveals.card(round, projectId, settings);
    await this.prisma.$transaction(async (tx) => {
      const [{ status }] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text FROM rounds WHERE id = ${round.id}::uuid FOR SHARE`;
      if (status !== 'OPEN')
        throw DomainError.of(
          'ROUND_NOT_OPEN',
          { status: status as 'CLOSED' },
          'the round is not open',
        );
      await tx.$executeRaw`
        SELECT 1 FROM round_projects WHERE round_id = ${round.id}::uuid
           AND project_id = ${projectId}::uuid FOR UPDATE`;
      const [confirmation, objection] = await Promise.all([
        tx.resultConfirmation.findUnique({
          where: { roundId_projectId: { roundId: round.id, projectId } },
        }),
        tx.roundObjection.findUnique({
          where: { roundId_projectId: { roundId: round.id, projectId } },
        }),
      ]);
      const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
      await act(
        tx,
        {
          revealedAt: card?.revealedAt ?? null,
          now,
          windowMinutes: settings.objectionMinutes!,
          confirmedAt: confirmation?.confirmedAt ?? null,
          objection: objection
            ? { status: objection.status as OnSiteObjectionStatus, raisedAt: objection.raisedAt }
            : null,
        },
        now,
      );
    });
  }

  // ── Shared ──────────────────────────────────────────────────────────────

  /** Projects whose result is 异议处理中 (an objection waits, or its re-score is not revealed). */
  async disputedIds(roundId: string): Promise<Set<string>> {
    const rows = await this.prisma.roundObjection.findMany({
      where: { roundId, status: { in: ['PENDING', 'UPHELD'] } },
      select: { projectId: true, status: true, decidedAt: true },
    });
    if (!rows.length) return new Set();
    const round = await this.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    const settings = await this.settings.of(roundId);
    const out = new Set<string>();
    for (const r of rows) {
      if (r.status === 'PENDING') out.add(r.projectId);
      else if (!(await this.reveals.card(round, r.projectId, settings))) out.add(r.projectId);
    }
    return out;
  }

  private async results(
    round: RoundRow,
    projects: { projectId: string; title: string }[],
    windowMinutes: number,
    // Who decided an objection: for the organisers' and supervisors' views, not the team's.
    withDecider: boolean,
  ): Promise<ProjectResultDto[]> {
    const ids = projects.map((p) => p.projectId);
    const [confirmations, objections, [{ now }]] = await Promise.all([
      this.prisma.resultConfirmation.findMany({
        where: { roundId: round.id, projectId: { in: ids } },
      }),
      this.prisma.roundObjection.findMany({ where: { roundId: round.id, projectId: { in: ids } } }),
      this.prisma.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`,
    ]);
    const users = await this.identity.findUsers([
      ...new Set(
        objections.flatMap((o) => [
          o.raisedBy,
          ...(withDecider && o.decidedBy ? [o.decidedBy] : []),
        ]),
      ),
    ]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const settings = await this.settings.of(round.id);
    const out: ProjectResultDto[] = [];
    for (const p of projects) {
      const card = await this.reveals.card(round, p.projectId, settings);
      const confirmation = confirmations.find((c) => c.projectId === p.projectId);
      const objection = objections.find((o) => o.projectId === p.projectId);
      const revealedAt = card?.revealedAt ?? null;
      const state = resultState({
        revealedAt,
        now,
        windowMinutes,
        confirmedAt: confirmation?.confirmedAt ?? null,
        objection: objection
          ? { status: objection.status as OnSiteObjectionStatus, raisedAt: objection.raisedAt }
          : null,
      });
      out.push({
        projectId: p.projectId,
        title: p.title,
        state,
        revealedAt,
        objectionClosesAt: revealedAt ? objectionClosesAt(revealedAt, windowMinutes) : null,
        confirmedAt: confirmation?.confirmedAt ?? null,
        objection: objection ? this.objectionView(objection, names, withDecider) : null,
      });
    }
    return out;
  }

  private objectionView(
    o: ObjectionRow,
    names: Map<string, string>,
    withDecider: boolean,
  ): OnSiteObjectionViewDto {
    return {
      id: o.id,
      text: o.text,
      raisedAt: o.raisedAt,
      raisedByName: names.get(o.raisedBy) ?? '',
      status: o.status as OnSiteObjectionViewDto['status'],
      handling: o.handling,
      reason: o.reason,
      decidedAt: o.decidedAt,
      decidedByName: withDecider && o.decidedBy ? (names.get(o.decidedBy) ?? '') : null,
    };
  }
}
