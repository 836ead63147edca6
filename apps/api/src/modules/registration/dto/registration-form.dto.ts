// The registration form as the API reads and writes it. The classes declare
// the shape for OpenAPI (and so the web's generated types); the content is
// checked by validateFormDefinition (libs/domain/src/registration-form), which
// names each problem's path, so nothing below validates beyond the top level.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsObject, IsOptional, Min } from 'class-validator';

const FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'file',
  'table',
];
const LOCKS = ['never', 'afterSubmit', 'afterDeadline', 'afterEligibility'];
const RULE_KINDS = ['dateOnOrAfter', 'dateBefore', 'numberAbove', 'numberBelow', 'yesNo', 'inList'];

export class LocalisedTextDto {
  @ApiProperty({ example: '注册资本' })
  zh!: string;
  @ApiProperty({ example: 'Registered capital' })
  en!: string;
}

export class ChoiceOptionDto {
  @ApiProperty({ example: 'seed' })
  value!: string;
  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
}

export class TableColumnDto {
  @ApiProperty({ example: 'number' })
  key!: string;
  @ApiProperty({ enum: ['text', 'number', 'date', 'yesNo'] })
  type!: 'text' | 'number' | 'date' | 'yesNo';
  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
  @ApiProperty()
  required!: boolean;
}

export class FormFieldDto {
  @ApiProperty({ example: 'registeredCapital', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' })
  key!: string;
  @ApiProperty({ enum: FIELD_TYPES })
  type!:
    'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'yesNo' | 'file' | 'table';
  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
  @ApiPropertyOptional({ type: LocalisedTextDto })
  help?: LocalisedTextDto;
  @ApiProperty()
  required!: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Group keys; absent = every group' })
  groups?: string[];
  @ApiPropertyOptional({
    enum: LOCKS,
    description:
      'From which stage on the answer is frozen (default afterSubmit; a file field: afterDeadline, BP and video stay replaceable)',
  })
  lock?: 'never' | 'afterSubmit' | 'afterDeadline' | 'afterEligibility';
  @ApiPropertyOptional({
    description:
      'An identity field (company, 统一社会信用代码, founders): hidden from judges in blind rounds',
  })
  identity?: boolean;
  @ApiPropertyOptional()
  minLength?: number;
  @ApiPropertyOptional()
  maxLength?: number;
  @ApiPropertyOptional()
  min?: number;
  @ApiPropertyOptional()
  max?: number;
  @ApiPropertyOptional()
  integer?: boolean;
  @ApiPropertyOptional({ example: '万元' })
  unit?: string;
  @ApiPropertyOptional({ example: '2000-01-01' })
  minDate?: string;
  @ApiPropertyOptional({ example: '2026-12-31' })
  maxDate?: string;
  @ApiPropertyOptional({ type: [ChoiceOptionDto] })
  options?: ChoiceOptionDto[];
  @ApiPropertyOptional()
  maxChoices?: number;
  @ApiPropertyOptional({ enum: ['pdf', 'image', 'office', 'video'], isArray: true })
  accept?: ('pdf' | 'image' | 'office' | 'video')[];
  @ApiPropertyOptional({
    description:
      'file: cap in bytes (default 50 MB; 1 GB for a field accepting video, uploaded resumably)',
  })
  maxBytes?: number;
  @ApiPropertyOptional({
    description:
      "file: this field is the anonymised copy of that file field (e.g. the BP without names): blind rounds' judges get it instead",
  })
  blindCopyOf?: string;
  @ApiPropertyOptional({ type: [TableColumnDto] })
  columns?: TableColumnDto[];
  @ApiPropertyOptional()
  maxRows?: number;
}

export class FormGroupDto {
  @ApiProperty({ example: 'company' })
  key!: string;
  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
  @ApiPropertyOptional({
    type: [String],
    description: 'Track codes open to the group; absent = all',
  })
  tracks?: string[];
}

export class EligibilityRuleDto {
  @ApiProperty({ example: 'startup' })
  key!: string;
  @ApiProperty({ enum: RULE_KINDS })
  kind!: 'dateOnOrAfter' | 'dateBefore' | 'numberAbove' | 'numberBelow' | 'yesNo' | 'inList';
  @ApiProperty({
    example: 'organisation.foundedAt',
    description: "A form field's key, or organisation.foundedAt, organisation.name, title",
  })
  field!: string;
  @ApiProperty({ type: LocalisedTextDto, description: 'The flag, e.g. 初创组' })
  label!: LocalisedTextDto;
  @ApiPropertyOptional({ example: '2024-01-01' })
  date?: string;
  @ApiPropertyOptional()
  value?: number;
  @ApiPropertyOptional()
  equals?: boolean;
  @ApiPropertyOptional({ type: [String] })
  values?: string[];
}

export class PutRegistrationFormDto {
  @ApiPropertyOptional({ type: [FormGroupDto] })
  @IsOptional()
  @IsArray()
  groups?: FormGroupDto[];

  @ApiProperty({ type: [FormFieldDto] })
  @IsArray()
  fields!: FormFieldDto[];

  @ApiPropertyOptional({ type: LocalisedTextDto, description: '参赛声明 / 承诺书; absent = none' })
  @IsOptional()
  @IsObject()
  declaration?: LocalisedTextDto;

  @ApiPropertyOptional({ type: [EligibilityRuleDto] })
  @IsOptional()
  @IsArray()
  eligibilityRules?: EligibilityRuleDto[];

  @ApiPropertyOptional({
    description:
      'The version the editor started from (GET gave it; 0 before the first save). Someone having saved since: 409 REGISTRATION_FORM_STALE, nothing overwritten. Absent: no check.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class RegistrationFormViewDto {
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ description: 'Saves so far; 0 = no form saved (core fields only)' })
  version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: Date | null;
  @ApiProperty({ type: [FormGroupDto] })
  groups!: FormGroupDto[];
  @ApiProperty({ type: [FormFieldDto] })
  fields!: FormFieldDto[];
  @ApiProperty({ type: LocalisedTextDto, nullable: true })
  declaration!: LocalisedTextDto | null;
  @ApiPropertyOptional({
    type: [EligibilityRuleDto],
    description: "The competition's organisers only (rules may name past winners)",
  })
  eligibilityRules?: EligibilityRuleDto[];
}

export class ProjectFlagDto {
  @ApiProperty({ example: 'startup' })
  rule!: string;
  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
  @ApiProperty({ type: LocalisedTextDto })
  reason!: LocalisedTextDto;
}
