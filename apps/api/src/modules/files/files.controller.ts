import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import yazl from 'yazl';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import {
  DownloadQuery,
  HeatZipQuery,
  ProjectFileListDto,
  StoredFileDto,
  UploadQuery,
} from './dto/files.dto';
import { FileReadsService } from './file-reads.service';
import { FilesService } from './files.service';

const disposition = (kind: 'inline' | 'attachment', name: string, ascii: string) =>
  `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const asciiName = (name: string, fallback: string) => {
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
  return /^[\x20-\x7e]+$/.test(name) ? name.replace(/["\\]/g, '_') : `${fallback}${ext}`;
};

@ApiTags('files')
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly reads: FileReadsService,
  ) {}

  @Post('projects/:id/files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        field: { type: 'string', description: "The form field's key (before the file part)" },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiRoute({
    summary:
      "Upload a file to a file field of the project's registration form (owner, before the deadline)",
    description:
      "multipart/form-data: part `field` (the form field's key; or ?field=) then part `file`. Streamed to storage, never held whole. " +
      'The type is sniffed from the bytes and must be one the field accepts (415 FILE_TYPE_NOT_ACCEPTED); the size is capped per field (413 FILE_TOO_LARGE, params.maxBytes). ' +
      'A replacement keeps the old version (supersededAt). After the deadline: 409 FILE_DEADLINE_PASSED. A dropped upload stores nothing: send it again.',
    status: 201,
    type: StoredFileDto,
    errors: [400, 403, 404, 409, 413, 415, 422],
  })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: UploadQuery,
    @Req() req: FastifyRequest,
  ) {
    return this.files.upload(user, id, query.field, req);
  }

  @Get('projects/:id/files')
  @ApiRoute({
    summary:
      "A project's files and their versions (owner, organisers; an assigned judge in an open round: the versions frozen when it opened)",
    type: ProjectFileListDto,
    errors: [400, 404],
  })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.reads.list(user, id);
  }

  @Get('files/:id')
  @ApiRoute({
    summary:
      'A stored file’s bytes (owner, organisers, a judge assigned in an open round: PDFs watermarked with the judge’s name and the time)',
    description:
      'Content-Disposition inline for a PDF or image, else attachment (?download=true: always attachment); X-Content-Type-Options: nosniff. 404 for anyone else; 403 FILE_VIEW_ONLY for a download in a view-only round.',
    file: 'binary',
    errors: [400, 403, 404],
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: DownloadQuery,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.reads.open(user, id, query.download === true);
    reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.length))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        disposition(file.inline ? 'inline' : 'attachment', file.name, asciiName(file.name, 'file')),
      );
    return reply.send(file.body);
  }

  @Get('heats/:id/files.zip')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "A heat's current files (e.g. its BPs with ?field=) as one ZIP, a folder per project",
    file: 'zip',
    errors: [400, 403, 404],
  })
  async zip(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: HeatZipQuery,
    @Res() reply: FastifyReply,
  ) {
    const { heatName, entries, open } = await this.reads.heatFiles(user, id, query.field);
    const zip = new yazl.ZipFile();
    for (const entry of entries) {
      // Opened one at a time as the ZIP is written: one store read in flight.
      zip.addReadStreamLazy(entry.path, { size: entry.size, compress: false }, (cb) => {
        open(entry.storageKey).then(
          (stream) => cb(null, stream),
          (e: unknown) => cb(e, undefined as never),
        );
      });
    }
    zip.end();
    reply
      .header('content-type', 'application/zip')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        disposition('attachment', `${heatName}.zip`, 'heat-files.zip'),
      );
    return reply.send(zip.outputStream);
  }
}
