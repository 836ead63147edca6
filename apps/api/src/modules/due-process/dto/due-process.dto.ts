import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// ── Inputs ──────────────────────────────────────────────────────────────────

export class ChecklistItemDto {
  @ApiProperty({ example: 'LICENCE' }) @IsString() @Length(1, 40) code: string;
  @ApiProperty({ example: '营业执照' }) @IsString() @Length(1, 100) label: string;
}

export class DueProcessSettingsDto {
  @ApiProperty({ example: '大赛组委会办公室 0510-86000000' })
  @IsString()
  @Length(0, 200)
  organiserContact: string;
  @ApiProperty({ example: '纪检监督电话 0510-86000001' })
  @IsString()
  @Length(0, 200)
  supervisorContact: string;
  @ApiPropertyOptional({ example: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  publicityDays?: number;
  @ApiPropertyOptional({ example: 48 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  appealWindowHours?: number;
  @ApiPropertyOptional({ example: 72 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  offerHours?: number;
  @ApiPropertyOptional({ enum: ['OFFER_NEXT', 'LEAVE_EMPTY'] })
  @IsOptional()
  @IsIn(['OFFER_NEXT', 'LEAVE_EMPTY'])
  vacancyRule?: 'OFFER_NEXT' | 'LEAVE_EMPTY';
  @ApiPropertyOptional({ type: [ChecklistItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  diligenceChecklist?: ChecklistItemDto[];
}

export class StartPublicityDto {
  @ApiPropertyOptional({ description: 'When the 公示 ends (default: publicityDays from now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;
  @ApiPropertyOptional({ example: '第二届创新创业大赛半决赛晋级名单公示' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
  @ApiPropertyOptional({
    enum: ['OFFER_NEXT', 'LEAVE_EMPTY'],
    description: "This stage's rule for a freed place (default: the competition's)",
  })
  @IsOptional()
  @IsIn(['OFFER_NEXT', 'LEAVE_EMPTY'])
  vacancyRule?: 'OFFER_NEXT' | 'LEAVE_EMPTY';
}

export class AssignDto {
  @ApiProperty({ description: 'An organiser of the competition' }) @IsUUID() handlerId: string;
}

export class DecideObjectionDto {
  @ApiProperty({ enum: ['UPHELD', 'DISMISSED'] })
  @IsIn(['UPHELD', 'DISMISSED'])
  outcome: 'UPHELD' | 'DISMISSED';
  @ApiProperty({ description: 'The answer the objector is mailed' })
  @IsString()
  @Length(1, 2000)
  reasons: string;
  @ApiPropertyOptional({ description: 'The handling record (internal)' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  findings?: string;
  @ApiPropertyOptional({ enum: ['DISQUALIFY', 'REOPEN', 'NONE'] })
  @IsOptional()
  @IsIn(['DISQUALIFY', 'REOPEN', 'NONE'])
  action?: 'DISQUALIFY' | 'REOPEN' | 'NONE';
  @ApiPropertyOptional({ description: 'The project an upheld objection disqualifies' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class MergeObjectionDto {
  @ApiProperty({ description: 'The identical objection this one is answered with' })
  @IsUUID()
  intoId: string;
}

export class FileAppealDto {
  @ApiProperty() @IsUUID() heatId: string;
  @ApiProperty({
    enum: ['RECHECK', 'REREVIEW'],
    description: 'RECHECK: 复核 of the sheets and arithmetic; REREVIEW: other experts',
  })
  @IsIn(['RECHECK', 'REREVIEW'])
  kind: 'RECHECK' | 'REREVIEW';
  @ApiProperty() @IsString() @Length(1, 5000) reason: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['UPHELD', 'DISMISSED'] })
  @IsIn(['UPHELD', 'DISMISSED'])
  outcome: 'UPHELD' | 'DISMISSED';
  @ApiProperty() @IsString() @Length(1, 2000) reasons: string;
  @ApiPropertyOptional({
    description: 'The corrected heat score (an upheld appeal re-ranks with it)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  correctedScore?: number;
}

export class WithdrawPlaceDto {
  @ApiProperty() @IsUUID() heatId: string;
  @ApiProperty({ description: 'The written withdrawal (弃赛承诺书)' })
  @IsString()
  @Length(1, 5000)
  letter: string;
}

export class AssignDiligenceDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  projectIds: string[];
  @ApiProperty() @IsUUID() handlerId: string;
}

export class CheckedItemDto {
  @ApiProperty() @IsString() @Length(1, 40) code: string;
  @ApiProperty() @IsBoolean() ok: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 1000) note?: string;
}

export class DecideDiligenceDto {
  @ApiProperty({ enum: ['PASSED', 'FAILED', 'REFUSED'] })
  @IsIn(['PASSED', 'FAILED', 'REFUSED'])
  outcome: 'PASSED' | 'FAILED' | 'REFUSED';
  @ApiProperty({ type: [CheckedItemDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CheckedItemDto)
  items: CheckedItemDto[];
  @ApiProperty() @IsString() @Length(1, 5000) findings: string;
}

// ── Answers ─────────────────────────────────────────────────────────────────

export class DueProcessSettingsViewDto {
  @ApiProperty() competitionId: string;
  @ApiProperty() organiserContact: string;
  @ApiProperty() supervisorContact: string;
  @ApiProperty() publicityDays: number;
  @ApiProperty() appealWindowHours: number;
  @ApiProperty() offerHours: number;
  @ApiProperty({ enum: ['OFFER_NEXT', 'LEAVE_EMPTY'] }) vacancyRule: string;
  @ApiProperty({ type: [ChecklistItemDto] }) diligenceChecklist: ChecklistItemDto[];
}

export class PublicListLineDto {
  @ApiProperty() position: number;
  @ApiProperty() rank: number;
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty() unit: string;
  @ApiProperty() score: number;
  @ApiProperty({
    enum: [
      'ADVANCED',
      'ELIMINATED',
      'AWARDED',
      'WITHDRAWN',
      'DISQUALIFIED',
      'FAILED_DILIGENCE',
      'OFFERED',
      'SUBSTITUTED',
    ],
  })
  standing: string;
  @ApiProperty({ type: String, nullable: true }) award: string | null;
}

export class PublicPublicityDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() competitionName: string;
  @ApiProperty() heatName: string;
  @ApiProperty({ enum: ['ADVANCEMENT', 'AWARDS'] }) kind: string;
  @ApiProperty({ enum: ['ACTIVE', 'HELD', 'FINAL'] }) status: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() organiserContact: string;
  @ApiProperty() supervisorContact: string;
  @ApiProperty({ description: 'Objections are taken (the 公示 runs)' }) objectionsOpen: boolean;
  @ApiProperty({ type: [PublicListLineDto] }) lines: PublicListLineDto[];
}

export class OfferViewDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty() vacatedProjectId: string;
  @ApiProperty({ enum: ['OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED'] }) status: string;
  @ApiProperty() deadline: string;
  @ApiProperty({ type: String, nullable: true }) respondedAt: string | null;
}

export class PublicityViewDto extends PublicPublicityDto {
  @ApiProperty() heatId: string;
  @ApiProperty({ enum: ['OFFER_NEXT', 'LEAVE_EMPTY'] }) vacancyRule: string;
  @ApiProperty({ type: String, nullable: true }) finalisedAt: string | null;
  @ApiProperty() openObjections: number;
  @ApiProperty({ type: [OfferViewDto] }) offers: OfferViewDto[];
}

export class ObjectionReceiptDto {
  @ApiProperty({ example: '2026-7QK4M-X9R2T' }) receipt: string;
  @ApiProperty() filedAt: string;
  @ApiProperty() evidence: number;
}

export class EvidenceViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() size: number;
  @ApiProperty() contentType: string;
  @ApiProperty() sha256: string;
}

export class ObjectionViewDto {
  @ApiProperty() id: string;
  @ApiProperty() receipt: string;
  @ApiProperty() publicityId: string;
  @ApiProperty() heatName: string;
  @ApiProperty() name: string;
  @ApiProperty() contact: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: String, nullable: true }) projectId: string | null;
  @ApiProperty({ type: String, nullable: true }) projectTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) procedure: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['FILED', 'ASSIGNED', 'UPHELD', 'DISMISSED', 'MERGED'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) handlerId: string | null;
  @ApiProperty({ type: String, nullable: true }) findings: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) action: string | null;
  @ApiProperty({ type: String, nullable: true }) mergedIntoId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: [EvidenceViewDto] }) evidence: EvidenceViewDto[];
}

export class ObjectionListDto {
  @ApiProperty({ type: [ObjectionViewDto] }) items: ObjectionViewDto[];
}

export class AppealViewDto {
  @ApiProperty() id: string;
  @ApiProperty() heatId: string;
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['RECHECK', 'REREVIEW'] }) kind: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['FILED', 'UPHELD', 'DISMISSED'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) correctedScore: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
}

export class ResultMoveDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED'] }) from: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED'] }) to: string;
}

export class AppealDecidedDto extends AppealViewDto {
  @ApiProperty({ type: [ResultMoveDto] }) moves: ResultMoveDto[];
}

export class AppealListDto {
  @ApiProperty({ type: [AppealViewDto] }) items: AppealViewDto[];
}

export class PlaceMoveDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ type: String, nullable: true }) offeredTo: string | null;
  @ApiProperty({ type: String, nullable: true }) offerId: string | null;
}

