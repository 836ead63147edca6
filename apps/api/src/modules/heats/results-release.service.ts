import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, DecisionState, DomainError, planRelease } from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';

type Result = 'ADVANCED' | 'ELIMINATED' | 'AWARDED';

export interface ResultRecipientView {
  ownerId: string;
  email: string;
  name: string;
  mail: 'RESULT' | 'CORRECTION';
  results: {
    projectId: string;
    title: string;
    result: Result;
    award: string | null;
    previous: { result: Result; award: string | null } | null;
  }[];
}

// A heat's results (and the final's awards) reach owners only through
// POST /heats/:id/results/release: one mail per owner with a first or changed
// result, nothing for results already released as they stand. A result or
// award changed after a release goes out as a correction at the next release.
@Injectable()
export class ResultsReleaseService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  async preview(actor: Actor, heatId: string) {
    const heat = await this.managedHeat(actor, heatId);
    const { recipients, unchanged } = await this.plan(this.prisma, heat);
    return { heatId, recipients, unchanged: unchanged.length };
  }

  async release(actor: Actor, heatId: string) {
    const heat = await this.managedHeat(actor, heatId);
    const competition = await this.competitions.get(heat.competitionId);
    const releaseId = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`results-release:${heatId}`}))`;
      const { recipients, unchanged, owners, nextHeat, final } = await this.plan(tx, heat);
      const now = new Date();
      // One statement for every released result: a national heat releases to
      // thousands of owners, and an upsert per project was a round trip each.
      const released = recipients.flatMap((r) =>
        r.results.map((item) => ({
          project_id: item.projectId,
          result: item.result,
          award: item.award,
        })),
      );
      if (released.length)
        await tx.$executeRaw`
          INSERT INTO result_releases (heat_id, project_id, competition_id, result, award, release_id, released_at)
          SELECT ${heatId}::uuid, r.project_id, ${heat.competitionId}::uuid, r.result::"AdvancementOutcome",
                 r.award, ${releaseId}::uuid, ${now}
            FROM jsonb_to_recordset(${JSON.stringify(released)}::jsonb)
                 AS r(project_id uuid, result text, award text)
          ON CONFLICT (heat_id, project_id) DO UPDATE
             SET competition_id = EXCLUDED.competition_id, result = EXCLUDED.result,
                 award = EXCLUDED.award, release_id = EXCLUDED.release_id,
                 released_at = EXCLUDED.released_at`;
      if (recipients.length)
        await appendEvent(tx, 'heats.results-released', heatId, {
          competitionId: heat.competitionId,
          releaseId,
          heatId,
          heatName: heat.name,
          competitionName: competition.name,
          timeZone: competition.timeZone,
          nextHeat,
          final,
          owners: recipients.map((r) => ({
            owner: owners.get(r.ownerId)!,
            correction: r.mail === 'CORRECTION',
            results: r.results.map((x) => ({
              projectId: x.projectId,
              title: x.title,
              result: x.result,
              award: x.award,
              corrected: x.previous !== null,
            })),
          })),
        });
      await appendAudit(tx, {
        competitionId: heat.competitionId,
        actorId: actor.id,
        action: 'heat.results-released',
        entityType: 'heat',
        entityId: heatId,
        data: {
          releaseId,
          mails: recipients.length,
          projects: recipients.flatMap((r) =>
            r.results.map((x) => ({
              projectId: x.projectId,
              result: x.result,
              award: x.award,
              correction: x.previous !== null,
            })),
          ),
        },
      });
      return {
        releaseId,
        heatId,
        mails: recipients.length,
        recipients,
        unchanged: unchanged.length,
      };
    });
  }

  private async managedHeat(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    return heat;
  }

  private async plan(
    db: Prisma.TransactionClient,
    heat: { id: string; name: string; competitionId: string },
  ) {
    const advancement = await db.heatAdvancement.findUnique({ where: { heatId: heat.id } });
    if (!advancement)
      throw DomainError.of(
        'HEAT_NO_RESULTS',
        { heatName: heat.name },
        'this heat has no results yet: advance it first',
      );
    const [results, awards, tiers, released] = await Promise.all([
      db.advancementResult.findMany({ where: { heatId: heat.id } }),
      db.award.findMany({ where: { heatId: heat.id } }),
      db.awardTier.count({ where: { heatId: heat.id } }),
      db.resultRelease.findMany({ where: { heatId: heat.id } }),
    ]);
    if (tiers > 0 && awards.length === 0)
      throw DomainError.of(
        'AWARDS_MISSING',
        { heatName: heat.name },
        'this final has award tiers but no awards yet: assign them (POST /heats/:id/awards) before the release',
      );
    const awardOf = new Map(awards.map((a) => [a.projectId, a.tier]));
    const projects = await this.registration.ownersOf(results.map((r) => r.projectId));
    const byId = new Map(projects.map((p) => [p.id, p]));
    const current = results
      .filter((r) => byId.has(r.projectId))
      .map((r) => ({
        projectId: r.projectId,
        ownerId: byId.get(r.projectId)!.ownerId,
        state: { decision: r.result, detail: awardOf.get(r.projectId) ?? null },
      }));
    const plan = planRelease(
      current,
      new Map<string, DecisionState>(
        released.map((r) => [r.projectId, { decision: r.result, detail: r.award }]),
      ),
    );
    const users = await this.identity.findUsers(plan.owners.map((o) => o.ownerId));
    const owners = new Map(
      users.map((u) => [u.id, { userId: u.id, email: u.email, name: u.name, locale: u.locale }]),
    );
    const recipients: ResultRecipientView[] = plan.owners
      .filter((o) => owners.has(o.ownerId))
      .map((o) => ({
        ownerId: o.ownerId,
        email: owners.get(o.ownerId)!.email,
        name: owners.get(o.ownerId)!.name,
        mail: o.correction ? 'CORRECTION' : 'RESULT',
        results: o.items.map((i) => ({
          projectId: i.projectId,
          title: byId.get(i.projectId)?.title ?? '',
          result: i.state.decision as Result,
          award: i.state.detail,
          previous: i.previous
            ? { result: i.previous.decision as Result, award: i.previous.detail }
            : null,
        })),
      }));
    const target = advancement.toHeatId
      ? await this.competitions.getHeat(advancement.toHeatId)
      : null;
    const nextHeat = target
      ? {
          name: target.name,
          city: target.city,
          venue: target.venue,
          startsAt: target.startsAt?.toISOString() ?? null,
        }
      : null;
    return {
      recipients,
      unchanged: plan.unchanged,
      owners,
      nextHeat,
      final: !advancement.toHeatId,
    };
  }
}
