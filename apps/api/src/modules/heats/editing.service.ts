import { Injectable } from '@nestjs/common';
import {
  Actor,
  Criterion,
  DomainError,
  FieldChange,
  assertHeatQuotaEditable,
  assertRegistrationWindow,
  assertRubricEditable,
  canonicalTimeZone,
  changedFields,
  rubricRefusal,
  validateRubric,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { CompetitionEditsService } from '../competitions/competition-edits.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from '../judging/rounds.service';
import { RegistrationService } from '../registration/registration.service';
import { UpdateCompetitionDto, UpdateHeatDto, UpdateRubricDto } from './dto/editing.dto';

const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

// PATCH of competitions, heats and rubrics: what is safe changes, what would
// invalidate scores or decisions answers 409 naming why, and every change is
// audited field by field (old → new). Rounds are edited in the judging module;
// the rows themselves are written by their owners (competitions, judging),
// inside this service's one transaction with the audit row.
@Injectable()
export class EditingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly edits: CompetitionEditsService,
    private readonly rounds: RoundsService,
    private readonly registration: RegistrationService,
  ) {}

  async competition(actor: Actor, id: string, dto: UpdateCompetitionDto) {
    await this.competitions.assertCanManage(actor, id);
    const before = await this.competitions.get(id);
    const patch = {
      name: dto.name,
      registrationOpensAt: date(dto.registrationOpensAt),
      registrationClosesAt: date(dto.registrationClosesAt),
      timeZone:
        dto.timeZone === undefined ? undefined : (canonicalTimeZone(dto.timeZone) ?? undefined),
    };
    const changes = changedFields(before, patch);
    if (changes.some((c) => c.field.startsWith('registration')))
      assertRegistrationWindow(
        patch.registrationOpensAt ?? before.registrationOpensAt,
        patch.registrationClosesAt ?? before.registrationClosesAt,
        await this.registration.submittedCount(
          id,
          patch.registrationOpensAt ?? before.registrationOpensAt,
        ),
        { opensAt: before.registrationOpensAt },
      );
    return this.apply(actor, id, 'competition', id, changes, (tx) =>
      this.edits.updateCompetition(tx, id, patch),
    );
  }

  async heat(actor: Actor, heatId: string, dto: UpdateHeatDto) {
    const before = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, before.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const { stage: _stage, ...row } = before;
    const patch = { ...dto, startsAt: date(dto.startsAt) };
    const changes = changedFields(row, patch);
    if (changes.some((c) => c.field === 'advanceQuota'))
      assertHeatQuotaEditable((await this.prisma.heatAdvancement.count({ where: { heatId } })) > 0);
    return this.apply(actor, before.competitionId, 'heat', heatId, changes, async (tx) => {
      const heat = await this.edits.updateHeat(tx, heatId, patch);
      if (dto.name !== undefined) await this.rounds.renameHeat(tx, heatId, dto.name);
      return heat;
    });
  }

  async rubric(actor: Actor, rubricId: string, dto: UpdateRubricDto) {
    const before = await this.edits.rubric(rubricId);
    if (!before) throw DomainError.notFound('rubric', rubricId);
    await this.competitions.assertCanManage(actor, before.competitionId, {
      resource: 'rubric',
      id: rubricId,
    });
    const criteria: Criterion[] | undefined = dto.criteria?.map((c) => ({
      code: c.code,
      name: c.name,
      weight: c.weight,
      maxScore: c.maxScore,
    }));
    if (criteria) {
      const problems = validateRubric(criteria);
      if (problems.length) throw rubricRefusal(problems);
    }
    const changes = changedFields(before as unknown as Record<string, unknown>, {
      name: dto.name,
      criteria,
    });
    let draftRoundsUpdated = 0;
    const rubric = await this.apply(
      actor,
      before.competitionId,
      'rubric',
      rubricId,
      changes,
      async (tx) => {
        // Rounds copy the criteria at creation; DRAFT ones follow the edit,
        // opened ones refuse it (scores were given against it).
        assertRubricEditable(await this.rounds.openedRoundsUsing(tx, rubricId));
        const updated = await this.edits.updateRubric(tx, rubricId, { name: dto.name, criteria });
        if (criteria) draftRoundsUpdated = await this.rounds.followRubric(tx, rubricId, criteria);
        return updated;
      },
    );
    return { ...rubric, draftRoundsUpdated };
  }

  private async apply<T>(
    actor: Actor,
    competitionId: string,
    entityType: 'competition' | 'heat' | 'rubric',
    entityId: string,
    changes: FieldChange[],
    write: (tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const result = await write(tx);
      if (changes.length)
        await appendAudit(tx, {
          competitionId,
          actorId: actor.id,
          action: `${entityType}.edited`,
          entityType,
          entityId,
          data: { changes: changes as unknown as Prisma.InputJsonValue },
        });
      return result;
    });
  }
}
