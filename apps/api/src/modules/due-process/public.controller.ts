import { Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiRoute } from '../../common/api-route.decorator';
import { Public } from '../../common/auth.decorators';
import { attachment } from '../../common/download';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { XLSX_TYPE } from '../../common/xlsx';
import { ObjectionReceiptDto, PublicPublicityDto } from './dto/due-process.dto';
import { ObjectionsService } from './objections.service';
import { PublicityService } from './publicity.service';

// What anyone may read and do without an account (docs/due-process.md): the
// published list while and after it runs, its documents, and an objection
// while it runs. Every request counts against the per-address limit
// (RATE_LIMIT_*); objections also against OBJECTION_*. The list is cached
// for seconds (a 递补 changes it and must show soon), its documents for
// minutes, an objection's answer never.
@ApiTags('public')
@Public()
@Controller('public/publicities')
export class PublicController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly objections: ObjectionsService,
  ) {}

  @Get(':id')
  @Header('cache-control', 'public, max-age=5')
  @ApiRoute({
    summary:
      'A published list (公示): the ranking as the rules publish it, the period and the contacts; no sign-in',
    type: PublicPublicityDto,
    errors: [400, 404, 429],
  })
  get(@Param('id', ParseUuidParamPipe) id: string) {
    return this.publicity.publicView(id);
  }

  @Get(':id/list.pdf')
  @ApiRoute({
    summary: 'The published list as a PDF in the official layout (title, table, date, organiser)',
    file: 'binary',
    errors: [400, 404, 429],
  })
  async pdf(
    @Param('id', ParseUuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const doc = await this.publicity.document(id, 'pdf');
    attachment(reply, 'application/pdf', 'publicity.pdf', doc.name);
    reply.header('cache-control', 'public, max-age=300');
    return doc.body;
  }

  @Get(':id/list.xlsx')
  @ApiRoute({
    summary: 'The published list as a spreadsheet (XLSX)',
    file: 'xlsx',
    errors: [400, 404, 429],
  })
  async xlsx(
    @Param('id', ParseUuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const doc = await this.publicity.document(id, 'xlsx');
    attachment(reply, XLSX_TYPE, 'publicity.xlsx', doc.name);
    reply.header('cache-control', 'public, max-age=300');
    return doc.body;
  }

  @Post(':id/objections')
  @Header('cache-control', 'no-store')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'contact', 'unit', 'reason'],
      properties: {
        name: { type: 'string', description: 'Real name' },
        contact: { type: 'string', description: 'Mobile number or email address' },
        email: {
          type: 'string',
          description: 'For the receipt and the answer, when contact is a phone',
        },
        unit: { type: 'string', description: "The objector's unit (工作单位)" },
        projectId: { type: 'string', description: 'The project concerned (one of the list)' },
        procedure: { type: 'string', description: 'Or the procedure concerned' },
        reason: { type: 'string' },
        locale: { type: 'string', enum: ['zh-CN', 'en'] },
        evidence: {
          type: 'string',
          format: 'binary',
          description: 'PDF or image, ≤ 20 MB, up to 5 parts',
        },
      },
    },
  })
  @ApiRoute({
    summary:
      'File an objection (异议) to a running 公示: real name, contact, unit, reason, evidence; answers a receipt number',
    description:
      'multipart/form-data. Evidence types are sniffed from the bytes (PDF, images; 415 OBJECTION_EVIDENCE_TYPE), ≤ 20 MB each (413). ' +
      'Limited per address and per contact (429 OBJECTION_LIMIT_REACHED). After the 公示 ended: 409 PUBLICITY_CLOSED.',
    status: 201,
    type: ObjectionReceiptDto,
    errors: [400, 404, 409, 413, 415, 422, 429],
  })
  file(@Param('id', ParseUuidParamPipe) id: string, @Req() req: FastifyRequest) {
    return this.objections.file(id, req);
  }
}
