import type { Project } from '@app/database';
import type { ProjectFlag } from '@app/domain';
import type { OrganisationDto, TeamMemberDto } from './project.dto';
import type { ProjectViewDto } from './project.responses';

/**
 * A project row as the API shows it (ProjectViewDto): registration's one
 * mapping from its table to its answers. It names each field, so a new column
 * stays internal until the DTO declares it (importRef, which keys a project
 * import's rows, is one). `blind` is there only in a judge's view.
 */
type Hidden = 'organisation' | 'organisationName' | 'team' | 'answers';
/** A row, or a judge's blind view of one (blindForJudge drops organisation and team). */
type ProjectRow = Omit<Project, Hidden> &
  Partial<Pick<Project, Hidden>> & { blind?: boolean; flags?: ProjectFlag[] };

export function toProjectView(row: ProjectRow): ProjectViewDto {
  return {
    id: row.id,
    competitionId: row.competitionId,
    ownerId: row.ownerId,
    heatId: row.heatId,
    trackCode: row.trackCode,
    title: row.title,
    summary: row.summary,
    organisation: row.organisation as unknown as OrganisationDto | undefined,
    organisationName: row.organisationName,
    team: row.team as unknown as TeamMemberDto[] | undefined,
    fundingStage: row.fundingStage,
    pitchDeckUrl: row.pitchDeckUrl,
    status: row.status,
    reviewReason: row.reviewReason,
    reviewedById: row.reviewedById,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    withdrawnAt: row.withdrawnAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(row.answers !== undefined && { answers: (row.answers ?? {}) as Record<string, unknown> }),
    groupKey: row.groupKey,
    declarationAcceptedAt: row.declarationAcceptedAt,
    ...(row.flags !== undefined && { flags: row.flags }),
    ...(row.blind !== undefined && { blind: row.blind }),
  };
}

export function toProjectPage<R extends { items: (Project & { flags?: ProjectFlag[] })[] }>(
  page: R,
): Omit<R, 'items'> & { items: ProjectViewDto[] } {
  return { ...page, items: page.items.map((p) => toProjectView(p)) };
}
