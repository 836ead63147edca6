import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddOrganiserDto {
  @ApiProperty({ description: 'A user with the ORGANISER role' })
  @IsUUID()
  userId: string;
}

export class OrganiserDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class OrganiserListDto {
  @ApiProperty({ type: [OrganiserDto] }) items: OrganiserDto[];
}
