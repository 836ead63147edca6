import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;

export class UploadQuery {
  @ApiPropertyOptional({
    description:
      'The form field\'s key (else the part "field" before the part "file"); with it, a declared Content-Length past the field\'s cap is refused before the transfer',
    example: 'businessPlan',
  })
  @IsOptional()
  @IsString()
  @Matches(FIELD_KEY)
  field?: string;
}

export class DownloadQuery {
  @ApiPropertyOptional({
    description:
      'Content-Disposition attachment even for a PDF or image (refused in a view-only round)',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  download?: boolean;
}

export class HeatZipQuery {
  @ApiPropertyOptional({
    description: 'Only this file field (e.g. the BP); default every file field',
  })
  @IsOptional()
  @IsString()
  @Matches(FIELD_KEY)
  field?: string;
}

export class LocalisedLabelDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class StoredFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The form field the file answers' }) field!: string;
  @ApiProperty({ example: '商业计划书.pdf' }) name!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty({ description: 'Sniffed from the bytes at upload', example: 'application/pdf' })
  contentType!: string;
  @ApiProperty({ description: '1 for the first upload of the field, +1 per replacement' })
  version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supersededAt!: Date | null;
  @ApiProperty({
    description:
      "The field's current version (for a judge: the version current when the round opened)",
  })
  current!: boolean;
}

export class ProjectFileDto extends StoredFileDto {
  @ApiProperty({ type: LocalisedLabelDto, nullable: true, description: "The field's label" })
  label!: LocalisedLabelDto | null;
}

export class ProjectFileListDto {
  @ApiProperty({ type: [ProjectFileDto], description: 'Every version, newest first per field' })
  items!: ProjectFileDto[];
  @ApiProperty({ description: 'A judge in a view-only round: read in the viewer, no download' })
  viewOnly!: boolean;
}

export class CreateUploadDto {
  @ApiProperty({ description: "The form field's key", example: 'pitchVideo' })
  @IsString()
  @Matches(FIELD_KEY)
  field!: string;
  @ApiProperty({
    description: "The file's name on the applicant's device",
    example: '路演视频.mp4',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name!: string;
  @ApiProperty({ description: 'Bytes the file has; checked against the field’s cap at once' })
  @IsInt()
  @Min(1)
  size!: number;
}

export class UploadSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() field!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Bytes the file has' }) size!: number;
  @ApiProperty({
    description: 'Bytes the server holds: the next PATCH starts here (Upload-Offset)',
  })
  offset!: number;
  @ApiProperty({ description: "The field's cap" }) maxBytes!: number;
  @ApiProperty({ format: 'date-time', description: 'Unfinished by then, the upload is dropped' })
  expiresAt!: Date;
  @ApiProperty({
    type: StoredFileDto,
    nullable: true,
    description: 'Once the last byte arrived: the stored file (the field’s new version)',
  })
  file!: StoredFileDto | null;
}
