import { Injectable } from '@nestjs/common';
import { Actor } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { AdvancementBasisDto } from './dto/advance.responses';

const FIRST = { ADVANCED: 0, AWARDED: 0, ELIMINATED: 1 } as const;

// A heat's recorded advancement, read back: who decided and when, where the
// advanced went, and each project's result as it stands now (results changed
// since, or the final's re-assigned awards, included). A heat that has not
// advanced is an answer too ({ advanced: false }), not an error, so a page
// can ask before it asks for a preview the API would refuse.
@Injectable()
export class AdvancementRecordService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  async record(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const decision = await this.prisma.heatAdvancement.findUnique({ where: { heatId } });
    if (!decision) return { advanced: false as const };
    const [results, [decider], next] = await Promise.all([
      this.prisma.advancementResult.findMany({ where: { heatId } }),
      this.identity.findUsers([decision.decidedById]),
      decision.toHeatId ? this.competitions.getHeat(decision.toHeatId) : null,
    ]);
    const titles = new Map(
      (await this.registration.ownersOf(results.map((r) => r.projectId))).map((p) => [
        p.id,
        p.title,
      ]),
    );
    const rows = results
      .map((r) => ({
        projectId: r.projectId,
        title: titles.get(r.projectId) ?? '',
        score: r.score,
        result: r.result,
        reason: r.reason,
        override: r.override as 'INCLUDED' | 'EXCLUDED' | null,
        basis: (r.basis ?? null) as AdvancementBasisDto | null,
      }))
      .sort(
        (a, b) =>
          FIRST[a.result] - FIRST[b.result] ||
          b.score - a.score ||
          a.title.localeCompare(b.title, 'zh-CN'),
      );
    return {
      advanced: true as const,
      heatId,
      decidedAt: decision.decidedAt,
      decidedBy: { id: decision.decidedById, name: decider?.name ?? '' },
      count: decision.count,
      nextHeat: next ? { id: next.id, name: next.name } : null,
      results: rows,
    };
  }
}
