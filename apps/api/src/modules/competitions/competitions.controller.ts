import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { CompetitionsService } from './competitions.service';
import { CreateCompetitionDto, CreateHeatDto, CreateRubricDto } from './dto/competition.dto';

@ApiTags('competitions')
@ApiBearerAuth()
@Controller('competitions')
export class CompetitionsController {
  constructor(private readonly competitions: CompetitionsService) {}

  @Roles('ORGANISER', 'ADMIN')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCompetitionDto) {
    return this.competitions.create(user, dto);
  }

  @Get()
  async list() {
    return { items: await this.competitions.list() };
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.competitions.get(id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post(':id/heats')
  createHeat(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateHeatDto) {
    return this.competitions.createHeat(user, id, dto);
  }

  @Get(':id/heats')
  async listHeats(@Param('id', ParseUUIDPipe) id: string) {
    return { items: await this.competitions.listHeats(id) };
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post(':id/rubrics')
  createRubric(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateRubricDto) {
    return this.competitions.createRubric(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get(':id/rubrics')
  async listRubrics(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return { items: await this.competitions.listRubrics(user, id) };
  }
}
