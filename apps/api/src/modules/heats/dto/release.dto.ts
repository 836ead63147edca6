import { ApiProperty } from '@nestjs/swagger';

export class PreviousResultDto {
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED', 'AWARDED'] }) result: string;
  @ApiProperty({ nullable: true, type: String }) award: string | null;
}

export class ReleasedResultDto {
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED', 'AWARDED'] }) result: string;
  @ApiProperty({ nullable: true, type: String, example: '一等奖' }) award: string | null;
  @ApiProperty({
    type: PreviousResultDto,
    nullable: true,
    description: 'What the owner was told before (a correction), or null for a first result',
  })
  previous: PreviousResultDto | null;
}

export class ResultRecipientDto {
  @ApiProperty() ownerId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['RESULT', 'CORRECTION'] }) mail: string;
  @ApiProperty({ type: [ReleasedResultDto] }) results: ReleasedResultDto[];
}

export class ResultsReleasePreviewDto {
  @ApiProperty() heatId: string;
  @ApiProperty({ type: [ResultRecipientDto], description: 'One mail each' })
  recipients: ResultRecipientDto[];
  @ApiProperty({ description: 'Results already released as they stand' }) unchanged: number;
}

export class ResultsReleaseDto extends ResultsReleasePreviewDto {
  @ApiProperty() releaseId: string;
  @ApiProperty({ description: 'Mails sent by this release (one per recipient)' }) mails: number;
}
