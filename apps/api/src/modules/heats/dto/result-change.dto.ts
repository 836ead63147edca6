import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class ChangeResultDto {
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED'] })
  @IsIn(['ADVANCED', 'ELIMINATED'])
  result: 'ADVANCED' | 'ELIMINATED';

  @ApiProperty({ example: '复核发现计分错误，改为晋级' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class ResultChangedDto {
  @ApiProperty() heatId: string;
  @ApiProperty() projectId: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED'] }) from: string;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED'] }) result: string;
  @ApiProperty() reason: string;
}
