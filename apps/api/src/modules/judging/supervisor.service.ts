import { Injectable } from '@nestjs/common';
import { Actor, DomainError, formatZonedCell, rankAmong } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { PrintableSheet, XlsxCell } from '../../common/xlsx';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { CheckInService } from './check-in.service';
import {
  AddSupervisorNoteDto,
  SupervisedCompetitionsDto,
  SupervisorListDto,
  SupervisorNoteDto,
  SupervisorRoundViewDto,
} from './dto/supervisor.dto';
import { OnSiteObjectionViewDto } from './dto/sign-off.dto';
import { PitchTimerService } from './pitch-timer.service';
import { RankingsService } from './rankings.service';
import { RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';
import { SignOffService } from './sign-off.service';

/**
 * 监督: a competition's organisers appoint supervisors (accounts with the
 * SUPERVISOR role, invited by mail through POST /users like judges). A
 * supervisor reads every round of the competition live (each judge's scores
 * as they are submitted, the draw and its seed, the timing log, check-ins),
 * adds timestamped notes, and exports what it sees; it changes nothing else:
 * every other write route refuses its role.
 *
 * The view is a list of sections (sections() below): each is one part of the
 * page and one sheet of the export, so a new part is one more section. The
 * sign-off (signed sheets, confirmations, on-site objections) is read through
 * SignOffService.signOffOf. A round with rooms (分会场) is also seen one room
 * at a time: every section restricted to the room.
 */
@Injectable()
export class SupervisorService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
    private readonly checkIn: CheckInService,
    private readonly timer: PitchTimerService,
    private readonly rankings: RankingsService,
    private readonly roomPlans: RoomsService,
    private readonly signOff: SignOffService,
  ) {}

  // ── The organisers' side ──────────────────────────────────────────────

  async list(actor: Actor, competitionId: string): Promise<SupervisorListDto> {
    await this.competitions.assertCanManage(actor, competitionId, {
      resource: 'competition',
      id: competitionId,
    });
    const rows = await this.prisma.competitionSupervisor.findMany({
      where: { competitionId },
      orderBy: [{ appointedAt: 'asc' }, { userId: 'asc' }],
    });
    return {
      competitionId,
      supervisors: rows.map((r) => ({
        userId: r.userId,
        name: r.name,
        email: r.email,
        appointedAt: r.appointedAt,
      })),
    };
  }

  async appoint(actor: Actor, competitionId: string, userId: string): Promise<SupervisorListDto> {
    await this.competitions.assertCanManage(actor, competitionId, {
      resource: 'competition',
      id: competitionId,
    });
    const [user] = await this.identity.findUsers([userId]);
    // Unknown and not-a-supervisor answer alike: this route does not tell an
    // organiser what another account is (as a judge pool does).
    if (!user || !user.roles.includes('SUPERVISOR') || user.disabled)
      throw DomainError.notFound('user', userId);
    await this.prisma.$transaction(async (tx) => {
      const created = await tx.competitionSupervisor.createMany({
        data: [
          {
            competitionId,
            userId,
            name: user.name,
            email: user.email,
            appointedById: actor.id,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count)
        await appendAudit(tx, {
          competitionId,
          actorId: actor.id,
          action: 'competition.supervisor-appointed',
          entityType: 'competition',
          entityId: competitionId,
          data: { supervisor: user.name, userId },
        });
    });
    return this.list(actor, competitionId);
  }

  async remove(actor: Actor, competitionId: string, userId: string): Promise<SupervisorListDto> {
    await this.competitions.assertCanManage(actor, competitionId, {
      resource: 'competition',
      id: competitionId,
    });
    await this.prisma.$transaction(async (tx) => {
      const gone = await tx.$queryRaw<{ name: string }[]>`
        DELETE FROM competition_supervisors
         WHERE competition_id = ${competitionId}::uuid AND user_id = ${userId}::uuid
        RETURNING name`;
      if (!gone.length) throw DomainError.notFound('supervisor', userId);
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'competition.supervisor-removed',
        entityType: 'competition',
        entityId: competitionId,
        data: { supervisor: gone[0].name, userId },
      });
    });
    return this.list(actor, competitionId);
  }

  // ── The supervisor's side ─────────────────────────────────────────────

  async supervised(actor: Actor): Promise<SupervisedCompetitionsDto> {
    const rows = await this.prisma.competitionSupervisor.findMany({ where: { userId: actor.id } });
    const ids = rows.map((r) => r.competitionId);
    if (!ids.length) return { items: [] };
    const [names, rounds, zones] = await Promise.all([
      this.competitions.namesOf(ids),
      this.prisma.round.findMany({
        where: { competitionId: { in: ids } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
      Promise.all(ids.map((id) => this.competitions.timeZoneOf(id))),
    ]);
    return {
      items: ids.map((id, i) => ({
        id,
        name: names.get(id) ?? '',
        timeZone: zones[i],
        rounds: rounds
          .filter((r) => r.competitionId === id)
          .map((r) => ({
            id: r.id,
            name: r.name,
            heatName: r.heatName,
            kind: r.kind,
            status: r.status,
          })),
      })),
    };
  }

  // The round, if the caller supervises its competition; 404 otherwise.
  private async supervisedRound(actor: Actor, roundId: string) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const appointed = await this.prisma.competitionSupervisor.findUnique({
      where: { competitionId_userId: { competitionId: round.competitionId, userId: actor.id } },
    });
    if (!appointed) throw DomainError.notFound('round', roundId);
    return round;
  }

  /**
   * The round as the supervisor sees it; with `roomId` (分会场), every section
   * is restricted to that room: its projects in the room's order, their
   * scores, the ranking within the room, their timing, check-ins and
   * sign-off, and the room's notes with the round-wide ones.
   */
  async view(actor: Actor, roundId: string, roomId?: string): Promise<SupervisorRoundViewDto> {
    const round = await this.supervisedRound(actor, roundId);
    const room = roomId ? await this.roomPlans.stageRoom(roundId, roomId) : null;
    const [
      [competitionName],
      timeZone,
      projects,
      judges,
      assignments,
      scores,
      ranking,
      timing,
      checkIns,
      notes,
      links,
      rooms,
      signOff,
    ] = await Promise.all([
      this.competitions.namesOf([round.competitionId]).then((m) => [m.get(round.competitionId)]),
      this.competitions.timeZoneOf(round.competitionId),
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.assignment.findMany({ where: { roundId } }),
      this.prisma.score.findMany({ where: { roundId, status: 'SUBMITTED' } }),
      this.rankings.readForOrganisers(roundId, round.method),
      this.timer.logOf(roundId),
      this.checkIn.presenceOf(roundId),
      this.notesOf(roundId, room?.id ?? null),
      this.prisma.roundMeetingLink.findMany({ where: { roundId } }),
      this.roomPlans.roomsOf(roundId),
      this.signOff.signOffOf(round, room ?? undefined),
    ]);
    // A room's view: its projects (and the judges it seats) only.
    const inRoom = (projectId: string) => !room || room.projectIds.includes(projectId);
    const seated = (judgeId: string) => !room || room.judgeIds.includes(judgeId);
    // The room's order: the round's draw restricted to its projects (as RoomsService.roomsOf).
    const order = round.pitchOrder.filter(inRoom);
    const position = new Map(order.map((id, i) => [id, i + 1]));
    const link = new Map(links.map((l) => [l.projectId, l.url]));
    const judgeName = new Map(judges.map((j) => [j.judgeId, j.name]));
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    const submitted = new Map(scores.map((s) => [`${s.judgeId}:${s.projectId}`, s]));
    const byOrder = (a: string, b: string) =>
      (position.get(a) ?? 1e9) - (position.get(b) ?? 1e9) ||
      (title.get(a) ?? '').localeCompare(title.get(b) ?? '', 'zh-CN');
    const stage = room && rooms.rooms.find((r) => r.id === room.id);
    return {
      roundId,
      roundName: round.name,
      heatName: round.heatName,
      competitionId: round.competitionId,
      competitionName: competitionName ?? '',
      timeZone,
      status: round.status,
      method: round.method,
      readAt: new Date(),
      room: room && { id: room.id, name: room.name },
      projects: projects
        .filter((p) => inRoom(p.projectId))
        .sort((a, b) => byOrder(a.projectId, b.projectId))
        .map((p) => ({
          projectId: p.projectId,
          title: p.title,
          organisationName: p.organisationName,
          position: position.get(p.projectId) ?? null,
          meetingUrl: link.get(p.projectId) ?? null,
        })),
      scores: assignments
        .filter((a) => inRoom(a.projectId))
        .sort(
          (a, b) =>
            byOrder(a.projectId, b.projectId) ||
            (judgeName.get(a.judgeId) ?? '').localeCompare(judgeName.get(b.judgeId) ?? '', 'zh-CN'),
        )
        .map((a) => {
          const s = submitted.get(`${a.judgeId}:${a.projectId}`);
          return {
            judgeId: a.judgeId,
            judgeName: judgeName.get(a.judgeId) ?? '',
            projectId: a.projectId,
            total: s ? s.total : null,
            status: s ? ('SUBMITTED' as const) : ('PENDING' as const),
            submittedAt: s?.submittedAt ?? null,
            criteria: s ? (s.scores as Record<string, number>) : null,
          };
        }),
      ranking: room
        ? rankAmong(ranking.entries.filter((e) => inRoom(e.projectId)))
        : ranking.entries,
      draw: {
        seed: round.pitchSeed,
        drawnAt: round.pitchOrderDrawnAt,
        order,
        nowPitchingProjectId: stage ? stage.nowPitchingProjectId : round.nowPitchingProjectId,
      },
      timing: { ...timing, projects: timing.projects.filter((p) => inRoom(p.projectId)) },
      checkIns: {
        ...checkIns,
        projects: checkIns.projects.filter((p) => inRoom(p.projectId)),
        judges: checkIns.judges.filter((j) => seated(j.judgeId)),
      },
      signOff,
      notes,
      rooms,
    };
  }

  // The round's notes; for a room, its own and the round-wide ones.
  private async notesOf(roundId: string, roomId: string | null): Promise<SupervisorNoteDto[]> {
    const rows = await this.prisma.supervisorNote.findMany({
      where: roomId ? { roundId, OR: [{ roomId }, { roomId: null }] } : { roundId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((n) => ({
      id: n.id,
      authorName: n.authorName,
      body: n.body,
      createdAt: n.createdAt,
      roomId: n.roomId,
    }));
  }

  async addNote(
    actor: Actor,
    roundId: string,
    dto: AddSupervisorNoteDto,
  ): Promise<SupervisorNoteDto[]> {
    const round = await this.supervisedRound(actor, roundId);
    const body = dto.body.trim();
    if (!body)
      throw DomainError.of('VALIDATION_FAILED', { fields: ['body'] }, 'Write the note', [
        { field: 'body', code: 'FIELD_REQUIRED', message: 'empty note' },
      ]);
    const room = dto.roomId ? await this.roomPlans.stageRoom(roundId, dto.roomId) : null;
    const roomId = room?.id ?? null;
    const [author] = await this.identity.findUsers([actor.id]);
    await this.prisma.$transaction(async (tx) => {
      // The database's clock, as for every other record of the day.
      const [note] = await tx.$queryRaw<{ id: string; created_at: Date }[]>`
        INSERT INTO supervisor_notes (id, round_id, room_id, author_id, author_name, body, created_at)
        VALUES (gen_random_uuid(), ${roundId}::uuid, ${roomId}::uuid, ${actor.id}::uuid,
                ${author?.name ?? ''}, ${body}, now())
        RETURNING id, created_at`;
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.supervisor-note-added',
        entityType: 'round',
        entityId: roundId,
        data: room ? { noteId: note.id, body, room: room.name, roomId } : { noteId: note.id, body },
      });
    });
    return this.notesOf(roundId, roomId);
  }

  /** What the supervisor sees, as sheets: one per section of the view. */
  async exportSheets(
    actor: Actor,
    roundId: string,
    roomId?: string,
  ): Promise<{ title: string; sheets: PrintableSheet[] }> {
    const v = await this.view(actor, roundId, roomId);
    const room = v.room ? `-${v.room.name}` : '';
    return { title: `${v.competitionName}-${v.roundName}${room}-监督`, sheets: sections(v) };
  }
}

// 签字确认 in Chinese, as the pages say it (apps/web/src/pages/sign-off-i18n.ts).
const SHEET_STATE: Record<SupervisorRoundViewDto['signOff']['sheets'][number]['state'], string> = {
  UNSIGNED: '未签字',
  SIGNED: '已签字',
  VOID: '签字已失效（评分有改动）',
};
const RESULT_STATE: Record<SupervisorRoundViewDto['signOff']['results'][number]['state'], string> =
  {
    NOT_REVEALED: '尚未亮分',
    OPEN: '已亮分，待确认',
    CONFIRMED: '已签字确认无异议',
    OBJECTED: '异议处理中',
    DISMISSED: '异议不成立，成绩有效',
    RESCORING: '异议成立，评委重新评分中',
    RESCORED: '已重新亮分',
    LAPSED: '异议期已过',
  };
const OBJECTION_STATUS: Record<OnSiteObjectionViewDto['status'], string> = {
  PENDING: '待处理',
  UPHELD: '异议成立',
  DISMISSED: '异议不成立',
};

// The view's sections, each a printable sheet (Chinese, times in the competition's zone).
export function sections(v: SupervisorRoundViewDto): PrintableSheet[] {
  const at = (d: Date | string | null) => formatZonedCell(d, v.timeZone);
  const title = new Map(v.projects.map((p) => [p.projectId, p.title]));
  const room = new Map(v.rooms.rooms.map((r) => [r.id, r.name]));
  const subtitle = [
    `${v.competitionName} · ${v.heatName} · ${v.roundName}${v.room ? ` · 分会场：${v.room.name}` : ''}`,
    `导出时间 ${at(v.readAt)}（${v.timeZone}）`,
  ];
  const sheet = (name: string, headers: string[], rows: XlsxCell[][]): PrintableSheet => ({
    name,
    title: `${v.roundName} · ${name}`,
    subtitle,
    headers,
    rows,
  });
  return [
    sheet(
      '项目与出场顺序',
      ['出场顺序', '项目', '单位', '线上会议链接'],
      v.projects.map((p) => [p.position, p.title, p.organisationName, p.meetingUrl ?? '']),
    ),
    sheet(
      '评分',
      ['项目', '评委', '状态', '总分', '提交时间', '各项得分'],
      v.scores.map((s) => [
        title.get(s.projectId) ?? '',
        s.judgeName,
        s.status === 'SUBMITTED' ? '已提交' : '未提交',
        s.total,
        at(s.submittedAt),
        s.criteria
          ? Object.entries(s.criteria)
              .map(([k, n]) => `${k}: ${n}`)
              .join('; ')
          : '',
      ]),
    ),
    sheet(
      '排名',
      ['名次', '项目', '得分', '计入评委', '应评评委', '完整'],
      v.ranking.map((e) => [
        e.rank,
        e.title,
        e.score,
        e.judgeCount,
        e.assignedJudges,
        e.complete ? '是' : '否',
      ]),
    ),
    sheet(
      '抽签',
      ['出场顺序', '项目', '抽签种子', '抽签时间'],
      v.draw.order.map((id, i) => [
        i + 1,
        title.get(id) ?? '',
        i === 0 ? (v.draw.seed ?? '') : '',
        i === 0 ? at(v.draw.drawnAt) : '',
      ]),
    ),
    sheet(
      '计时记录',
      ['项目', '阶段', '开始', '结束', '用时(秒)', '暂停(秒)', '限时(秒)', '超时(秒)', '延长(分)'],
      v.timing.projects.flatMap((p) =>
        p.phases.map((ph) => [
          p.title,
          ph.phase === 'PITCH' ? '陈述' : '答辩',
          at(ph.startedAt),
          at(ph.endedAt),
          Math.round(ph.activeMs / 1000),
          Math.round(ph.pausedMs / 1000),
          Math.round(ph.limitMs / 1000),
          Math.round(ph.overrunMs / 1000),
          ph.extensionMinutes,
        ]),
      ),
    ),
    sheet(
      '签到',
      ['类别', '名称', '签到时间', '方式', '缺席'],
      [
        ...v.checkIns.projects.map((p) => [
          '项目',
          p.title,
          at(p.checkedInAt),
          p.method === 'DESK' ? '工作人员' : p.method === 'CODE' ? '扫码' : '',
          p.absent ? `缺席：${p.absent.reason}` : '',
        ]),
        ...v.checkIns.judges.map((j) => [
          '评委',
          j.name,
          at(j.checkedInAt),
          j.method === 'DESK' ? '工作人员' : j.method === 'CODE' ? '扫码' : '',
          '',
        ]),
      ],
    ),
    sheet(
      '分会场',
      ['分会场', '合并规则', '晋级名额', '评委', '项目（出场顺序）'],
      v.rooms.rooms.map((r) => [
        r.name,
        v.rooms.rule === 'QUOTA' ? '各分会场名额' : '标准化得分（评委 z 分数）',
        v.rooms.rule === 'QUOTA' ? r.quota : v.rooms.advance,
        r.judges.map((j) => j.name).join('、'),
        r.projects.map((p) => p.name).join('、'),
      ]),
    ),
    sheet(
      '签字确认',
      [
        '类别',
        '评委/项目',
        '状态',
        '签字/确认时间',
        '异议提出人',
        '异议内容',
        '提出时间',
        '异议处理',
        '处理经过',
        '决定理由',
        '决定人',
        '决定时间',
      ],
      [
        ...v.signOff.sheets.map((s) => [
          '评分表签字',
          s.name,
          SHEET_STATE[s.state],
          at(s.signedAt),
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ]),
        ...v.signOff.results.map((r) => {
          const o = r.objection;
          return [
            '项目确认',
            r.title,
            RESULT_STATE[r.state],
            at(r.confirmedAt),
            o?.raisedByName ?? '',
            o?.text ?? '',
            o ? at(o.raisedAt) : '',
            o ? OBJECTION_STATUS[o.status] : '',
            o?.handling ?? '',
            o?.reason ?? '',
            o?.decidedByName ?? '',
            o ? at(o.decidedAt) : '',
          ];
        }),
      ],
    ),
    sheet(
      '监督记录',
      ['时间', '监督', '范围', '记录'],
      v.notes.map((n) => [
        at(n.createdAt),
        n.authorName,
        n.roomId ? (room.get(n.roomId) ?? '') : '全场',
        n.body,
      ]),
    ),
  ];
}
