import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { PrismaService } from '@app/database';
import {
  Actor,
  DomainError,
  answerRef,
  fileFieldMaxBytes,
  isAccepted,
  isFieldLocked,
  lockOf,
  safeFileName,
  servedType,
} from '@app/domain';
import { RegistrationService } from '../registration/registration.service';
import { FILE_FIELD_RESOLVER, FileFieldContext, FileFieldResolver } from './file-field-resolver';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';
import { UploadMeter } from './upload-meter';
import { fileView } from './file-view';

// Largest upload busboy lets through at all; each field's own cap (413) is
// applied by UploadMeter, far below it for documents.
export const HARD_UPLOAD_CAP = 4 * 1024 * 1024 * 1024;

// POST /projects/:id/files: the owner stores a file in a file field of the
// competition's form, before the deadline. The bytes stream from the request
// through UploadMeter (cap, hash, sniffed type) into storage; the row is
// written only once storage holds every byte, so a dropped upload leaves
// neither a file nor a row and the client sends it again.
@Injectable()
export class FilesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly registration: RegistrationService,
    @Inject(FILE_FIELD_RESOLVER) private readonly fields: FileFieldResolver,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async upload(
    actor: Actor,
    projectId: string,
    queryField: string | undefined,
    req: FastifyRequest,
  ) {
    await this.assertOwner(actor, projectId);
    const project = (await this.fields.project(projectId))!;
    // An upload that began before the deadline is taken (as a postmark).
    if (project.deadlinePassed)
      throw DomainError.of('FILE_DEADLINE_PASSED', {
        closesAt: project.closesAt.toISOString(),
        timeZone: project.timeZone,
      });
    if (!req.isMultipart())
      throw DomainError.of(
        'UPLOAD_NOT_MULTIPART',
        'send multipart/form-data: part "field", then part "file"',
      );

    // With ?field= the cap is known before a byte is read: a declared length
    // past it is refused at once instead of after the transfer.
    let ctx = queryField ? await this.fileField(projectId, queryField) : null;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (ctx && declared > fileFieldMaxBytes(ctx.field) + 64 * 1024) throw tooLarge(ctx);

    let stored: Awaited<ReturnType<FilesService['store']>> | null = null;
    let failure: Error | null = null;
    for await (const part of req.parts({ limits: { fileSize: HARD_UPLOAD_CAP, files: 1 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'field' && !ctx && typeof part.value === 'string')
          ctx = await this.fileField(projectId, part.value).catch((e: unknown) => {
            failure ??= e as Error;
            return null;
          });
        continue;
      }
      if (part.fieldname !== 'file' || failure || stored) {
        part.file.resume();
        continue;
      }
      if (!ctx) {
        failure = DomainError.of(
          'FILE_FIELD_UNKNOWN',
          { field: queryField ?? '' },
          'send the part "field" before the part "file"',
        );
        part.file.resume();
        continue;
      }
      try {
        stored = await this.store(actor, ctx, part);
      } catch (e) {
        failure = e as Error;
        // The rest of the body is read and dropped, so the client, still
        // sending, gets the refusal rather than a broken connection.
        part.file.resume();
      }
    }
    if (failure) throw failure;
    if (!stored) throw DomainError.of('UPLOAD_FILE_MISSING', 'no part named "file" in the upload');
    return stored;
  }

  async fileField(projectId: string, key: string): Promise<FileFieldContext> {
    const ctx = await this.fields.resolve(projectId, key);
    if (!ctx) throw DomainError.of('FILE_FIELD_UNKNOWN', { field: key });
    assertFieldOpen(ctx);
    return ctx;
  }

  private async store(actor: Actor, ctx: FileFieldContext, part: MultipartFile) {
    return this.storeStream(actor, ctx, part.file, part.filename, () => part.file.truncated);
  }

  /**
   * Streams `source` through the meter (cap, SHA-256, type sniffed from the
   * first bytes) into storage and records it as the field's next version.
   * Shared by the multipart upload and the last chunk of a resumable one.
   */
  async storeStream(
    actor: Actor,
    ctx: FileFieldContext,
    source: Readable,
    filename: string | undefined,
    truncated: () => boolean = () => false,
  ) {
    const field = ctx.field;
    const meter = meterFor(ctx);
    const id = randomUUID();
    const key = `projects/${ctx.projectId}/${id}`;
    // The client's stream failing (a dropped connection) fails the meter,
    // which fails storage's put: nothing is kept.
    source.on('error', (e) => meter.destroy(e));
    // A refusal (cap, type) fails the meter: the source stops feeding it (a
    // request's rest is drained by upload()), and storage's put, which
    // reported it, was the one listener that mattered.
    meter.on('error', () => source.unpipe(meter));
    source.pipe(meter);
    try {
      await this.storage.put(key, meter);
    } catch (e) {
      source.unpipe(meter);
      throw e;
    }
    // busboy marks a part cut at its own limit (HARD_UPLOAD_CAP).
    if (truncated()) {
      await this.storage.delete(key);
      throw tooLarge(ctx);
    }
    const name = safeFileName(filename || field.key);
    const row = {
      id,
      projectId: ctx.projectId,
      fieldKey: field.key,
      name,
      size: BigInt(meter.bytesSeen),
      sha256: meter.sha256,
      contentType: servedType(meter.sniffed?.mime ?? 'application/octet-stream', name),
      storageKey: key,
      uploadedBy: actor.id,
    };
    try {
      const saved = await this.prisma.$transaction(async (tx) => {
        // One writer per field at a time: versions are numbered without gaps.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`files:${ctx.projectId}:${field.key}`}))`;
        const now = new Date();
        const last = await tx.storedFile.findFirst({
          where: { projectId: ctx.projectId, fieldKey: field.key },
          orderBy: { version: 'desc' },
          select: { version: true },
        });
        await tx.storedFile.updateMany({
          where: { projectId: ctx.projectId, fieldKey: field.key, supersededAt: null },
          data: { supersededAt: now },
        });
        return tx.storedFile.create({
          data: { ...row, version: (last?.version ?? 0) + 1, createdAt: now },
        });
      });
      return fileView(saved, true);
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  // Only the owner changes a project's files; who may see the project but not
  // change it (its organisers, an assigned judge) gets 403, anyone else 404.
  async assertOwner(actor: Actor, projectId: string): Promise<void> {
    const project = await this.fields.project(projectId);
    if (!project) throw DomainError.notFound('project', projectId);
    if (project.ownerId === actor.id) return;
    await this.registration.get(actor, projectId);
    throw DomainError.of('PROJECT_OWNER_ONLY', 'only the project owner may upload its files');
  }
}

/** The meter of a field's upload: its cap, and its accepted types checked on the first bytes. */
export function meterFor(
  ctx: FileFieldContext,
  sniffNow: (m: UploadMeter) => boolean = () => true,
) {
  const field = ctx.field;
  const accept = field.accept?.length ? field.accept : ['pdf' as const];
  const meter: UploadMeter = new UploadMeter(
    fileFieldMaxBytes(field),
    () => tooLarge(ctx),
    (sniffed) => {
      if (!sniffNow(meter)) return;
      if (sniffed.empty) throw DomainError.of('FILE_EMPTY', { field: field.key });
      if (!isAccepted(sniffed.mime, accept))
        throw DomainError.of('FILE_TYPE_NOT_ACCEPTED', {
          field: field.key,
          detected: sniffed.mime,
          accepted: [...accept],
        });
    },
  );
  return meter;
}

/** A file field locked at the project's stage (its `lock` rule) takes no new version. */
export function assertFieldOpen(ctx: FileFieldContext): void {
  if (!isFieldLocked(ctx.field, { status: ctx.status, deadlinePassed: ctx.deadlinePassed })) return;
  throw DomainError.of('FILE_FIELD_LOCKED', {
    ...answerRef(ctx.field),
    field: ctx.field.key,
    lock: lockOf(ctx.field),
  });
}

export function tooLarge(ctx: FileFieldContext): DomainError {
  return DomainError.of('FILE_TOO_LARGE', {
    field: ctx.field.key,
    maxBytes: fileFieldMaxBytes(ctx.field),
  });
}
