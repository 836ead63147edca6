import { recordIdempotentAnswer } from '../../common/idempotency-store';
import { toProjectView } from './dto/project.mapper';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  Actor,
  DomainError,
  ProjectLifecycle,
  ProjectStatusName,
  Answers,
  answersForJudge,
  blindForJudge,
  evaluateEligibility,
  fieldProblem,
  hasRole,
  mergeAnswers,
} from '@app/domain';
import { Prisma, PrismaService, Project, appendAudit, appendEvent } from '@app/database';
import { Recipient } from '@app/events';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { JudgeAccessService } from '../judging/judge-access.service';
import {
  CreateProjectDto,
  ListProjectsQuery,
  ReviewProjectDto,
  SubmitProjectDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { RegistrationFormService } from './form/registration-form.service';
import { REGISTRATION_FILE_CHECK, RegistrationFileCheck } from './form/registration-file-check';
import {
  assertAnswers,
  assertComplete,
  assertDeclaration,
  assertFileAnswers,
  assertGroup,
  assertUnlocked,
} from './form/project-answers';
import { applyFinalOutcome, finalistsOf } from './final-outcome';

const json = (v: unknown) => v as Prisma.InputJsonValue;
// Statuses in which answers whose field has not locked may still change.
const ANSWERS_EDITABLE: ProjectStatusName[] = ['DRAFT', 'SUBMITTED', 'ELIGIBLE', 'ADVANCED'];

@Injectable()
export class RegistrationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
    private readonly judgeAccess: JudgeAccessService,
    private readonly forms: RegistrationFormService,
    // The files module's check of file answers, wired at merge (see the file).
    @Optional()
    @Inject(REGISTRATION_FILE_CHECK)
    private readonly fileCheck: RegistrationFileCheck | null = null,
  ) {}

  // Titles of a set of projects, for pages that name what they list (the audit log).
  async titlesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.project.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true },
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  // Which of these projects the user owns (a team checking in at the venue).
  async ownedBy(ownerId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.project.findMany({
      where: { id: { in: ids }, ownerId },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  // A competition with a registration keeps it (the season's record): asked
  // inside the deleting transaction, after the competition row is locked.
  async assertNoRegistrationIn(tx: Prisma.TransactionClient, competitionId: string) {
    const projects = await tx.project.count({ where: { competitionId } });
    if (projects > 0)
      throw DomainError.of(
        'COMPETITION_HAS_REGISTRATIONS',
        { count: projects },
        `the competition has ${projects} registration(s); it stays`,
      );
  }

  // A draft needs its title and placement; the rest may wait for submit.
  async create(actor: Actor, competitionId: string, dto: CreateProjectDto): Promise<Project> {
    const ctx = await this.competitions.registrationContext(competitionId);
    await this.assertPlacement(competitionId, ctx.trackCodes, dto.trackCode, dto.heatId);
    const groupKey = dto.groupKey ?? null;
    return this.prisma.$transaction(async (tx) => {
      const form = await this.forms.projectForm(tx, competitionId);
      assertGroup(form, groupKey, dto.trackCode);
      assertAnswers(form, dto.answers ?? {}, groupKey);
      const answers = mergeAnswers({}, dto.answers ?? {});
      await assertFileAnswers(this.fileCheck, form, null, answers);
      const organisation = dto.organisation ?? { name: '' };
      const project = await tx.project.create({
        data: {
          competitionId,
          ownerId: actor.id,
          heatId: dto.heatId,
          trackCode: dto.trackCode,
          title: dto.title,
          summary: dto.summary ?? '',
          organisation: json(organisation),
          organisationName: organisation.name.trim(),
          team: json(dto.team ?? []),
          fundingStage: dto.fundingStage ?? null,
          pitchDeckUrl: dto.pitchDeckUrl ?? null,
          answers: json(answers),
          groupKey,
        },
      });
      // The answer a retry gets is the one the route gives: the mapped view.
      await recordIdempotentAnswer(tx, toProjectView(project));
      return project;
    });
  }

  // A DRAFT changes freely (required fields may stay empty). After submit
  // only answers change, and only those whose field has not locked yet (BP
  // and video stay updatable, identity fields lock: the 创青春 rule).
  async update(actor: Actor, projectId: string, dto: UpdateProjectDto): Promise<Project> {
    const project = await this.ownProject(actor, projectId);
    const { answers: answerPatch, ...core } = dto;
    const coreChange = Object.values(core).some((v) => v !== undefined);
    if (coreChange || !ANSWERS_EDITABLE.includes(project.status))
      ProjectLifecycle.assertEditable(project.status);
    const ctx = await this.competitions.registrationContext(project.competitionId);
    const trackCode = dto.trackCode ?? project.trackCode;
    if (dto.trackCode !== undefined || dto.heatId !== undefined)
      await this.assertPlacement(
        project.competitionId,
        ctx.trackCodes,
        trackCode,
        dto.heatId ?? project.heatId,
      );
    const data: Prisma.ProjectUpdateManyMutationInput & { heatId?: string } = {
      ...(dto.title !== undefined && { title: dto.title }),
      ...(dto.summary !== undefined && { summary: dto.summary }),
      ...(dto.trackCode !== undefined && { trackCode: dto.trackCode }),
      ...(dto.heatId !== undefined && { heatId: dto.heatId }),
      ...(dto.organisation !== undefined && {
        organisation: json(dto.organisation),
        organisationName: dto.organisation.name.trim(),
      }),
      ...(dto.team !== undefined && { team: json(dto.team) }),
      ...(dto.fundingStage !== undefined && { fundingStage: dto.fundingStage }),
      ...(dto.pitchDeckUrl !== undefined && { pitchDeckUrl: dto.pitchDeckUrl }),
      ...(dto.groupKey !== undefined && { groupKey: dto.groupKey }),
    };
    return this.prisma.$transaction(async (tx) => {
      const form = await this.forms.projectForm(tx, project.competitionId);
      // The row as it is now, locked: the checks below judge what is stored.
      const [current] = await tx.$queryRaw<
        { status: ProjectStatusName; answers: Answers; group_key: string | null }[]
      >`SELECT status, answers, group_key FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
      if (!current || current.status !== project.status)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'project' },
          'the project changed meanwhile; reload it and try again',
        );
      const groupKey = dto.groupKey ?? current.group_key;
      if (dto.groupKey !== undefined || dto.trackCode !== undefined)
        assertGroup(form, groupKey, trackCode);
      if (answerPatch !== undefined || dto.groupKey !== undefined) {
        if (answerPatch !== undefined) assertAnswers(form, answerPatch, groupKey);
        const answers = mergeAnswers(current.answers ?? {}, answerPatch ?? {});
        assertAnswers(form, answers, groupKey);
        assertUnlocked(form, current.answers ?? {}, answers, {
          status: current.status,
          deadlinePassed: new Date() >= ctx.closesAt,
        });
        await assertFileAnswers(this.fileCheck, form, projectId, answers);
        data.answers = json(answers);
      }
      return tx.project.update({ where: { id: projectId }, data });
    });
  }

  // Completeness is asked here, not at draft time: every missing item at once
  // (PROJECT_INCOMPLETE), then the declaration if the form has one (who, when,
  // from which address). Conditional on the row being unchanged since it was
  // checked, so an edit racing the submit cannot slip past the check.
  async submit(
    actor: Actor,
    projectId: string,
    dto: SubmitProjectDto = {},
    ip: string | null = null,
  ): Promise<Project> {
    const project = await this.ownProject(actor, projectId);
    const ctx = await this.competitions.registrationContext(project.competitionId);
    const now = new Date();
    const next = ProjectLifecycle.submit(
      project.status,
      { opensAt: ctx.opensAt, closesAt: ctx.closesAt, timeZone: ctx.timeZone },
      now,
    );
    const owner = await this.recipient(project.ownerId);
    return this.prisma.$transaction(async (tx) => {
      const form = await this.forms.projectForm(tx, project.competitionId);
      assertComplete(form, project);
      assertDeclaration(form, dto.acceptDeclaration);
      const rows = await tx.project.updateManyAndReturn({
        where: { id: project.id, status: project.status, updatedAt: project.updatedAt },
        data: {
          status: next,
          submittedAt: now,
          ...(form.declaration && {
            declarationAcceptedAt: now,
            declarationAcceptedById: actor.id,
            declarationIp: ip,
          }),
        },
      });
      if (rows.length !== 1)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'project' },
          'the project changed meanwhile; reload it and try again',
        );
      const updated = rows[0];
      await appendEvent(tx, 'registration.project-submitted', updated.id, {
        projectId: updated.id,
        competitionId: updated.competitionId,
        competitionName: ctx.name,
        title: updated.title,
        owner,
      });
      return updated;
    });
  }

  async withdraw(actor: Actor, projectId: string): Promise<Project> {
    const project = await this.ownProject(actor, projectId);
    const next = ProjectLifecycle.withdraw(project.status);
    return this.transition(project, next, { withdrawnAt: new Date() });
  }

  // Records the decision (audited) and mails nobody: applicants learn it from
  // the competition's next eligibility release (EligibilityService).
  async review(actor: Actor, projectId: string, dto: ReviewProjectDto): Promise<Project> {
    const project = await this.visibleToOrganiser(actor, projectId);
    const next = ProjectLifecycle.review(project.status, dto.decision, dto.reason);
    const reason = dto.reason?.trim() || null;
    return this.transition(
      project,
      next,
      { reviewReason: reason, reviewedById: actor.id, reviewedAt: new Date() },
      (tx, updated) => this.auditReview(tx, actor, project.status, updated, reason),
    );
  }

  auditReview(
    tx: Prisma.TransactionClient,
    actor: Actor,
    from: ProjectStatusName,
    updated: Project,
    reason: string | null,
  ) {
    return appendAudit(tx, {
      competitionId: updated.competitionId,
      actorId: actor.id,
      action: 'project.reviewed',
      entityType: 'project',
      entityId: updated.id,
      reason,
      data: { from, to: updated.status },
    });
  }

  async get(actor: Actor, projectId: string) {
    const project = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!project) throw DomainError.notFound('project', projectId);
    if (project.ownerId === actor.id) return project;
    if (hasRole(actor, 'ADMIN', 'ORGANISER')) {
      const managed = await this.competitions.managedCompetitionIds(actor);
      if (managed === 'all' || managed.includes(project.competitionId)) return project;
    }
    if (hasRole(actor, 'JUDGE') && (await this.judgeAccess.isAssigned(actor.id, projectId))) {
      const blind = await this.judgeAccess.isBlindFor(actor.id, projectId);
      // Answers may hold identity fields (统一社会信用代码): a blind view drops them too.
      const { answers, ...rest } = project;
      return blindForJudge(blind ? rest : { ...rest, answers }, blind);
    }
    throw DomainError.notFound('project', projectId);
  }

  // What judging and advancement need of a heat's projects: the ELIGIBLE ones.
  // With the team's emails: judging refuses to assign a judge to its own project.
  async eligibleProjects(heatId: string) {
    const rows = await this.prisma.project.findMany({
      where: { heatId, status: 'ELIGIBLE' },
      select: {
        id: true,
        title: true,
        organisationName: true,
        organisation: true,
        ownerId: true,
        trackCode: true,
        groupKey: true,
        team: true,
      },
      orderBy: { id: 'asc' },
    });
    return rows.map(({ team, organisation, ...p }) => ({
      ...p,
      province:
        organisation &&
        typeof organisation === 'object' &&
        'province' in organisation &&
        typeof organisation.province === 'string'
          ? organisation.province
          : null,
      teamEmails: (Array.isArray(team) ? team : []).map((m) =>
        m && typeof m === 'object' && 'email' in m && typeof m.email === 'string' ? m.email : null,
      ),
      teamNames: (Array.isArray(team) ? team : []).flatMap((m) =>
        m && typeof m === 'object' && 'name' in m && typeof m.name === 'string' ? [m.name] : [],
      ),
    }));
  }

  // Applies a heat's advancement to the projects, inside the advancement's
  // transaction: advanced ones enter the target heat as ELIGIBLE there, the
  // rest are ELIMINATED for this stage, the final's winners AWARDED. Only
  // projects still ELIGIBLE in that heat move, so a withdrawal in between is kept.
  async applyAdvancement(
    tx: Prisma.TransactionClient,
    heatId: string,
    outcome: { advanced: string[]; eliminated: string[]; toHeatId: string | null },
  ): Promise<void> {
    const where = (ids: string[]) => ({ id: { in: ids }, heatId, status: 'ELIGIBLE' as const });
    if (outcome.toHeatId) {
      await tx.project.updateMany({
        where: where(outcome.advanced),
        data: { heatId: outcome.toHeatId },
      });
    } else {
      await tx.project.updateMany({ where: where(outcome.advanced), data: { status: 'AWARDED' } });
    }
    await tx.project.updateMany({
      where: where(outcome.eliminated),
      data: { status: 'ELIMINATED' },
    });
  }

  // A changed heat result moves the project, inside the change's transaction:
  // into the next heat as ELIGIBLE, or back as ELIMINATED. Conditional on where
  // the project is, so a withdrawal in between makes it a conflict.
  async moveAfterResultChange(
    tx: Prisma.TransactionClient,
    projectId: string,
    c: {
      heatId: string;
      nextHeatId: string;
      result: 'ADVANCED' | 'ELIMINATED';
      // A written withdrawal of the place leaves the project WITHDRAWN in the heat.
      status?: 'WITHDRAWN';
    },
  ): Promise<void> {
    const moved =
      c.result === 'ADVANCED'
        ? await tx.project.updateMany({
            where: { id: projectId, heatId: c.heatId, status: 'ELIMINATED' },
            data: { heatId: c.nextHeatId, status: 'ELIGIBLE' },
          })
        : await tx.project.updateMany({
            where: { id: projectId, heatId: c.nextHeatId, status: 'ELIGIBLE' },
            data: { heatId: c.heatId, status: c.status ?? 'ELIMINATED' },
          });
    if (moved.count !== 1) {
      const project = await tx.project.findUnique({
        where: { id: projectId },
        select: { title: true },
      });
      throw DomainError.of(
        'PROJECT_MOVED',
        { projectTitle: project?.title ?? '' },
        'the project is no longer where this result put it (withdrawn?)',
      );
    }
  }

  // A winner's written withdrawal from the final's award list, inside the
  // awards' transaction: the project AWARDED in the final becomes WITHDRAWN
  // (a later award re-assignment leaves it out). Conditional on its status.
  async withdrawWinnerIn(
    tx: Prisma.TransactionClient,
    heatId: string,
    projectId: string,
  ): Promise<void> {
    const moved = await tx.project.updateMany({
      where: { id: projectId, heatId, status: 'AWARDED' },
      data: { status: 'WITHDRAWN' },
    });
    if (moved.count !== 1) {
      const project = await tx.project.findUnique({
        where: { id: projectId },
        select: { title: true },
      });
      throw DomainError.of(
        'PROJECT_MOVED',
        { projectTitle: project?.title ?? '' },
        'the project is no longer where this result put it (withdrawn?)',
      );
    }
  }

  // The final's contenders: projects of the heat that were eligible there,
  // whatever outcome an earlier award assignment gave them.
  finalists(heatId: string) {
    return finalistsOf(this.prisma, heatId);
  }

  applyFinalOutcome(
    tx: Prisma.TransactionClient,
    heatId: string,
    outcome: { awarded: string[]; notAwarded: string[] },
  ): Promise<void> {
    return applyFinalOutcome(tx, heatId, outcome);
  }

  // Counts for the competition funnel, from registration's own rows.
  projectsForFunnel(competitionId: string) {
    return this.prisma.project.findMany({
      where: { competitionId },
      select: {
        id: true,
        heatId: true,
        trackCode: true,
        status: true,
        submittedAt: true,
        reviewedAt: true,
        reviewReason: true,
        ownerId: true,
        title: true,
      },
    });
  }

  // Projects submitted before `at`: registration cannot be made to open after them.
  submittedCount(competitionId: string, at: Date) {
    return this.prisma.project.count({ where: { competitionId, submittedAt: { lt: at } } });
  }

  // Owner and title of each project, for mails that other contexts plan.
  ownersOf(projectIds: string[]) {
    return this.prisma.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, ownerId: true, title: true, organisationName: true },
    });
  }

  async projectSummary(projectId: string) {
    const p = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!p) return null;
    return {
      id: p.id,
      competitionId: p.competitionId,
      title: p.title,
      ownerId: p.ownerId,
      trackCode: p.trackCode,
      heatId: p.heatId,
      status: p.status,
    };
  }

  // A judge's reading of a project: materials only, never the team's contacts
  // or the organisers' review notes. Judging checks the assignment first.
  // `blind`: the round is blind; the form's identity answers are left out
  // here (organisation and team are dropped by blindForJudge in judging).
  async materialsForJudge(projectId: string, blind = false) {
    const p = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!p) return null;
    const form = await this.forms.formOf(p.competitionId);
    const org = (p.organisation ?? {}) as { name?: string; city?: string; foundedAt?: string };
    return {
      id: p.id,
      competitionId: p.competitionId,
      title: p.title,
      summary: p.summary,
      trackCode: p.trackCode,
      organisation: {
        name: org.name ?? p.organisationName,
        city: org.city,
        foundedAt: org.foundedAt,
      },
      fundingStage: p.fundingStage,
      pitchDeckUrl: p.pitchDeckUrl,
      teamSize: Array.isArray(p.team) ? p.team.length : 0,
      answers: answersForJudge(form, (p.answers ?? {}) as Answers, blind, p.groupKey),
    };
  }

  listMine(actor: Actor): Promise<Project[]> {
    return this.prisma.project.findMany({
      where: { ownerId: actor.id },
      orderBy: { createdAt: 'desc' },
    });
  }

  async listForOrganiser(actor: Actor, competitionId: string, q: ListProjectsQuery) {
    await this.competitions.assertCanManage(actor, competitionId);
    const where: Prisma.ProjectWhereInput = {
      competitionId,
      ...(q.status && { status: q.status }),
      ...(q.heatId && { heatId: q.heatId }),
      ...(q.trackCode && { trackCode: q.trackCode }),
      ...(q.q?.trim() && {
        OR: [
          { title: { contains: q.q.trim(), mode: 'insensitive' as const } },
          { organisationName: { contains: q.q.trim(), mode: 'insensitive' as const } },
        ],
      }),
    };
    const [rows, total, form] = await Promise.all([
      this.prisma.project.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.project.count({ where }),
      this.forms.formOf(competitionId),
    ]);
    // Flags from the form's eligibility rules: shown in the review table, a person decides.
    const items = rows.map((p) => ({
      ...p,
      flags: evaluateEligibility(form, {
        answers: (p.answers ?? {}) as Record<string, unknown>,
        title: p.title,
        organisation: p.organisation as { name?: string; foundedAt?: string } | null,
      }),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // Applies `next` only if the row still has the status we decided on, so two
  // concurrent requests cannot both transition it; the event (and audit) commit with it.
  private async transition(
    project: Project,
    next: ProjectStatusName,
    extra: Prisma.ProjectUpdateManyMutationInput,
    effects?: (tx: Prisma.TransactionClient, updated: Project) => Promise<void>,
  ): Promise<Project> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.project.updateManyAndReturn({
        where: { id: project.id, status: project.status },
        data: { ...extra, status: next },
      });
      if (rows.length !== 1)
        throw DomainError.of(
          'PROJECT_CHANGED_MEANWHILE',
          { projectTitle: project.title },
          'the project changed meanwhile; reload it and try again',
        );
      if (effects) await effects(tx, rows[0]);
      return rows[0];
    });
  }

  private async ownProject(actor: Actor, projectId: string): Promise<Project> {
    const project = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!project) throw DomainError.notFound('project', projectId);
    if (project.ownerId !== actor.id) {
      // Organisers may look at a project but only its owner changes it.
      const visible = await this.get(actor, projectId).then(
        () => true,
        (e: unknown) => {
          if (DomainError.isNotFound(e)) return false;
          throw e;
        },
      );
      if (visible) throw DomainError.of('PROJECT_OWNER_ONLY', 'only the project owner may do this');
      throw DomainError.notFound('project', projectId);
    }
    return project;
  }

  private async visibleToOrganiser(actor: Actor, projectId: string): Promise<Project> {
    const project = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!project) throw DomainError.notFound('project', projectId);
    await this.competitions.assertCanManage(actor, project.competitionId, {
      resource: 'project',
      id: projectId,
    });
    return project;
  }

  private async assertPlacement(
    competitionId: string,
    trackCodes: string[],
    trackCode: string,
    heatId: string,
  ) {
    if (!trackCodes.includes(trackCode)) {
      throw DomainError.of(
        'TRACK_UNKNOWN',
        { trackCode, allowed: trackCodes },
        `unknown track ${trackCode}; choose one of ${trackCodes.join(', ')}`,
        [
          fieldProblem('trackCode', 'FIELD_INVALID_ENUM', 'not a track of this competition', {
            allowed: trackCodes,
          }),
        ],
      );
    }
    const entry = await this.competitions.findEntryHeat(competitionId, heatId);
    if (!entry.ok) throw entry.refusal;
  }

  private async recipient(userId: string): Promise<Recipient> {
    const u = await this.identity.me(userId);
    return { userId: u.id, email: u.email, name: u.name, locale: u.locale };
  }
}
