import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import yazl from 'yazl';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { DomainError } from '@app/domain';
import {
  CreateUploadDto,
  DownloadQuery,
  HeatZipQuery,
  ProjectFileListDto,
  StoredFileDto,
  UploadQuery,
  UploadSessionDto,
} from './dto/files.dto';
import { ResumableUploadsService } from './resumable-uploads.service';
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
    private readonly resumable: ResumableUploadsService,
  ) {}

  @Post('projects/:id/uploads')
  @ApiRoute({
    summary:
      'Begin a resumable upload to a file field (owner, before the deadline): a video, or any file over an unsteady connection',
    description:
      'Body { field, name, size }. Then PATCH /uploads/:id with Content-Type application/offset+octet-stream and Upload-Offset (the bytes from there on, in one or several chunks); ' +
      'after a dropped connection GET /uploads/:id says where to resume. The last chunk stores the file as the field’s next version (`file`). ' +
      'The cap is checked at once (413 FILE_TOO_LARGE), the type on the first chunk and again on the whole file (415), the field’s lock (409 FILE_FIELD_LOCKED) and the deadline (409) on every request; ' +
      'an upload begun before the deadline may finish within an hour after it. Unfinished uploads are dropped after a day; a new upload to the same field abandons the previous one.',
    status: 201,
    type: UploadSessionDto,
    errors: [400, 403, 404, 409, 413, 422],
  })
  beginUpload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateUploadDto,
  ) {
    return this.resumable.create(user, id, dto);
  }

  @Get('uploads/:id')
  @ApiRoute({
    summary: 'Where a resumable upload stands (its offset): resume from there (its uploader)',
    type: UploadSessionDto,
    errors: [400, 404, 409],
  })
  uploadStatus(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.resumable.status(user, id);
  }

  @Patch('uploads/:id')
  @ApiConsumes('application/offset+octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiRoute({
    summary:
      'Append the next bytes of a resumable upload at Upload-Offset (its uploader); the last ones store the file',
    description:
      'A chunk is kept only once all of it arrived; a dropped chunk is sent again from the offset GET /uploads/:id gives. 409 UPLOAD_OFFSET_MISMATCH (params.offset) when Upload-Offset is not where the upload stands.',
    type: UploadSessionDto,
    errors: [400, 404, 409, 413, 415, 422],
  })
  appendUpload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Req() req: FastifyRequest,
  ) {
    return this.resumable.append(user, id, req);
  }

  @Delete('uploads/:id')
  @HttpCode(204)
  @ApiRoute({
    summary: 'Abandon a resumable upload; its bytes are deleted (its uploader)',
    status: 204,
    errors: [400, 404, 409],
  })
  async cancelUpload(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    await this.resumable.cancel(user, id);
  }

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
      'Content-Disposition inline for a PDF or image, else attachment (?download=true: always attachment); X-Content-Type-Options: nosniff. 404 for anyone else; 403 FILE_VIEW_ONLY for a download in a view-only round. ' +
      'Range: one range `bytes=a-b` answers 206 with Content-Range (416 FILE_RANGE_NOT_SATISFIABLE past the end); ETag is the SHA-256; If-Range honoured. ' +
      "A judge's PDF is watermarked afresh on each request, so it is sent whole (Accept-Ranges: none).",
    file: 'binary',
    errors: [400, 403, 404, 416],
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: DownloadQuery,
    @Res() reply: FastifyReply,
  ) {
    const header = (name: string) => {
      const v = reply.request.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    let file;
    try {
      file = await this.reads.open(
        user,
        id,
        query.download === true,
        header('range'),
        header('if-range'),
      );
    } catch (e) {
      if (e instanceof DomainError && e.code === 'FILE_RANGE_NOT_SATISFIABLE')
        reply.header('content-range', `bytes */${String(e.params?.size)}`);
      throw e;
    }
    if (file.range) {
      reply
        .code(206)
        .header('content-range', `bytes ${file.range.start}-${file.range.end}/${file.size}`);
    }
    if (file.etag) reply.header('etag', file.etag);
    reply
      .header('accept-ranges', file.ranges ? 'bytes' : 'none')
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
