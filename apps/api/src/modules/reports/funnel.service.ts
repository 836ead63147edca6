import { Injectable } from '@nestjs/common';
import { Actor } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { IdentityService } from '../identity/identity.service';
import { ImportsService } from '../imports/imports.service';
import { RoundsService } from '../judging/rounds.service';
import { ScoreSheetService } from '../judging/score-sheet.service';
import { RegistrationService } from '../registration/registration.service';
import { SigningService } from '../signing/signing.service';

interface Counts {
  registered: number;
  submitted: number;
  eligible: number;
  advanced: number;
  awarded: number;
  signed: number;
  landed: number;
}

const empty = (): Counts => ({
  registered: 0,
  submitted: 0,
  eligible: 0,
  advanced: 0,
  awarded: 0,
  signed: 0,
  landed: 0,
});
const EVER_ELIGIBLE = new Set(['ELIGIBLE', 'ADVANCED', 'ELIMINATED', 'AWARDED']);

// registered → submitted → eligible → per-stage advanced → signed → landed,
// for the competition, per regional heat (where a project entered) and per track.
@Injectable()
export class FunnelService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly advancement: AdvancementService,
    private readonly signing: SigningService,
    private readonly identity: IdentityService,
    private readonly rounds: RoundsService,
    private readonly scores: ScoreSheetService,
    private readonly imports: ImportsService,
  ) {}

  async funnel(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const [projects, results, signings, heats] = await Promise.all([
      this.registration.projectsForFunnel(competitionId),
      this.advancement.resultsOf(competitionId),
      this.signing.countsFor(competitionId),
      this.competitions.listHeats(competitionId),
    ]);
    const heatById = new Map(heats.map((h) => [h.id, h]));
    const stageOrder = (heatId: string) => heatById.get(heatId)?.stageOrder ?? 0;
    const resultsByProject = new Map<string, typeof results>();
    for (const r of results)
      resultsByProject.set(r.projectId, [...(resultsByProject.get(r.projectId) ?? []), r]);
    const signed = new Set(signings.map((s) => s.projectId));
    const landed = new Set(signings.filter((s) => s.status === 'LANDED').map((s) => s.projectId));

    const total = empty();
    const byHeat = new Map<string, Counts>();
    const byTrack = new Map<string, Counts>();
    for (const p of projects) {
      const own = resultsByProject.get(p.id) ?? [];
      const entryHeat = [p.heatId, ...own.map((r) => r.heatId)].sort(
        (a, b) => stageOrder(a) - stageOrder(b),
      )[0];
      const flags = {
        registered: true,
        submitted: p.submittedAt !== null,
        eligible: EVER_ELIGIBLE.has(p.status) || own.length > 0,
        advanced: own.some((r) => r.result === 'ADVANCED'),
        awarded: own.some((r) => r.result === 'AWARDED'),
        signed: signed.has(p.id),
        landed: landed.has(p.id),
      };
      for (const counts of [
        total,
        this.bucket(byHeat, entryHeat),
        this.bucket(byTrack, p.trackCode),
      ]) {
        for (const k of Object.keys(flags) as (keyof Counts)[]) if (flags[k]) counts[k] += 1;
      }
    }

    const stages = new Map<
      string,
      { stageCode: string; order: number; heats: unknown[]; entered: number }
    >();
    for (const h of heats) {
      const code = h.stageCode;
      const stage = stages.get(code) ?? {
        stageCode: code,
        order: h.stageOrder,
        heats: [],
        entered: 0,
      };
      const own = results.filter((r) => r.heatId === h.id);
      const entered = projects.filter(
        (p) =>
          (EVER_ELIGIBLE.has(p.status) || resultsByProject.has(p.id)) &&
          this.enteredHeat(p, h.id, resultsByProject),
      ).length;
      stage.entered += entered;
      stage.heats.push({
        heatId: h.id,
        name: h.name,
        entered,
        advanced: own.filter((r) => r.result === 'ADVANCED').length,
        eliminated: own.filter((r) => r.result === 'ELIMINATED').length,
        awarded: own.filter((r) => r.result === 'AWARDED').length,
        decided: own.length > 0,
      });
      stages.set(code, stage);
    }
    return {
      competitionId,
      ...total,
      stages: [...stages.values()].sort((a, b) => a.order - b.order),
      byHeat: [...byHeat].map(([heatId, c]) => ({
        heatId,
        name: heatById.get(heatId)?.name ?? null,
        ...c,
      })),
      byTrack: [...byTrack].map(([trackCode, c]) => ({ trackCode, ...c })),
    };
  }

  // A project entered a heat when it is there now or was decided there.
  private enteredHeat(
    p: { id: string; heatId: string },
    heatId: string,
    resultsByProject: Map<string, { heatId: string }[]>,
  ) {
    return (
      p.heatId === heatId || (resultsByProject.get(p.id) ?? []).some((r) => r.heatId === heatId)
    );
  }

  private bucket(map: Map<string, Counts>, key: string): Counts {
    const c = map.get(key) ?? empty();
    map.set(key, c);
    return c;
  }

  async audit(actor: Actor, competitionId: string, entityId?: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const items = await this.prisma.auditEntry.findMany({
      where: { competitionId, ...(entityId && { entityId }) },
      orderBy: { at: 'asc' },
      take: 1000,
    });
    const names = await this.namesOf(items);
    return {
      items: items.map(({ prevHash: _prevHash, ...a }) => ({
        ...a,
        actorName: names.get(a.id)?.actorName ?? null,
        entityName: names.get(a.id)?.entityName ?? null,
      })),
    };
  }

  // Who acted and what the entry is about, by name: the log is read by people
  // (ids stay in the entry for the exports and the developer). Each name is
  // asked of the context that owns it, one batch per kind of entity.
  private async namesOf(entries: AuditRef[]): Promise<Map<string, AuditNames>> {
    const idsOf = (type: string) => [
      ...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId)),
    ];
    const [signingProjects, scoreSubjects] = await Promise.all([
      this.signing.projectIdsOf(idsOf('signing')),
      this.scores.subjectsOf(idsOf('score')),
    ]);
    const projectIds = [
      ...idsOf('project'),
      ...signingProjects.values(),
      ...[...scoreSubjects.values()].map((s) => s.projectId),
    ];
    const userIds = [
      ...idsOf('user'),
      ...entries.flatMap((e) => (e.actorId ? [e.actorId] : [])),
      ...[...scoreSubjects.values()].map((s) => s.judgeId),
    ];
    const [projects, users, rounds, heats, competitions, imports] = await Promise.all([
      this.registration.titlesOf([...new Set(projectIds)]),
      this.identity.namesOf([...new Set(userIds)]),
      this.rounds.namesOf(idsOf('round')),
      this.competitions.heatNamesOf(idsOf('heat')),
      this.competitions.namesOf(idsOf('competition')),
      this.imports.fileNamesOf(idsOf('import')),
    ]);
    const entityName = (e: AuditRef): string | null => {
      switch (e.entityType) {
        case 'project':
          return projects.get(e.entityId) ?? null;
        case 'round':
          return rounds.get(e.entityId) ?? null;
        case 'heat':
          return heats.get(e.entityId) ?? null;
        case 'competition':
          return competitions.get(e.entityId) ?? null;
        case 'user':
          return users.get(e.entityId) ?? null;
        case 'import':
          return imports.get(e.entityId) ?? null;
        case 'signing': {
          const projectId = signingProjects.get(e.entityId);
          return (projectId && projects.get(projectId)) ?? null;
        }
        case 'score': {
          const subject = scoreSubjects.get(e.entityId);
          const title = subject && projects.get(subject.projectId);
          const judge = subject && users.get(subject.judgeId);
          return title && judge ? `${title} · ${judge}` : null;
        }
        default:
          return null;
      }
    };
    return new Map(
      entries.map((e) => [
        e.id,
        { actorName: (e.actorId && users.get(e.actorId)) ?? null, entityName: entityName(e) },
      ]),
    );
  }
}

interface AuditRef {
  id: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
}

interface AuditNames {
  actorName: string | null;
  entityName: string | null;
}
