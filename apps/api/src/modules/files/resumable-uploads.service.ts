import { randomUUID } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PrismaService } from '@app/database';
import { Actor, DomainError, fileFieldMaxBytes, safeFileName } from '@app/domain';
import { FILE_FIELD_RESOLVER, FileFieldContext, FileFieldResolver } from './file-field-resolver';
import { FilesService, meterFor, tooLarge } from './files.service';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';

/** The content type of a chunk (as tus): raw bytes that go at Upload-Offset. */
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
/** An upload not finished within a day is dropped (its chunks deleted). */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;
/** A resumable upload opened before the deadline may finish within this time after it (postmark). */
export const RESUME_GRACE_MS = 3600 * 1000;

interface SessionRow {
  id: string;
  projectId: string;
  fieldKey: string;
  name: string;
  size: bigint;
  offset: bigint;
  segments: string[];
  uploadedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

// Resumable uploads (issue 19: a video of hundreds of MB, a BP over a phone
// connection that drops), in the manner of tus core, written here because
// neither @tus/server nor tus-js-client is among the project's packages and
// the protocol is small:
//   POST  /projects/:id/uploads { field, name, size } → the upload, offset 0
//   GET   /uploads/:id → where it stands (offset), to resume after a drop
//   PATCH /uploads/:id  Upload-Offset: n, body = the next bytes
//   DELETE /uploads/:id → abandon it
// Each PATCH's bytes are kept as one chunk object in the file store (disk or
// S3 alike) only once every byte of it arrived: a dropped PATCH keeps nothing
// and the client resumes at the last whole chunk (the web sends 8 MiB chunks).
// The first chunk's head is sniffed at once, so a renamed .exe is refused
// before 500 MB of it travel. With the last byte, the chunks are streamed in
// order through the same meter as a plain upload (cap, SHA-256, type from the
// first bytes) into one stored object and recorded as the field's next
// version (FilesService.storeStream); the chunks and the session then go.
// The same owner check, field lock and deadline as a plain upload apply on
// every request.
@Injectable()
export class ResumableUploadsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly files: FilesService,
    @Inject(FILE_FIELD_RESOLVER) private readonly fields: FileFieldResolver,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async create(
    actor: Actor,
    projectId: string,
    dto: { field: string; name: string; size: number },
  ) {
    await this.files.assertOwner(actor, projectId);
    const ctx = await this.files.fileField(projectId, dto.field);
    if (ctx.deadlinePassed) throw deadlinePassed(ctx);
    if (dto.size > fileFieldMaxBytes(ctx.field)) throw tooLarge(ctx);
    if (dto.size === 0) throw DomainError.of('FILE_EMPTY', { field: ctx.field.key });
    // One upload under way per field and person: an older one is abandoned.
    const older = await this.prisma.uploadSession.findMany({
      where: { projectId, fieldKey: ctx.field.key, uploadedBy: actor.id },
    });
    for (const o of older) await this.drop(o);
    const now = new Date();
    const row = await this.prisma.uploadSession.create({
      data: {
        id: randomUUID(),
        projectId,
        fieldKey: ctx.field.key,
        name: safeFileName(dto.name || ctx.field.key),
        size: BigInt(dto.size),
        uploadedBy: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
      },
    });
    return view(row, ctx, null);
  }

  async status(actor: Actor, uploadId: string) {
    const { row, ctx } = await this.session(actor, uploadId);
    return view(row, ctx, null);
  }

  async cancel(actor: Actor, uploadId: string): Promise<void> {
    const { row } = await this.session(actor, uploadId);
    await this.drop(row);
  }

  async append(actor: Actor, uploadId: string, req: FastifyRequest) {
    const { row, ctx } = await this.session(actor, uploadId);
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const offsetHeader = req.headers['upload-offset'];
    if (
      type !== CHUNK_CONTENT_TYPE ||
      typeof offsetHeader !== 'string' ||
      !/^\d+$/.test(offsetHeader)
    )
      throw DomainError.of(
        'UPLOAD_CHUNK_INVALID',
        `send the bytes as ${CHUNK_CONTENT_TYPE} with the header Upload-Offset`,
      );
    const offset = Number(row.offset);
    if (Number(offsetHeader) !== offset) throw DomainError.of('UPLOAD_OFFSET_MISMATCH', { offset });
    const size = Number(row.size);
    const remaining = size - offset;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > remaining) throw DomainError.of('UPLOAD_SIZE_EXCEEDED', { size });

