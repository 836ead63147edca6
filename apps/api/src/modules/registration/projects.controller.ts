import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { CreateProjectDto, ListProjectsQuery, ReviewProjectDto, UpdateProjectDto } from './dto/project.dto';
import { RegistrationService } from './registration.service';

@ApiTags('registration')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly registration: RegistrationService) {}

  @Roles('APPLICANT')
  @Post('competitions/:id/projects')
  create(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateProjectDto) {
    return this.registration.create(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('competitions/:id/projects')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListProjectsQuery) {
    return this.registration.listForOrganiser(user, id, query);
  }

  @Get('me/projects')
  async mine(@CurrentUser() user: AuthUser) {
    return { items: await this.registration.listMine(user) };
  }

  @Get('projects/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.registration.get(user, id);
  }

  @Patch('projects/:id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProjectDto) {
    return this.registration.update(user, id, dto);
  }

  @Post('projects/:id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.registration.submit(user, id);
  }

  @Post('projects/:id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.registration.withdraw(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('projects/:id/review')
  @HttpCode(200)
  review(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewProjectDto) {
    return this.registration.review(user, id, dto);
  }
}
