import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { SIGNING_STATUSES, SigningStatus } from '@app/domain';

export class CreateSigningDto {
  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty({ example: '江阴高新区管委会' })
  @IsString()
  @Length(1, 200)
  host: string;

  @ApiPropertyOptional({
    example: '江阴高新区深圳科创飞地',
    description:
      'The enclave (offshore incubator) the signing goes through; defaults to the heat’s',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  enclave?: string;

  @ApiPropertyOptional({
    example: '5000000.00',
    description:
      'The investment in 元 (CNY yuan, not 万元), a decimal string with at most 2 places: 500 万元 is "5000000.00"',
  })
  @IsOptional()
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, {
    message: 'investmentAmount must be a decimal string in 元 (yuan), e.g. "5000000.00"',
  })
  investmentAmount?: string;

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsDateString({ strict: true })
  landingDeadline?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: SIGNING_STATUSES })
  @IsIn(SIGNING_STATUSES)
  to: SigningStatus;

  @ApiPropertyOptional({
    description: 'Internal note for the organisers (audited); never mailed',
    example: '对方要求补充尽调材料',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional({
    description: 'A message to the applicant, sent with the status mail',
    example: '请于下周前提交营业执照副本',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  message?: string;

  @ApiPropertyOptional({ description: 'When it happened (defaults to now)' })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;

  @ApiPropertyOptional({ example: '江阴智感科技有限公司' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  companyName?: string;

  @ApiPropertyOptional({
    example: '91320281MA1XXXXXXX',
    description: 'Unified social credit code of the landed company',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  registrationNo?: string;
}

export class ListSigningsQuery {
  @ApiPropertyOptional({ enum: SIGNING_STATUSES })
  @IsOptional()
  @IsIn(SIGNING_STATUSES)
  status?: SigningStatus;
}
