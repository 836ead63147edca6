// A competition's registration form: read by anyone who may register, saved
// by its organisers. A save never invalidates stored answers silently: the
// breaks (libs/domain formBreaks) are computed under the form row's lock and
// refused with 409 REGISTRATION_FORM_BREAKS_ANSWERS. Project writes take the
// same row FOR SHARE (projectForm), so no answer slips in between.
import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  RegistrationForm,
  formBreaks,
  hasRole,
  validateFormDefinition,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../../competitions/competitions.service';
import { PutRegistrationFormDto, RegistrationFormViewDto } from '../dto/registration-form.dto';

export const EMPTY_FORM: RegistrationForm = { fields: [] };

interface FormRow {
  definition: Prisma.JsonValue;
  version: number;
  updatedAt: Date;
}

@Injectable()
export class RegistrationFormService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  async view(actor: Actor, competitionId: string): Promise<RegistrationFormViewDto> {
    await this.competitions.get(competitionId);
    const row = await this.prisma.registrationFormRow.findUnique({ where: { competitionId } });
    const organiser = await this.mayManage(actor, competitionId);
    return toView(competitionId, row, organiser);
  }

  async save(actor: Actor, competitionId: string, dto: PutRegistrationFormDto) {
    await this.competitions.assertCanManage(actor, competitionId);
    const ctx = await this.competitions.registrationContext(competitionId);
    const { version, ...definition } = dto;
    const form = this.checked(definition, ctx.trackCodes);
    return this.store(actor, competitionId, form, null, version);
  }

  // Starts a season from another competition's form (last season's): the
  // caller organises both. Group tracks the target has not are dropped.
  async copyFrom(actor: Actor, competitionId: string, otherId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    await this.competitions.assertCanManage(actor, otherId);
    const source = await this.prisma.registrationFormRow.findUnique({
      where: { competitionId: otherId },
    });
    const ctx = await this.competitions.registrationContext(competitionId);
    const def = (source?.definition ?? EMPTY_FORM) as unknown as RegistrationForm;
    const copy: RegistrationForm = {
      ...def,
      ...(def.groups && {
        groups: def.groups.map((g) =>
          g.tracks ? { ...g, tracks: g.tracks.filter((t) => ctx.trackCodes.includes(t)) } : g,
        ),
      }),
    };
    return this.store(actor, competitionId, this.checked(copy, ctx.trackCodes), otherId);
  }

  /** The form a project write validates against, its row held FOR SHARE in `tx`. */
  async projectForm(
    tx: Prisma.TransactionClient,
    competitionId: string,
  ): Promise<RegistrationForm> {
    const rows = await tx.$queryRaw<{ definition: Prisma.JsonValue }[]>`
      SELECT definition FROM registration_forms
      WHERE competition_id = ${competitionId}::uuid FOR SHARE`;
    return rows[0] ? (rows[0].definition as unknown as RegistrationForm) : EMPTY_FORM;
  }

  /** The forms of some competitions, read without a lock (review table, export). */
  async formOf(competitionId: string): Promise<RegistrationForm> {
    const row = await this.prisma.registrationFormRow.findUnique({ where: { competitionId } });
    return row ? (row.definition as unknown as RegistrationForm) : EMPTY_FORM;
  }

  private checked(input: unknown, trackCodes: string[]): RegistrationForm {
    const problems = validateFormDefinition(input, { trackCodes });
    if (problems.length)
      throw DomainError.of(
        'REGISTRATION_FORM_INVALID',
        { problems: problems.length },
        `the form has ${problems.length} problem(s): ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    return normalised(input as RegistrationForm);
  }

  private async store(
    actor: Actor,
    competitionId: string,
    form: RegistrationForm,
    copiedFrom: string | null,
    expectedVersion?: number,
  ): Promise<RegistrationFormViewDto> {
    const row = await this.prisma.$transaction(async (tx) => {
      // Serialises saves of one competition's form, and waits for project
      // writes holding it FOR SHARE. A first save has no row to lock: the
      // insert's primary key makes a second first save wait, then conflict.
      const [current] = await tx.$queryRaw<{ definition: Prisma.JsonValue; version: number }[]>`
        SELECT definition, version FROM registration_forms
        WHERE competition_id = ${competitionId}::uuid FOR UPDATE`;
      // Optimistic check: an editor that loaded an older version does not
      // overwrite a newer save silently.
      if (expectedVersion !== undefined && expectedVersion !== (current?.version ?? 0))
        throw DomainError.of(
          'REGISTRATION_FORM_STALE',
          { version: current?.version ?? 0 },
          `the form was saved meanwhile: it is at version ${current?.version ?? 0}, the editor started from ${expectedVersion}`,
        );
      const before = (current?.definition ?? EMPTY_FORM) as unknown as RegistrationForm;
      const projects = await tx.project.findMany({
        where: { competitionId, status: { not: 'WITHDRAWN' } },
        select: { answers: true, groupKey: true, status: true },
      });
      const breaks = formBreaks(
        before,
        form,
        projects.map((p) => ({
          answers: (p.answers ?? {}) as Record<string, never>,
          groupKey: p.groupKey,
          submitted: p.status !== 'DRAFT',
        })),
      );
      if (breaks.length)
        throw DomainError.of(
          'REGISTRATION_FORM_BREAKS_ANSWERS',
          { breaks },
          `the change would break stored answers: ${breaks
            .map((b) => `${b.kind} ${b.key} (${b.projects} project(s))`)
            .join('; ')}`,
        );
      const definition = form as unknown as Prisma.InputJsonValue;
      const saved = current
        ? await tx.registrationFormRow.update({
            where: { competitionId },
            data: { definition, version: current.version + 1, updatedById: actor.id },
          })
        : await tx.registrationFormRow.create({
            data: { competitionId, definition, updatedById: actor.id },
          });
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'registration-form.saved',
        entityType: 'competition',
        entityId: competitionId,
        reason: null,
        data: {
          version: saved.version,
          fields: form.fields.map((f) => f.key),
          ...(copiedFrom && { copiedFrom }),
        },
      });
      return saved;
    });
    return toView(competitionId, row, true);
  }

  private async mayManage(actor: Actor, competitionId: string): Promise<boolean> {
    if (!hasRole(actor, 'ADMIN', 'ORGANISER')) return false;
    const managed = await this.competitions.managedCompetitionIds(actor);
    return managed === 'all' || managed.includes(competitionId);
  }
}

// Only the attributes the domain accepted, in a stable order.
function normalised(form: RegistrationForm): RegistrationForm {
  return {
    ...(form.groups?.length && { groups: form.groups }),
    fields: form.fields,
    ...(form.declaration && {
      declaration: { zh: form.declaration.zh, en: form.declaration.en ?? '' },
    }),
    ...(form.eligibilityRules?.length && { eligibilityRules: form.eligibilityRules }),
  };
}

function toView(
  competitionId: string,
  row: FormRow | null,
  organiser: boolean,
): RegistrationFormViewDto {
  const form = (row?.definition ?? EMPTY_FORM) as unknown as RegistrationForm;
  return {
    competitionId,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    groups: form.groups ?? [],
    fields: form.fields,
    declaration: form.declaration ?? null,
    ...(organiser && { eligibilityRules: form.eligibilityRules ?? [] }),
  };
}
