import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  db!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  redis!: string;
}
