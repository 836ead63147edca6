import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListProjectsQuery } from '../../registration/dto/project.dto';

export class ExportLangQuery {
  @ApiPropertyOptional({
    enum: ['zh', 'en'],
    default: 'zh',
    description: 'Headers and statuses in Chinese (default) or English',
  })
  @IsOptional()
  @IsIn(['zh', 'en', 'zh-CN'])
  lang?: string;
}

// The list endpoint's filters (status, heatId, trackCode), every page.
export class ExportProjectsQuery extends OmitType(ListProjectsQuery, [
  'page',
  'pageSize',
] as const) {
  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh' })
  @IsOptional()
  @IsIn(['zh', 'en', 'zh-CN'])
  lang?: string;
}
