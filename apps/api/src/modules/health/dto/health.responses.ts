import { ApiProperty } from '@nestjs/swagger';

export class HealthDegradationDto {
  @ApiProperty({ enum: ['db', 'redis', 'mail'] })
  component!: string;
  @ApiProperty({
    enum: [
      'DB_CONNECTION_SLOTS_EXHAUSTED',
      'DB_DISK_FULL',
      'DB_OUT_OF_MEMORY',
      'DB_INSUFFICIENT_RESOURCES',
      'REDIS_OUT_OF_MEMORY',
      'MAIL_DELAYED',
    ],
  })
  cause!: string;
  @ApiProperty({ description: 'What is wrong, in words, with the figures' })
  message!: string;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'down'],
    description:
      '"down" (HTTP 503): the database or Redis is unreachable; "degraded" (200): see `degraded`',
  })
  status!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  db!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  redis!: string;
  @ApiProperty({ type: [HealthDegradationDto] })
  degraded!: HealthDegradationDto[];
  @ApiProperty({
    type: [String],
    description:
      'Faults that need a person without stopping service (a Redis eviction policy that can lose jobs, mail held by SMTP authentication failures, mail given up on in doubt); empty when none',
  })
  alerts!: string[];
}
