import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import pLimit from 'p-limit';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { Actor, DomainError, fieldsForJudge, hasRole, isInline, safeFileName } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';
import { JudgeAccessService, JudgeMaterialsAccess } from '../judging/judge-access.service';
import { FILE_FIELD_RESOLVER, FileFieldResolver, FileProject } from './file-field-resolver';
import { StoredFileRow, fileView } from './file-view';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';
import { parseRange } from './byte-range';
import { WatermarkFont, findWatermarkFont, watermarkPdf } from './watermark';

export interface ServedFile {
  body: Readable | Buffer;
  /** Bytes in `body`. */
  length: number;
  name: string;
  contentType: string;
  inline: boolean;
  /** Served as stored (ranges allowed, ETag = its SHA-256); false for a watermarked copy. */
  ranges: boolean;
  /** The file's whole size, and the part of it in `body` when a Range was asked. */
  size: number;
  range: { start: number; end: number } | null;
  etag: string | null;
}

type Reader =
  | { as: 'owner' | 'organiser'; project: FileProject }
  | { as: 'judge'; project: FileProject; rounds: JudgeMaterialsAccess[] };

// Which version a judge sees: the one current when the round opened, the
// same for every judge of the round. Resolved from the rows' times rather
// than a snapshot per round: versions are never deleted and a replacement
// sets superseded_at to its own created_at in one transaction, so "created
// at or before the opening and not superseded by then" names exactly one
// version per field, with no copy to keep in step.
const frozenAt = (openedAt: Date) => ({
  createdAt: { lte: openedAt },
  OR: [{ supersededAt: null }, { supersededAt: { gt: openedAt } }],
});

