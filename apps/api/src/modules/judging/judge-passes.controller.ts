import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import {
  IssueJudgePassesDto,
  IssuedJudgePassesDto,
  JudgePassListDto,
} from './dto/judge-passes.dto';
import { JudgePassesService } from './judge-passes.service';

// One-time sign-in QR codes for a round's judges (the roadshow day).
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller('rounds/:id/judge-passes')
export class JudgePassesController {
  constructor(private readonly passes: JudgePassesService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Make a one-time sign-in QR per judge (the tokens are shown this once): one phone each, until the day's end in the competition's time zone; replaces a judge's earlier unused QR; audited",
    status: 201,
    type: IssuedJudgePassesDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post()
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: IssueJudgePassesDto,
  ) {
    return this.passes.issue(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The round's judge sign-in QR codes and where each stands (no tokens)",
    type: JudgePassListDto,
    errors: [400, 403, 404],
  })
  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.passes.list(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Revoke a judge sign-in QR code: its phone is signed out at its next request; audited',
    type: JudgePassListDto,
    errors: [400, 403, 404],
  })
  @Post(':passId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('passId', ParseUuidParamPipe) passId: string,
  ) {
    return this.passes.revoke(user, id, passId);
  }
}
