import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ReopenScoreDto, ScoreDto } from './dto/judging.dto';
import { ScoringService } from './scoring.service';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  @Roles('JUDGE')
  @Get('judge/assignments')
  mine(@CurrentUser() user: AuthUser) {
    return this.scoring.myAssignments(user);
  }

  @Roles('JUDGE')
  @Put('rounds/:id/projects/:projectId/score')
  save(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('projectId', ParseUUIDPipe) projectId: string, @Body() dto: ScoreDto) {
    return this.scoring.saveDraft(user, id, projectId, dto);
  }

  @Roles('JUDGE')
  @Get('rounds/:id/projects/:projectId/score')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('projectId', ParseUUIDPipe) projectId: string) {
    return this.scoring.myScore(user, id, projectId);
  }

  @Roles('JUDGE')
  @Post('rounds/:id/projects/:projectId/score/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('projectId', ParseUUIDPipe) projectId: string) {
    return this.scoring.submit(user, id, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/projects/:projectId/score/reopen')
  @HttpCode(200)
  reopen(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('projectId', ParseUUIDPipe) projectId: string, @Body() dto: ReopenScoreDto) {
    return this.scoring.reopen(user, id, projectId, dto);
  }
}
