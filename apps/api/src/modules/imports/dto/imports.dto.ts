import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class ImportQuery {
  @ApiPropertyOptional({
    default: false,
    description: 'Check the file and report what would happen, changing nothing',
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Import the valid rows and skip the rows with errors (by default any error refuses the file)',
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  skipInvalidRows?: boolean;
}

export class ProjectImportQuery extends ImportQuery {
  @ApiPropertyOptional({
    description: 'The first-stage heat for rows without a 赛区/heat cell',
  })
  @IsOptional()
  @IsUUID()
  heatId?: string;
}

export class ImportProblemDto {
  // A union (`number | null`) reflects as Object: the type is named, or the
  // generated client types read Record<string, never>.
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 3,
    description: 'Spreadsheet row; null for the file',
  })
  row: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'B',
    description: 'Spreadsheet column letter; null for the file or a missing column',
  })
  column: string | null;
  @ApiProperty({ type: String, nullable: true, example: '邮箱' })
  header: string | null;
  @ApiProperty({ example: 'email' })
  field: string;
  @ApiProperty({ example: 'email "wang@" is not an email address' })
  message: string;
  @ApiProperty({ example: '邮箱「wang@」不是有效的邮箱地址' })
  messageZh: string;
}

export class ImportColumnDto {
  @ApiProperty({ example: 'B' })
  column: string;
  @ApiProperty({ example: '邮箱' })
  header: string;
  @ApiProperty({ example: 'email' })
  field: string;
}

export class IgnoredColumnDto {
  @ApiProperty({ example: 'A' })
  column: string;
  @ApiProperty({ example: '序号' })
  header: string;
}

export const ROW_ACTIONS = ['CREATED', 'ADDED', 'UPDATED', 'UNCHANGED', 'INVALID'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

export class ImportRowPreviewDto {
  @ApiProperty({ example: 2 })
  row: number;
  @ApiProperty({
    example: 'wang.fang@example.cn',
    description: 'Email (judges) or import reference (projects)',
  })
  key: string;
  @ApiProperty({
    enum: ROW_ACTIONS,
    description:
      'CREATED: new account (invited) or project; ADDED: an existing judge joins the list; UPDATED: list entry changed; UNCHANGED; INVALID: see problems',
  })
  action: RowAction;
  @ApiProperty({ description: 'Whether this row sends an invitation mail' })
  invites: boolean;
}

export class ImportSummaryDto {
  @ApiProperty() created: number;
  @ApiProperty() added: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() invalid: number;
  @ApiProperty({ description: 'Invitation mails the import would send' })
  invitations: number;
}

export class ImportPreviewDto {
  @ApiProperty({ example: true })
  dryRun: boolean;
  @ApiProperty({ enum: ['JUDGES', 'PROJECTS'] })
  kind: 'JUDGES' | 'PROJECTS';
  @ApiProperty({ example: '评委名单.xlsx' })
  fileName: string;
  @ApiProperty({ enum: ['XLSX', 'CSV'] })
  format: string;
  @ApiProperty({ nullable: true, enum: ['UTF-8', 'UTF-16', 'GB18030'], description: 'CSV only' })
  encoding: string | null;
  @ApiProperty({ example: 1 })
  headerRow: number;
  @ApiProperty({ type: [ImportColumnDto] })
  columns: ImportColumnDto[];
  @ApiProperty({ type: [IgnoredColumnDto] })
  ignoredColumns: IgnoredColumnDto[];
  @ApiProperty({ description: 'Data rows (non-empty rows below the header)' })
  total: number;
  @ApiProperty({ type: ImportSummaryDto })
  summary: ImportSummaryDto;
  @ApiProperty({ type: [ImportProblemDto], description: 'Every problem, by row and column' })
  problems: ImportProblemDto[];
  @ApiProperty({ type: [ImportRowPreviewDto] })
  rows: ImportRowPreviewDto[];
}

export class ImportJobDto {
  @ApiProperty() id: string;
  @ApiProperty() competitionId: string;
  @ApiProperty({ enum: ['JUDGES', 'PROJECTS'] }) kind: string;
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] }) status: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['XLSX', 'CSV'] }) format: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['UTF-8', 'UTF-16', 'GB18030'],
    description: 'CSV only',
  })
  encoding: string | null;
  @ApiProperty({ description: 'Rows in the file' }) total: number;
  @ApiProperty({ description: 'Rows done so far (including skipped and failed)' })
  processed: number;
  @ApiProperty() created: number;
  @ApiProperty() added: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Rows that failed while importing' }) failed: number;
  @ApiProperty({ description: 'Invalid rows left out (skipInvalidRows)' }) skipped: number;
  @ApiProperty({ type: [ImportProblemDto] }) errors: ImportProblemDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class ImportJobListDto {
  @ApiProperty({ type: [ImportJobDto] }) items: ImportJobDto[];
}

export class RosterJudgeDto {
  @ApiProperty() userId: string;
  @ApiProperty({ example: '王芳' }) name: string;
  @ApiProperty({ example: 'wang.fang@example.cn' }) email: string;
  @ApiProperty({ type: String, nullable: true, example: '清华大学深圳国际研究生院' })
  affiliation: string | null;
  @ApiProperty({ type: String, nullable: true, example: '138 0013 8000' }) phone: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The import that added or last changed the entry',
  })
  importId: string | null;
}

export class RosterDto {
  @ApiProperty({ type: [RosterJudgeDto] }) items: RosterJudgeDto[];
}