export class DiligenceViewDto {
  @ApiProperty() id: string;
  @ApiProperty() heatId: string;
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty() handlerId: string;
  @ApiProperty({ type: [CheckedItemDto] }) items: CheckedItemDto[];
  @ApiProperty({ type: [ChecklistItemDto] }) checklist: ChecklistItemDto[];
  @ApiProperty({ enum: ['PENDING', 'PASSED', 'FAILED', 'REFUSED'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) findings: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
}

export class DiligenceListDto {
  @ApiProperty({ type: [DiligenceViewDto] }) items: DiligenceViewDto[];
}

export class DueProcessProjectResultDto {
  @ApiProperty() heatId: string;
  @ApiProperty() heatName: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED', 'AWARDED'] }) result: string;
  @ApiProperty({ description: 'When the result was released to the team' }) releasedAt: string;
  @ApiProperty({ description: 'Appeals of this result are taken until then' })
  appealDeadline: string;
  @ApiProperty() appealOpen: boolean;
  @ApiProperty({ description: 'The project holds a place it may give up in writing' })
  holdsPlace: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The project's line on the heat's 公示, if published",
  })
  standing: string | null;
}

export class DueProcessWithdrawalDto {
  @ApiProperty() heatId: string;
  @ApiProperty() letter: string;
  @ApiProperty() withdrawnAt: string;
}

export class ProjectDueProcessDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ description: "The competition's time zone (deadlines are shown in it)" })
  timeZone: string;
  @ApiProperty() appealWindowHours: number;
  @ApiProperty({ type: [DueProcessProjectResultDto], description: 'Its released heat results' })
  results: DueProcessProjectResultDto[];
  @ApiProperty({ type: [DueProcessWithdrawalDto] }) withdrawals: DueProcessWithdrawalDto[];
  @ApiProperty({ type: [OfferViewDto] }) offers: OfferViewDto[];
  @ApiProperty({ type: [AppealViewDto] }) appeals: AppealViewDto[];
}
