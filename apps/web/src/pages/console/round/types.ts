import type { components } from '../../../api/schema';

type Schemas = components['schemas'];
export type Round = Schemas['RoundViewDto'];
export type RoundJudge = Schemas['RoundJudgeDto'];
export type Assignment = Schemas['AssignmentRowDto'];
export type Progress = Schemas['RoundProgressDto'];
export type Project = Schemas['ProjectViewDto'];