    // The chunk: capped at what the upload still lacks; the first one's head
    // is sniffed now (when it holds the 64 KiB the sniffer reads, or the whole file).
    const meter = meterFor(
      ctx,
      (m) => offset === 0 && (m.bytesSeen >= 64 * 1024 || m.bytesSeen === size),
    );
    const capped = new SizeGuard(remaining, () => DomainError.of('UPLOAD_SIZE_EXCEEDED', { size }));
    const key = `uploads/${row.id}/${String(offset).padStart(13, '0')}-${randomUUID()}`;
    const raw = req.raw;
    // A dropped connection: the chunk is not kept (the client resumes from the offset).
    const dropped = () =>
      DomainError.of(
        'UPLOAD_CHUNK_INVALID',
        'the connection dropped before the chunk arrived whole',
      );
    raw.on('error', () => capped.destroy(dropped()));
    raw.on('aborted', () => capped.destroy(dropped()));
    capped.on('error', (e) => meter.destroy(e));
    // A refusal (type) fails the meter: the chunk stops feeding it.
    meter.on('error', () => capped.unpipe(meter));
    raw.pipe(capped).pipe(meter);
    try {
      await this.storage.put(key, meter);
    } catch (e) {
      raw.unpipe(capped);
      // A refused type ends the upload: nothing of it is worth resuming.
      if (e instanceof DomainError && e.code === 'FILE_TYPE_NOT_ACCEPTED') await this.drop(row);
      if (!raw.readableEnded) raw.resume();
      throw e;
    }
    const next = offset + meter.bytesSeen;
    if (meter.bytesSeen > 0) {
      const moved = await this.prisma.uploadSession.updateMany({
        where: { id: row.id, offset: BigInt(offset) },
        data: { offset: BigInt(next), segments: { push: key } },
      });
      if (moved.count === 0) {
        // Another PATCH at the same offset won the race: this chunk goes.
        await this.storage.delete(key).catch(() => undefined);
        const now = await this.prisma.uploadSession.findUnique({ where: { id: row.id } });
        throw DomainError.of('UPLOAD_OFFSET_MISMATCH', { offset: Number(now?.offset ?? 0) });
      }
    } else {
      await this.storage.delete(key).catch(() => undefined);
    }
    const current = { ...row, offset: BigInt(next), segments: [...row.segments, key] };
    if (next < size) return view(current, ctx, null);
    return view(current, ctx, await this.complete(actor, current, ctx));
  }

  // The last byte arrived: the chunks, in order, become one stored version.
  private async complete(actor: Actor, row: SessionRow, ctx: FileFieldContext) {
    const keys = row.segments.filter((k) => k.startsWith(`uploads/${row.id}/`));
    const storage = this.storage;
    async function* bytes() {
      for (const k of keys) for await (const chunk of await storage.get(k)) yield chunk as Buffer;
    }
    try {
      return await this.files.storeStream(actor, ctx, Readable.from(bytes()), row.name);
    } finally {
      await this.drop(row);
    }
  }

  private async session(actor: Actor, uploadId: string) {
    const row = await this.prisma.uploadSession.findUnique({ where: { id: uploadId } });
    if (!row || row.uploadedBy !== actor.id) throw DomainError.notFound('file', uploadId);
    if (row.expiresAt.getTime() <= Date.now()) {
      await this.drop(row);
      throw DomainError.notFound('file', uploadId);
    }
    const project = await this.fields.project(row.projectId);
    if (!project || project.ownerId !== actor.id) throw DomainError.notFound('file', uploadId);
    const ctx = await this.files.fileField(row.projectId, row.fieldKey);
    // Begun before the deadline, an upload may finish within the grace after it.
    const closes = ctx.closesAt.getTime();
    if (
      ctx.deadlinePassed &&
      (row.createdAt.getTime() >= closes || Date.now() >= closes + RESUME_GRACE_MS)
    )
      throw deadlinePassed(ctx);
    return { row, ctx };
  }

  private async drop(row: SessionRow): Promise<void> {
    await this.prisma.uploadSession.deleteMany({ where: { id: row.id } });
    for (const k of row.segments) await this.storage.delete(k).catch(() => undefined);
  }
}

function deadlinePassed(ctx: FileFieldContext) {
  return DomainError.of('FILE_DEADLINE_PASSED', {
    closesAt: ctx.closesAt.toISOString(),
    timeZone: ctx.timeZone,
  });
}

function view(row: SessionRow, ctx: FileFieldContext, file: unknown) {
  return {
    id: row.id,
    field: row.fieldKey,
    name: row.name,
    size: Number(row.size),
    offset: Number(row.offset),
    maxBytes: fileFieldMaxBytes(ctx.field),
    expiresAt: row.expiresAt,
    file: (file ?? null) as ReturnType<FilesService['storeStream']> extends Promise<infer F>
      ? F | null
      : never,
  };
}

/** Passes bytes through, failing once more than `max` went by. */
class SizeGuard extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly tooMany: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) return done(this.tooMany());
    done(null, chunk);
  }
}