// GET /files/:id, GET /projects/:id/files and a heat's ZIP: who may read
// what is checked on every request: the owner and the competition's
// organisers read every version; a judge assigned to the project in an OPEN
// round reads the versions frozen at its opening, watermarked; anyone else
// is told the file does not exist.
@Injectable()
export class FileReadsService {
  private readonly font: WatermarkFont;
  private readonly stamping: ReturnType<typeof pLimit>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly judgeAccess: JudgeAccessService,
    @Inject(FILE_FIELD_RESOLVER) private readonly fields: FileFieldResolver,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.font = findWatermarkFont(config.WATERMARK_FONT);
    this.stamping = pLimit(config.WATERMARK_CONCURRENCY);
  }

  async list(actor: Actor, projectId: string) {
    const reader = await this.reader(actor, projectId);
    if (!reader) throw DomainError.notFound('project', projectId);
    const fileFields = await this.fields.fileFields(reader.project.competitionId);
    const labels = new Map(fileFields.map((f) => [f.key, f.label]));
    // A judge gets the fields the round shows (blind: no identity files, the
    // anonymised BP instead of the named one).
    const where =
      reader.as === 'judge'
        ? {
            projectId,
            ...frozenAt(reader.rounds[0].openedAt),
            fieldKey: { in: fieldsForJudge(fileFields, reader.rounds[0].blind).map((f) => f.key) },
          }
        : { projectId };
    const rows = await this.prisma.storedFile.findMany({
      where,
      orderBy: [{ fieldKey: 'asc' }, { version: 'desc' }],
    });
    return {
      items: rows.map((r) => ({
        ...fileView(r, reader.as === 'judge' || r.supersededAt === null),
        label: labels.get(r.fieldKey) ?? null,
      })),
      viewOnly: reader.as === 'judge' && reader.rounds[0].viewOnly,
    };
  }

  async open(
    actor: Actor,
    fileId: string,
    download: boolean,
    rangeHeader?: string,
    ifRange?: string,
  ): Promise<ServedFile> {
    const row = await this.prisma.storedFile.findUnique({ where: { id: fileId } });
    if (!row) throw DomainError.notFound('file', fileId);
    const reader = await this.reader(actor, row.projectId);
    if (!reader) throw DomainError.notFound('file', fileId);
    const inline = isInline(row.contentType);
    // The stored bytes as they are: a Range is honoured (a video seeks, a
    // phone reads a large PDF a part at a time). If-Range with another ETag
    // (the file changed? a version never does) sends it all.
    const asStored = async (): Promise<ServedFile> => {
      const size = Number(row.size);
      const etag = `"${row.sha256}"`;
      const asked = ifRange && ifRange !== etag ? null : parseRange(rangeHeader, size);
      if (asked === 'unsatisfiable') throw DomainError.of('FILE_RANGE_NOT_SATISFIABLE', { size });
      return {
        body: await this.storage.get(row.storageKey, asked ?? undefined),
        length: asked ? asked.end - asked.start + 1 : size,
        name: row.name,
        contentType: row.contentType,
        inline: inline && !download,
        ranges: true,
        size,
        range: asked,
        etag,
      };
    };
    if (reader.as !== 'judge') return asStored();
    const fileFields = await this.fields.fileFields(reader.project.competitionId);
    const round = reader.rounds.find(
      (r) =>
        isFrozenVersion(row, r.openedAt) &&
        fieldsForJudge(fileFields, r.blind).some((f) => f.key === row.fieldKey),
    );
    if (!round) throw DomainError.notFound('file', fileId);
    // View only: read in the viewer; a file the viewer cannot show is not handed out.
    if (round.viewOnly && (download || !inline)) throw DomainError.of('FILE_VIEW_ONLY');
    if (row.contentType !== 'application/pdf') return asStored();
    // A judge's PDF is stamped afresh on each request (the judge's name and
    // the time): two requests give different bytes, so ranges of it would not
    // fit together. It is served whole (Accept-Ranges: none); pdf.js then
    // reads it in one go and renders page by page.
    const project = reader.project;
    const stamped = await this.stamping(async () => {
      const bytes = await readAll(await this.storage.get(row.storageKey));
      return watermarkPdf(
        bytes,
        {
          judgeName: round.judgeName,
          judgeEmail: round.judgeEmail,
          at: new Date(),
          timeZone: project.timeZone,
        },
        this.font,
      );
    });
    const body = Buffer.from(stamped.buffer, stamped.byteOffset, stamped.byteLength);
    return {
      body,
      length: body.length,
      name: row.name,
      contentType: row.contentType,
      inline: !download,
      ranges: false,
      size: body.length,
      range: null,
      etag: null,
    };
  }

  // A heat's current files, for its ZIP: entries named by project.
  async heatFiles(actor: Actor, heatId: string, fieldKey?: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const projects = await this.fields.projectsOfHeat(heatId);
    const labels = new Map(
      (await this.fields.fileFields(heat.competitionId)).map((f) => [f.key, f.label.zh || f.key]),
    );
    const rows = await this.prisma.storedFile.findMany({
      where: {
        projectId: { in: projects.map((p) => p.id) },
        supersededAt: null,
        ...(fieldKey ? { fieldKey } : {}),
      },
      orderBy: [{ fieldKey: 'asc' }],
    });
    const titles = new Map(
      projects.map((p, i) => [
        p.id,
        `${String(i + 1).padStart(3, '0')}-${safeFileName(p.title, 'project')}`,
      ]),
    );
    const entries = projects.flatMap((p) =>
      rows
        .filter((r) => r.projectId === p.id)
        .map((r) => ({
          path: `${titles.get(p.id)}/${safeFileName(labels.get(r.fieldKey) ?? r.fieldKey)}-${r.name}`,
          storageKey: r.storageKey,
          size: Number(r.size),
        })),
    );
    return { heatName: heat.name, entries, open: (key: string) => this.storage.get(key) };
  }

  private async reader(actor: Actor, projectId: string): Promise<Reader | null> {
    const project = await this.fields.project(projectId);
    if (!project) return null;
    if (project.ownerId === actor.id) return { as: 'owner', project };
    if (hasRole(actor, 'ADMIN', 'ORGANISER')) {
      const managed = await this.competitions.managedCompetitionIds(actor);
      if (managed === 'all' || managed.includes(project.competitionId))
        return { as: 'organiser', project };
    }
    if (hasRole(actor, 'JUDGE')) {
      const rounds = await this.judgeAccess.openRoundsFor(actor.id, projectId);
      if (rounds.length) return { as: 'judge', project, rounds };
    }
    return null;
  }
}

export function isFrozenVersion(row: StoredFileRow, openedAt: Date): boolean {
  return row.createdAt <= openedAt && (row.supersededAt === null || row.supersededAt > openedAt);
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
