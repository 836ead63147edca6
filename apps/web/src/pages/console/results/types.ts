import type { components } from '../../../api/schema';

// Names for the generated schema types the results cards share (aliases, not copies).
type Schemas = components['schemas'];
export type Heat = Schemas['HeatViewDto'];
export type AdvanceRow = Schemas['AdvancementDecisionDto'];
export type RecordedAdvancement = Schemas['HeatAdvancementDto'];
export type AwardTier = Schemas['AwardTierDto'];
export type Award = Schemas['AwardDto'];
export type AwardPlan = Schemas['AwardPlanDto'];
export type BoundaryTie = Schemas['BoundaryTieDto'];
