import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from '../judging/rounds.service';
import { RegistrationService } from '../registration/registration.service';
import { ChangeResultDto } from './dto/result-change.dto';

// A heat's recorded result may be changed (ADVANCED ↔ ELIMINATED, with a
// reason, audited) while the next heat has not started judging the project;
// the project moves accordingly. Nothing is mailed: if the result was already
// released, the next results release sends its owner one correction.
// The final's results follow its awards (re-assign them instead).
@Injectable()
export class ResultChangeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly rounds: RoundsService,
    private readonly registration: RegistrationService,
  ) {}

  async change(actor: Actor, heatId: string, projectId: string, dto: ChangeResultDto) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const advancement = await this.prisma.heatAdvancement.findUnique({ where: { heatId } });
    if (!advancement)
      throw DomainError.of(
        'HEAT_NO_RESULTS',
        { heatName: heat.name },
        'this heat has no results yet: advance it first',
      );
    if (!advancement.toHeatId)
      throw DomainError.of(
        'FINAL_RESULTS_FOLLOW_AWARDS',
        { heatName: heat.name },
        "the final's results follow its awards: re-assign them (POST /heats/:id/awards)",
      );
    const row = await this.prisma.advancementResult.findUnique({
      where: { heatId_projectId: { heatId, projectId } },
    });
    if (!row) throw DomainError.notFound('result', projectId);
    const [project] = await this.registration.ownersOf([projectId]);
    const projectTitle = project?.title ?? '';
    if (row.result === dto.result)
      throw DomainError.of(
        'RESULT_UNCHANGED',
        { projectTitle, result: dto.result },
        `the result is already ${dto.result}`,
      );
    const started = await this.rounds.judgingStartedFor(advancement.toHeatId, projectId);
    if (started)
      throw DomainError.of(
        'NEXT_HEAT_JUDGING_STARTED',
        { projectTitle, roundName: started.roundName },
        `the next heat has started judging (${started.roundName}: ${started.why}); its result can no longer change`,
      );
    const reason = dto.reason.trim();
    await this.apply(
      row.result,
      {
        heatId,
        projectId,
        competitionId: heat.competitionId,
        nextHeatId: advancement.toHeatId,
        projectTitle,
      },
      actor.id,
      dto.result,
      reason,
    );
    return { heatId, projectId, from: row.result, result: dto.result, reason };
  }

  /**
   * The due-process context's change of a result (docs/due-process.md): a
   * place given up, lost to an objection or a failed due diligence, taken by
   * the next in line (递补), or a re-ranking after an upheld appeal. The caller
   * has authorised it (the organiser, or the applicant accepting an offered
   * place); the same checks as an organiser's change apply, here, before the
   * caller's transaction: the change to make, or null when the result already
   * is `result`. Apply it
   * with applyPlanned inside the transaction that also moves the caller's
   * own rows (the 公示 list, the offer, the withdrawal letter), so the two
   * never part. The move there is conditional on the result read here
   * (RESULT_CHANGED_MEANWHILE otherwise).
   */
  async planForDueProcess(
    heatId: string,
    projectId: string,
    result: 'ADVANCED' | 'ELIMINATED',
  ): Promise<DueProcessResultPlan | null> {
    const heat = await this.competitions.getHeat(heatId);
    const advancement = await this.prisma.heatAdvancement.findUnique({ where: { heatId } });
    if (!advancement)
      throw DomainError.of(
        'HEAT_NO_RESULTS',
        { heatName: heat.name },
        'this heat has no results yet',
      );
    if (!advancement.toHeatId)
      throw DomainError.of(
        'FINAL_RESULTS_FOLLOW_AWARDS',
        { heatName: heat.name },
        "the final's results follow its awards: re-assign them (POST /heats/:id/awards)",
      );
    const row = await this.prisma.advancementResult.findUnique({
      where: { heatId_projectId: { heatId, projectId } },
    });
    if (!row) throw DomainError.notFound('result', projectId);
    if (row.result === result) return null;
    const [project] = await this.registration.ownersOf([projectId]);
    const projectTitle = project?.title ?? '';
    const started = await this.rounds.judgingStartedFor(advancement.toHeatId, projectId);
    if (started)
      throw DomainError.of(
        'NEXT_HEAT_JUDGING_STARTED',
        { projectTitle, roundName: started.roundName },
        `the next heat has started judging (${started.roundName}: ${started.why}); its result can no longer change`,
      );
    return {
      from: row.result,
      to: result,
      heatId,
      projectId,
      competitionId: heat.competitionId,
      nextHeatId: advancement.toHeatId,
      projectTitle,
    };
  }

  /**
   * Applies a planned change inside the caller's transaction, audited. A
   * written withdrawal passes `projectStatus: 'WITHDRAWN'`: the project
   * goes back to the heat as WITHDRAWN, not ELIMINATED.
   */
  async applyPlanned(
    tx: Prisma.TransactionClient,
    plan: DueProcessResultPlan,
    actorId: string,
    reason: string,
    opts: { projectStatus?: 'WITHDRAWN' } = {},
  ): Promise<void> {
    await this.applyIn(tx, plan.from, plan, actorId, plan.to, reason, opts.projectStatus);
  }

  // Records the change and moves the project, in one transaction, audited.
  private async apply(
    from: string,
    c: {
      heatId: string;
      projectId: string;
      competitionId: string;
      nextHeatId: string;
      projectTitle: string;
    },
    actorId: string,
    to: 'ADVANCED' | 'ELIMINATED',
    reason: string,
  ) {
    await this.prisma.$transaction((tx) => this.applyIn(tx, from, c, actorId, to, reason));
  }

  private async applyIn(
    tx: Prisma.TransactionClient,
    from: string,
    c: {
      heatId: string;
      projectId: string;
      competitionId: string;
      nextHeatId: string;
      projectTitle: string;
    },
    actorId: string,
    to: 'ADVANCED' | 'ELIMINATED',
    reason: string,
    projectStatus?: 'WITHDRAWN',
  ) {
    const { heatId, projectId, projectTitle } = c;
    const updated = await tx.advancementResult.updateMany({
      where: { heatId, projectId, result: from as 'ADVANCED' | 'ELIMINATED' },
      data: { result: to, reason, override: to === 'ADVANCED' ? 'INCLUDED' : 'EXCLUDED' },
    });
    if (updated.count !== 1)
      throw DomainError.of(
        'RESULT_CHANGED_MEANWHILE',
        { projectTitle },
        'the result changed meanwhile; reload it',
      );
    await this.registration.moveAfterResultChange(tx, projectId, {
      heatId,
      nextHeatId: c.nextHeatId,
      result: to,
      status: to === 'ELIMINATED' ? projectStatus : undefined,
    });
    await appendAudit(tx, {
      competitionId: c.competitionId,
      actorId,
      action: 'heat.result-changed',
      entityType: 'heat',
      entityId: heatId,
      reason,
      data:
        projectStatus && to === 'ELIMINATED'
          ? { projectId, from, to, projectStatus }
          : { projectId, from, to },
    });
  }
}

/** A heat result's change planned by the due-process context (see planForDueProcess). */
export interface DueProcessResultPlan {
  from: string;
  to: 'ADVANCED' | 'ELIMINATED';
  heatId: string;
  projectId: string;
  competitionId: string;
  nextHeatId: string;
  projectTitle: string;
}
