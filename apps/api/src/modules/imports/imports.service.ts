import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  ImportKind,
  fieldProblem,
  JudgeImportRow,
  ProjectImportContext,
  ProjectImportRow,
} from '@app/domain';
import { Prisma, PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { ProjectImportService } from '../registration/project-import.service';
import {
  ImportJobDto,
  ImportPreviewDto,
  ImportProblemDto,
  ImportQuery,
  ProjectImportQuery,
} from './dto/imports.dto';
import { Analysis, allProblems, analyseSheet, resolveRows } from './import-analysis';
import { ImportRunner } from './import-runner.service';
import { stageImport } from './import-staging';
import { JudgeRosterService } from './judge-roster.service';
import { SheetParser } from './parse/sheet-parser.service';

export interface UploadedSheet {
  fileName: string;
  bytes: Buffer;
}

type JobRow = Prisma.ImportJobGetPayload<object>;

@Injectable()
export class ImportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
    private readonly projects: ProjectImportService,
    private readonly roster: JudgeRosterService,
    private readonly runner: ImportRunner,
    private readonly parser: SheetParser,
  ) {}

  // The dry run: every row's outcome and every problem, nothing written.
  // File names of a set of imports, for pages that name what they list (the audit log).
  async fileNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.importJob.findMany({
      where: { id: { in: ids } },
      select: { id: true, fileName: true },
    });
    return new Map(rows.map((r) => [r.id, r.fileName]));
  }

  async preview(
    actor: Actor,
    competitionId: string,
    kind: ImportKind,
    file: UploadedSheet,
    query: ImportQuery | ProjectImportQuery,
  ): Promise<ImportPreviewDto> {
    await this.competitions.assertCanManage(actor, competitionId);
    const { sheet, analysis } = await this.analyse(competitionId, kind, file, query);
    const count = (a: string) => analysis.rows.filter((r) => r.action === a).length;
    return {
      dryRun: true,
      kind,
      fileName: file.fileName,
      format: sheet.format,
      encoding: sheet.encoding,
      headerRow: sheet.headerRowNumber,
      columns: analysis.mapping.columns.map(({ column, header, field }) => ({
        column,
        header,
        field,
      })),
      ignoredColumns: analysis.mapping.ignored,
      total: sheet.rows.length,
      summary: {
        created: count('CREATED'),
        added: count('ADDED'),
        updated: count('UPDATED'),
        unchanged: count('UNCHANGED'),
        invalid: analysis.fileProblems.length ? sheet.rows.length : count('INVALID'),
        invitations: analysis.rows.filter((r) => r.invites).length,
      },
      problems: allProblems(analysis),
      rows: analysis.rows.map(({ row, key, action, invites }) => ({ row, key, action, invites })),
    };
  }

  // Stores the rows and hands them to the runner; any problem refuses the
  // whole file (422 listing them) unless skipInvalidRows leaves those rows out.
  async start(
    actor: Actor,
    competitionId: string,
    kind: ImportKind,
    file: UploadedSheet,
    query: ImportQuery | ProjectImportQuery,
  ): Promise<ImportJobDto> {
    await this.competitions.assertCanManage(actor, competitionId);
    const { sheet, analysis } = await this.analyse(competitionId, kind, file, query);
    const problems = allProblems(analysis);
    if (!sheet.rows.length)
      throw DomainError.of('IMPORT_NO_ROWS', 'the file has a header but no rows to import', [
        fieldProblem('file', 'IMPORT_NO_ROWS', 'no data rows'),
      ]);
    if (analysis.fileProblems.length || (problems.length && !query.skipInvalidRows)) {
      throw DomainError.of(
        'IMPORT_HAS_PROBLEMS',
        { problems: problems.length },
        `${problems.length} problem(s) in the file; nothing was imported. Fix them (see the dry run) or pass skipInvalidRows=true`,
        problems.map((p) =>
          fieldProblem(
            p.row ? `row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.field}` : p.field,
            'IMPORT_ROW_PROBLEM',
            `${p.message} / ${p.messageZh}`,
            { row: p.row, column: p.column, messageEn: p.message, messageZh: p.messageZh },
          ),
        ),
      );
    }
    const job = await this.prisma.$transaction((tx) =>
      stageImport(tx, {
        competitionId,
        kind,
        fileName: file.fileName,
        bytes: file.bytes,
        sheet,
        analysis,
        createdById: actor.id,
        heatId: (query as ProjectImportQuery).heatId ?? null,
      }),
    );
    this.runner.kick();
    return this.view(
      job,
      analysis.rows.flatMap((r) => r.problems),
    );
  }

  async get(actor: Actor, importId: string): Promise<ImportJobDto> {
    const job = await this.prisma.importJob.findUnique({ where: { id: importId } });
    if (!job) throw DomainError.notFound('import', importId);
    await this.competitions.assertCanManage(actor, job.competitionId, {
      resource: 'import',
      id: importId,
    });
    const failed = await this.prisma.importRow.findMany({
      where: { importId, status: { in: ['FAILED', 'SKIPPED'] } },
      orderBy: { rowNumber: 'asc' },
      select: { errors: true },
    });
    return this.view(
      job,
      failed.flatMap((r) => (r.errors ?? []) as unknown as ImportProblemDto[]),
    );
  }

  async list(actor: Actor, competitionId: string): Promise<ImportJobDto[]> {
    await this.competitions.assertCanManage(actor, competitionId);
    const jobs = await this.prisma.importJob.findMany({
      where: { competitionId },
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
    return jobs.map((j) => this.view(j, null));
  }

  async judgeList(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    return this.roster.list(competitionId);
  }

  private async analyse(
    competitionId: string,
    kind: ImportKind,
    file: UploadedSheet,
    query: ImportQuery | ProjectImportQuery,
  ) {
    const context =
      kind === 'PROJECTS' ? await this.projectContext(competitionId, query) : undefined;
    const sheet = await this.parser.parse(file.bytes, file.fileName);
    const analysis = analyseSheet(kind, sheet, context);
    await this.resolve(competitionId, kind, analysis);
    return { sheet, analysis };
  }

  private async resolve(competitionId: string, kind: ImportKind, analysis: Analysis) {
    const valid = analysis.rows.filter((r) => r.values).map((r) => r.values!);
    if (kind === 'JUDGES') {
      const roster = await this.roster.byEmail(
        competitionId,
        (valid as JudgeImportRow[]).map((r) => r.email),
      );
      resolveRows(kind, analysis, {
        rosterChange: (row) => JudgeRosterService.changeFor(roster.get(row.email), row),
      });
    } else {
      const refs = await this.projects.existingRefs(
        competitionId,
        (valid as ProjectImportRow[]).map((r) => r.importRef),
      );
      resolveRows(kind, analysis, { importedRefs: new Set(refs.keys()) });
    }
  }

  private async projectContext(
    competitionId: string,
    query: ProjectImportQuery,
  ): Promise<ProjectImportContext> {
    const competition = await this.competitions.get(competitionId);
    const firstStage = competition.stages[0]?.code;
    const heats = (await this.competitions.listHeats(competitionId)).filter(
      (h) => h.stageCode === firstStage,
    );
    if (query.heatId && !heats.some((h) => h.id === query.heatId))
      throw DomainError.of(
        'IMPORT_HEAT_NOT_ENTRY',
        'heatId must be a first-stage heat of this competition',
        [
          fieldProblem(
            'heatId',
            'IMPORT_HEAT_NOT_ENTRY',
            'not a first-stage heat of this competition',
          ),
        ],
      );
    return {
      tracks: competition.tracks,
      heats: heats.map((h) => ({ id: h.id, name: h.name })),
      defaultHeatId: query.heatId,
      timeZone: competition.timeZone,
    };
  }

  private view(job: JobRow, errors: ImportProblemDto[] | null): ImportJobDto {
    return {
      id: job.id,
      competitionId: job.competitionId,
      kind: job.kind,
      status: job.status,
      fileName: job.fileName,
      format: job.format,
      encoding: job.encoding,
      total: job.total,
      processed: job.processed,
      created: job.created,
      added: job.added,
      updated: job.updated,
      unchanged: job.unchanged,
      failed: job.failed,
      skipped: job.skipped,
      errors: errors ?? [],
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
