import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import {
  CreateProjectDto,
  ListProjectsQuery,
  ReviewProjectDto,
  SubmitProjectDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { RegistrationService } from './registration.service';
import { Idempotent } from '../../common/idempotency.interceptor';
import { ApiRoute } from '../../common/api-route.decorator';
import { toProjectPage, toProjectView } from './dto/project.mapper';
import { ProjectListDto, ProjectPageDto, ProjectViewDto } from './dto/project.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('registration')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly registration: RegistrationService) {}

  @Roles('APPLICANT')
  @ApiRoute({
    summary: 'Register a project (DRAFT) while registration is open',
    status: 201,
    type: ProjectViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('competitions/:id/projects')
  @Idempotent({
    // Only while the project is still the caller's to see.
    replayAccess: (refs, { user, answer }) =>
      refs.get(RegistrationService, { strict: false }).get(user, (answer as { id: string }).id),
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateProjectDto,
  ) {
    return toProjectView(await this.registration.create(user, id, dto));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "A page of a competition's projects, filtered",
    type: ProjectPageDto,
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/projects')
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ListProjectsQuery,
  ) {
    return toProjectPage(await this.registration.listForOrganiser(user, id, query));
  }

  @ApiRoute({ summary: "The caller's own projects", type: ProjectListDto, errors: [401] })
  @Get('me/projects')
  async mine(@CurrentUser() user: AuthUser) {
    return { items: (await this.registration.listMine(user)).map((p) => toProjectView(p)) };
  }

  @ApiRoute({
    summary: 'One project (its owner or its organisers)',
    type: ProjectViewDto,
    errors: [400, 401, 404],
  })
  @Get('projects/:id')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return toProjectView(await this.registration.get(user, id));
  }

  @ApiRoute({
    summary:
      'Edit a DRAFT project (required fields may stay empty); after submit only answers whose field has not locked (409 ANSWER_LOCKED)',
    type: ProjectViewDto,
    errors: [400, 401, 404, 409, 422],
  })
  @Patch('projects/:id')
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateProjectDto,
  ) {
    return toProjectView(await this.registration.update(user, id, dto));
  }

  @ApiRoute({
    summary:
      'Submit a DRAFT project before the deadline: 422 PROJECT_INCOMPLETE lists every missing field; DECLARATION_REQUIRED without acceptDeclaration',
    type: ProjectViewDto,
    errors: [400, 401, 404, 409, 422],
  })
  @Post('projects/:id/submit')
  @HttpCode(200)
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: SubmitProjectDto,
    @Ip() ip: string,
  ) {
    return toProjectView(await this.registration.submit(user, id, dto ?? {}, ip ?? null));
  }

  @ApiRoute({ summary: 'Withdraw a project', type: ProjectViewDto, errors: [400, 401, 404, 409] })
  @Post('projects/:id/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return toProjectView(await this.registration.withdraw(user, id));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Decide eligibility of a SUBMITTED project, with a reason',
    type: ProjectViewDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('projects/:id/review')
  @HttpCode(200)
  async review(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: ReviewProjectDto,
  ) {
    return toProjectView(await this.registration.review(user, id, dto));
  }
}
