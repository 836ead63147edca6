import type { components } from '../../api/schema';

type Schemas = components['schemas'];

// Shapes of the API answers the console reads: the generated OpenAPI types
// where the document's schema is what the console reads; the interfaces
// below cover answers read in a narrower or combined shape.

export type Competition = Schemas['CompetitionViewDto'];

export type Heat = Schemas['HeatViewDto'];

export type Criterion = Schemas['CriterionDto'];

export type Rubric = Schemas['RubricViewDto'];

export type ProjectStatus =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'ADVANCED'
  | 'ELIMINATED'
  | 'AWARDED'
  | 'WITHDRAWN';

export interface Project {
  id: string;
  competitionId: string;
  heatId: string;
  trackCode: string;
  title: string;
  summary: string;
  organisation: { name: string; city?: string; foundedAt?: string };
  organisationName: string;
  team: { name: string; role: string; email?: string; overseasReturnee?: boolean }[];
  fundingStage: string | null;
  pitchDeckUrl: string | null;
  status: ProjectStatus;
  reviewReason: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Round = Schemas['RoundViewDto'];

export type RoundJudge = Schemas['RoundJudgeDto'];

export interface Assignment {
  judgeId: string;
  judgeName: string;
  projectId: string;
  title: string;
  scoreStatus: 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED';
}

export interface Progress {
  assignments: number;
  submitted: number;
  missing: { judgeId: string; projectIds: string[] }[];
}

export type RankingEntry = Schemas['RankingEntryDto'];

export type Ranking = Schemas['RankingViewDto'];

export type Standings = Schemas['StandingsDto'];

export type AdvanceRow = Schemas['AdvancementDecisionDto'];

export type AdvancePreview = Schemas['AdvancementPreviewDto'];

/** A heat's recorded advancement, or `{ advanced: false }` before it. */
export type Advancement = Schemas['HeatAdvancementDto'] | Schemas['HeatNotAdvancedDto'];

export type RecordedAdvancement = Schemas['HeatAdvancementDto'];

export type SigningStatus = 'INTENT' | 'NEGOTIATING' | 'SIGNED' | 'LANDED' | 'CANCELLED';

export type Signing = Schemas['SigningViewDto'];

export type RateGroup = Schemas['RateGroupDto'];

export type SigningStats = Schemas['SigningStatsDto'];

export interface FunnelCounts {
  registered: number;
  submitted: number;
  eligible: number;
  advanced: number;
  awarded: number;
  signed: number;
  landed: number;
}

export interface Funnel extends FunnelCounts {
  competitionId: string;
}

export type AuditEntry = Schemas['AuditEntryDto'];

export type NotificationRow = Schemas['NotificationViewDto'];

/** A judge as GET /users lists it, with where its invitation stands. */
export type JudgeUser = Schemas['UserListItemDto'];

export type Invitation = Schemas['InvitationDto'];

export type RosterJudge = Schemas['RosterJudgeDto'];

export type ImportProblem = Schemas['ImportProblemDto'];

export type ImportJob = Schemas['ImportJobDto'];

export type ImportPreview = Schemas['ImportPreviewDto'];

export type AwardTier = Schemas['AwardTierDto'];

export type Award = Schemas['AwardDto'];

export type AwardsView = Schemas['AwardsViewDto'];

export type AwardPreview = Schemas['AwardPreviewDto'];

export type AwardPlan = Schemas['AwardPlanDto'];

export type BoundaryTie = Schemas['BoundaryTieDto'];
