import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import yazl from 'yazl';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { EvidencePackService } from './evidence-pack.service';

@ApiTags('record')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('heats')
export class RecordController {
  constructor(private readonly packs: EvidencePackService) {}

  @Get(':id/evidence-pack.zip')
  @ApiRoute({
    summary:
      "The heat's official record as a ZIP (streamed): rules and rubric in force, each round's draw and seed, timing logs, rankings, advancement, the audit extract, each judge's signed score sheet, the objections, appeals and due-diligence checks with their handling, and manifest.json with the SHA-256 of every file",
    file: 'zip',
    errors: [400, 401, 403, 404],
  })
  async evidencePack(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Res() reply: FastifyReply,
  ) {
    const { files } = await this.packs.pack(user, id);
    const zip = new yazl.ZipFile();
    const mtime = new Date();
    for (const f of files) zip.addBuffer(f.body, f.path, { mtime });
    zip.end();
    reply
      .header('content-type', 'application/zip')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="evidence-pack-${id}.zip"`);
    return reply.send(zip.outputStream);
  }
}
