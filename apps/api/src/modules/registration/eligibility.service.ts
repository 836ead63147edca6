import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  DecisionState,
  DomainError,
  FieldProblem,
  OwnerRelease,
  ProjectLifecycle,
  eligibilityState,
  fieldProblem,
  planRelease,
} from '@app/domain';
import { Prisma, PrismaService, Project, appendAudit, appendEvent } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { BulkReviewDto } from './dto/eligibility.dto';
import { RegistrationService } from './registration.service';

type Decision = 'ELIGIBLE' | 'INELIGIBLE';

export interface ReleaseRecipientView {
  ownerId: string;
  email: string;
  name: string;
  mail: 'DECISION' | 'CORRECTION';
  items: {
    projectId: string;
    title: string;
    decision: Decision;
    reason: string | null;
    previousDecision: Decision | null;
  }[];
}

const RELEASE_TRANSACTION = { timeout: 60000 };

// Eligibility decisions are recorded without mail and released on purpose
// (POST /competitions/:id/eligibility/release): each owner with a first
// decision or a changed one gets exactly one mail per release, listing all
// of their projects concerned. A decision changed after a release is mailed
// as a correction at the next release, never on the spot.
@Injectable()
export class EligibilityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  // All or nothing: every item is checked first (422 listing each bad one by
  // index), then all decisions commit in one transaction, one audit row each.
  async bulkReview(actor: Actor, competitionId: string, dto: BulkReviewDto) {
    await this.competitions.assertCanManage(actor, competitionId);
    const ids = dto.items.map((i) => i.projectId);
    const projects = await this.prisma.project.findMany({
      where: { id: { in: ids }, competitionId },
    });
    const byId = new Map(projects.map((p) => [p.id, p]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const changes: { project: Project; next: Decision; reason: string | null }[] = [];
    const unchanged: string[] = [];
    dto.items.forEach((item, i) => {
      const field = `items.${i}`;
      const project = byId.get(item.projectId);
      if (seen.has(item.projectId))
        return problems.push(
          fieldProblem(`${field}.projectId`, 'FIELD_DUPLICATE', 'listed twice', {
            value: project?.title ?? '',
          }),
        );
      seen.add(item.projectId);
      if (!project)
        return problems.push(
          fieldProblem(
            `${field}.projectId`,
            'PROJECT_NOT_IN_COMPETITION',
            'not a project of this competition',
          ),
        );
      const reason = item.reason?.trim() || null;
      if (
        project.status === item.decision &&
        (item.decision === 'ELIGIBLE' || reason === project.reviewReason)
      )
        return unchanged.push(project.id);
      try {
        // A changed reason alone is a new decision of the same kind.
        const next =
          project.status === item.decision && item.decision === 'INELIGIBLE'
            ? (ProjectLifecycle.review('SUBMITTED', item.decision, reason) as Decision)
            : (ProjectLifecycle.review(project.status, item.decision, reason) as Decision);
        changes.push({ project, next, reason });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        problems.push(
          ...(e.details.length
            ? e.details.map((d) => ({
                field: `${field}.${d.field}`,
                code: e.code,
                message: d.message,
                params: e.params,
              }))
            : [{ field, code: e.code, message: e.message, params: e.params }]),
        );
      }
    });
    if (problems.length)
      throw DomainError.of(
        'ELIGIBILITY_BATCH_INVALID',
        { problems: problems.length },
        `${problems.length} item(s) cannot be applied; nothing was changed`,
        problems,
      );
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      for (const c of changes) {
        const rows = await tx.project.updateManyAndReturn({
          where: { id: c.project.id, status: c.project.status },
          data: {
            status: c.next,
            reviewReason: c.reason,
            reviewedById: actor.id,
            reviewedAt: now,
          },
        });
        if (rows.length !== 1)
          throw DomainError.of(
            'PROJECT_CHANGED_MEANWHILE',
            { projectTitle: c.project.title },
            `project ${c.project.id} changed meanwhile; nothing was changed, reload and try again`,
          );
        await this.registration.auditReview(tx, actor, c.project.status, rows[0], c.reason);
      }
    });
    return {
      changed: changes.map((c) => ({
        projectId: c.project.id,
        from: c.project.status,
        to: c.next,
      })),
      unchanged,
    };
  }

  async preview(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const { recipients, unchanged, pendingReview } = await this.plan(this.prisma, competitionId);
    return { competitionId, recipients, unchanged: unchanged.length, pendingReview };
  }

  async release(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const competition = await this.competitions.get(competitionId);
    const releaseId = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      // One release at a time per competition: a second press waits, then
      // finds everything already released and mails nobody.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`eligibility-release:${competitionId}`}))`;
      const { recipients, unchanged, pendingReview, owners } = await this.plan(tx, competitionId);
      // One statement for every project released, whatever their number: a
      // loop of upserts held the transaction for one round trip per project
      // and passed Prisma's 5 s limit under load (503, nothing released).
      const items = recipients.flatMap((r) => r.items);
      if (items.length) {
        await tx.$executeRaw`
          INSERT INTO eligibility_releases
                 (project_id, competition_id, decision, reason, release_id, released_at)
          SELECT item.project_id, ${competitionId}::uuid, item.decision, item.reason,
                 ${releaseId}::uuid, now()
            FROM unnest(${items.map((i) => i.projectId)}::uuid[],
                        ${items.map((i) => i.decision)}::text[],
                        ${items.map((i) => (i.decision === 'INELIGIBLE' ? i.reason : null))}::text[])
                 AS item(project_id, decision, reason)
          ON CONFLICT (project_id) DO UPDATE
             SET competition_id = EXCLUDED.competition_id, decision = EXCLUDED.decision,
                 reason = EXCLUDED.reason, release_id = EXCLUDED.release_id,
                 released_at = EXCLUDED.released_at`;
      }
      if (recipients.length) {
        await appendEvent(tx, 'registration.eligibility-released', competitionId, {
          releaseId,
          competitionId,
          competitionName: competition.name,
          owners: recipients.map((r) => ({
            owner: owners.get(r.ownerId)!,
            correction: r.mail === 'CORRECTION',
            items: r.items,
          })),
        });
      }
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'eligibility.released',
        entityType: 'competition',
        entityId: competitionId,
        data: {
          releaseId,
          mails: recipients.length,
          projects: recipients.flatMap((r) =>
            r.items.map((i) => ({
              projectId: i.projectId,
              decision: i.decision,
              correction: i.previousDecision !== null,
            })),
          ),
        },
      });
      return {
        releaseId,
        competitionId,
        mails: recipients.length,
        recipients,
        unchanged: unchanged.length,
        pendingReview,
      };
      // Waiting behind a release already running (the advisory lock) and a
      // large competition's plan take longer than Prisma's 5 s default.
    }, RELEASE_TRANSACTION);
  }

  private async plan(db: Prisma.TransactionClient, competitionId: string) {
    const [projects, released] = await Promise.all([
      db.project.findMany({
        where: { competitionId },
        select: { id: true, ownerId: true, title: true, status: true, reviewReason: true },
      }),
      db.eligibilityRelease.findMany({ where: { competitionId } }),
    ]);
    const current = projects.flatMap((p) => {
      const state = eligibilityState(p.status, p.reviewReason);
      return state ? [{ projectId: p.id, ownerId: p.ownerId, state }] : [];
    });
    const plan = planRelease(
      current,
      new Map<string, DecisionState>(
        released.map((r) => [r.projectId, { decision: r.decision, detail: r.reason }]),
      ),
    );
    const users = await this.identity.findUsers(plan.owners.map((o) => o.ownerId));
    const owners = new Map(
      users.map((u) => [u.id, { userId: u.id, email: u.email, name: u.name, locale: u.locale }]),
    );
    const titles = new Map(projects.map((p) => [p.id, p.title]));
    const recipients = plan.owners
      .filter((o) => owners.has(o.ownerId))
      .map((o) => this.recipientView(o, owners.get(o.ownerId)!, titles));
    return {
      recipients,
      owners,
      unchanged: plan.unchanged,
      pendingReview: projects.filter((p) => p.status === 'SUBMITTED').length,
    };
  }

  private recipientView(
    o: OwnerRelease,
    owner: { email: string; name: string },
    titles: Map<string, string>,
  ): ReleaseRecipientView {
    return {
      ownerId: o.ownerId,
      email: owner.email,
      name: owner.name,
      mail: o.correction ? 'CORRECTION' : 'DECISION',
      items: o.items.map((i) => ({
        projectId: i.projectId,
        title: titles.get(i.projectId) ?? '',
        decision: i.state.decision as Decision,
        reason: i.state.decision === 'INELIGIBLE' ? i.state.detail : null,
        previousDecision: (i.previous?.decision as Decision | undefined) ?? null,
      })),
    };
  }
}
