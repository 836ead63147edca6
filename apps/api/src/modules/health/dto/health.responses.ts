import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  db!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  redis!: string;
  @ApiProperty({
    type: [String],
    description:
      'Faults that need a person without stopping service (a Redis eviction policy that can lose jobs, mail held by SMTP authentication failures); empty when none',
  })
  alerts!: string[];
}
