import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';

export class BulkReviewItemDto {
  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'] })
  @IsIn(['ELIGIBLE', 'INELIGIBLE'])
  decision: 'ELIGIBLE' | 'INELIGIBLE';

  @ApiPropertyOptional({ description: 'Required for INELIGIBLE', example: '不属于大赛征集领域' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class BulkReviewDto {
  @ApiProperty({ type: [BulkReviewItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => BulkReviewItemDto)
  items: BulkReviewItemDto[];
}

export class BulkReviewChangeDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ example: 'SUBMITTED' }) from: string;
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'] }) to: string;
}

export class BulkReviewResultDto {
  @ApiProperty({
    type: [BulkReviewChangeDto],
    description: 'Decisions recorded (one audit row each); nothing is mailed until the release',
  })
  changed: BulkReviewChangeDto[];
  @ApiProperty({ type: [String], description: 'Projects that already had this decision' })
  unchanged: string[];
}

export class EligibilityReleaseItemDto {
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'] }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    enum: ['ELIGIBLE', 'INELIGIBLE'],
    nullable: true,
    description: 'What the owner was told before (a correction), or null for a first decision',
  })
  previousDecision: string | null;
}

export class EligibilityReleaseRecipientDto {
  @ApiProperty() ownerId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['DECISION', 'CORRECTION'] }) mail: string;
  @ApiProperty({ type: [EligibilityReleaseItemDto] }) items: EligibilityReleaseItemDto[];
}

export class EligibilityReleasePreviewDto {
  @ApiProperty() competitionId: string;
  @ApiProperty({ type: [EligibilityReleaseRecipientDto], description: 'One mail each' })
  recipients: EligibilityReleaseRecipientDto[];
  @ApiProperty({ description: 'Decisions already released as they stand' }) unchanged: number;
  @ApiProperty({ description: 'Submitted projects still without a decision' })
  pendingReview: number;
}

export class EligibilityReleaseDto extends EligibilityReleasePreviewDto {
  @ApiProperty() releaseId: string;
  @ApiProperty({ description: 'Mails sent by this release (one per recipient)' }) mails: number;
}
