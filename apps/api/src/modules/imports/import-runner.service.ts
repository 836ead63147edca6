import {
  HttpException,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Actor, DomainError, JudgeImportRow, ProjectImportRow } from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { EventPayloads } from '@app/events';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService, UserView } from '../identity/identity.service';
import {
  ProjectImportService,
  canOwnImportedProject,
} from '../registration/project-import.service';
import type { ImportProblemDto } from './dto/imports.dto';
import { JudgeRosterService } from './judge-roster.service';

const POLL_MS = 1000;
// A runner renews its lease (IMPORT_LEASE_MS) after every chunk; a dead one's
// job is taken over once the lease has run out.
const CHUNK = 25;
const PARALLEL_ROWS = 4;
// After an unexpected error (database down) the job rests this long.
const BACKOFF_MS = 5_000;

type Outcome = {
  status: 'CREATED' | 'ADDED' | 'UPDATED' | 'UNCHANGED' | 'FAILED';
  entityId: string | null;
  error?: string;
};

type Job = Prisma.ImportJobGetPayload<object>;

// Who runs the import's rows, and the names its mails give.
interface RunContext {
  actor: Actor;
  organiserName: string;
  competitionName: string;
}

// Runs `fn` over `items`, at most `limit` at a time; the first error is thrown
// after the ones already started have settled.
async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  const results = await Promise.allSettled(lanes);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

// Works through stored import rows in the api process, in chunks, under a
// lease on the job row. Why here and not in the worker: each row's effect is
// another module's service (identity invites a judge, registration creates a
// project), and those live in the api. Why it survives a crash: every row is
// in the database before the upload is answered, the lease hands an abandoned
// job to the next runner, and each row's effect is idempotent by email or
// import reference, so a row redone after a crash finds its effect and
// changes nothing (it is then counted UNCHANGED).
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly id = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;
  private readonly leaseSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
    private readonly projects: ProjectImportService,
    private readonly roster: JudgeRosterService,
    private readonly competitions: CompetitionsService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('ImportRunner');
    this.leaseSeconds = config.IMPORT_LEASE_MS / 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.running || this.stopping) return;
    this.running = this.drain()
      .catch((err) => this.logger.warn({ err: String(err) }, 'import runner failed; retrying'))
      .finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    let jobId: string | null;
    while (!this.stopping && (jobId = await this.claim())) {
      try {
        await this.run(jobId);
      } catch (err) {
        this.logger.warn({ importId: jobId, err: String(err) }, 'import paused after an error');
        await this.release(jobId, BACKOFF_MS);
        return;
      }
    }
  }

  private async claim(): Promise<string | null> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE import_jobs SET status = 'RUNNING', claimed_by = ${this.id},
             claimed_until = now() + make_interval(secs => ${this.leaseSeconds}),
             started_at = coalesce(started_at, now())
       WHERE id = (SELECT id FROM import_jobs
                    WHERE status IN ('PENDING', 'RUNNING')
                      AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  // Extends the lease if this runner still holds it.
  private async renew(jobId: string): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE import_jobs SET claimed_until = now() + make_interval(secs => ${this.leaseSeconds})
       WHERE id = ${jobId}::uuid AND claimed_by = ${this.id} AND status = 'RUNNING'`;
    return n === 1;
  }

  private async release(jobId: string, afterMs = 0): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE import_jobs SET claimed_until = now() + make_interval(secs => ${afterMs / 1000})
       WHERE id = ${jobId}::uuid AND claimed_by = ${this.id}`;
  }

  private async run(jobId: string): Promise<void> {
    const job = await this.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    const context = await this.contextOf(job);
    for (;;) {
      if (this.stopping) return this.release(jobId);
      if (!(await this.renew(jobId))) return;
      const rows = await this.prisma.importRow.findMany({
        where: { importId: jobId, status: 'PENDING' },
        orderBy: { rowNumber: 'asc' },
        take: CHUNK,
      });
      if (!rows.length) return this.finish(job);
      // Rows of one file never share a key (the analysis refuses duplicates),
      // so a few run at once; a contact shared by two project rows is settled
      // by identity's unique email (the loser finds the winner's account).
      await inParallel(rows, PARALLEL_ROWS, async (row) => {
        const outcome = await this.apply(job, context, row.data);
        await this.record(job, row.rowNumber, row.key, outcome);
      });
    }
  }

  // The organiser who started the import, or null only when that account is
  // really gone (then every remaining row fails, saying so). Any other error
  // (the database went away for a moment) is thrown: the job pauses under its
  // lease with its rows PENDING and is taken up again after BACKOFF_MS.
  private async contextOf(job: Job): Promise<RunContext | null> {
    let user: UserView;
    try {
      user = await this.identity.me(job.createdById);
    } catch (e) {
      if (DomainError.isNotFound(e)) return null;
      throw e;
    }
    const competition = await this.competitions.get(job.competitionId);
    return {
      actor: { id: user.id, roles: user.roles },
      organiserName: user.name,
      competitionName: competition.name,
    };
  }

  private named(
    context: RunContext,
    account: UserView,
    role: 'JUDGE' | 'PROJECT_CONTACT',
    projectTitle: string | null,
  ): EventPayloads['imports.account-named'] {
    return {
      competitionName: context.competitionName,
      organiserName: context.organiserName,
      account: {
        userId: account.id,
        email: account.email,
        name: account.name,
        locale: account.locale,
      },
      role,
      projectTitle,
    };
  }

  private async apply(job: Job, context: RunContext | null, data: unknown): Promise<Outcome> {
    if (!context)
      return { status: 'FAILED', entityId: null, error: 'the importing account no longer exists' };
    try {
      return job.kind === 'JUDGES'
        ? await this.applyJudge(job, context, data as JudgeImportRow)
        : await this.applyProject(job, context, data as ProjectImportRow);
    } catch (e) {
      // A refusal by a module's rules fails the row; anything else (the
      // database went away) pauses the job for a retry.
      if (e instanceof DomainError || (e instanceof HttpException && e.getStatus() < 500))
        return { status: 'FAILED', entityId: null, error: e.message };
      throw e;
    }
  }

  private async account(
    email: string,
    create: () => Promise<UserView>,
  ): Promise<{ user: UserView; created: boolean }> {
    const [existing] = await this.identity.findByEmails([email]);
    if (existing) return { user: existing, created: false };
    try {
      return { user: await create(), created: true };
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'EMAIL_TAKEN')) throw e;
      const [raced] = await this.identity.findByEmails([email]);
      if (!raced) throw e;
      return { user: raced, created: false };
    }
  }

  // A new address gets a judge account and an invitation; an existing account
  // is put on the list as it is (its roles and password untouched, no new
  // link) and told by mail. The outcome is the list's change either way, so
  // an import never tells an organiser whether an address had an account.
  private async applyJudge(job: Job, context: RunContext, row: JudgeImportRow): Promise<Outcome> {
    const { user, created } = await this.account(row.email, () =>
      this.identity.createUser(context.actor, {
        email: row.email,
        name: row.name,
        roles: ['JUDGE'],
        affiliation: row.affiliation ?? undefined,
      }),
    );
    const named = created ? undefined : this.named(context, user, 'JUDGE', null);
    const change = await this.roster.put(job.competitionId, user.id, row, job.id, named);
    return { status: change, entityId: user.id };
  }

  // A new contact address gets an applicant account and an invitation; an
  // existing applicant's account gets the project and a mail saying so; any
  // other account (staff, judge-only) is never given a project: the row fails.
  private async applyProject(
    job: Job,
    context: RunContext,
    row: ProjectImportRow,
  ): Promise<Outcome> {
    const existing = await this.projects.existingRefs(job.competitionId, [row.importRef]);
    if (existing.has(row.importRef))
      return { status: 'UNCHANGED', entityId: existing.get(row.importRef)! };
    const { user, created } = await this.account(row.contact.email, () =>
      this.identity.inviteApplicant(context.actor, {
        email: row.contact.email,
        name: row.contact.name,
      }),
    );
    if (!created && !canOwnImportedProject(user.roles))
      return {
        status: 'FAILED',
        entityId: null,
        error: `the contact address ${row.contact.email} cannot own an imported project; give the team's own address`,
      };
    const named = created ? undefined : this.named(context, user, 'PROJECT_CONTACT', row.title);
    const { projectId, created: made } = await this.projects.createImported(
      job.competitionId,
      user.id,
      row,
      named,
    );
    return { status: made ? 'CREATED' : 'UNCHANGED', entityId: projectId };
  }

  // The row's outcome and the job's counters move together, and only once:
  // a row another runner already recorded is left as it is.
  private async record(job: Job, rowNumber: number, key: string, outcome: Outcome) {
    const counter = outcome.status.toLowerCase() as
      'created' | 'added' | 'updated' | 'unchanged' | 'failed';
    const errors: ImportProblemDto[] | undefined = outcome.error
      ? [
          {
            row: rowNumber,
            column: null,
            header: null,
            field: key,
            message: outcome.error,
            messageZh: `导入失败：${outcome.error}`,
          },
        ]
      : undefined;
    await this.prisma.$transaction(async (tx) => {
      const marked = await tx.importRow.updateMany({
        where: { importId: job.id, rowNumber, status: 'PENDING' },
        data: {
          status: outcome.status,
          entityId: outcome.entityId,
          ...(errors ? { errors: errors as unknown as Prisma.InputJsonValue } : {}),
        },
      });
      if (marked.count !== 1) return;
      await tx.importJob.update({
        where: { id: job.id },
        data: { processed: { increment: 1 }, [counter]: { increment: 1 } },
      });
    });
  }

  private async finish(job: Job): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const done = await tx.importJob.updateManyAndReturn({
        where: { id: job.id, claimedBy: this.id, status: 'RUNNING' },
        data: { status: 'COMPLETED', finishedAt: new Date(), claimedBy: null, claimedUntil: null },
      });
      if (done.length !== 1) return;
      const j = done[0];
      await appendAudit(tx, {
        competitionId: j.competitionId,
        actorId: j.createdById,
        action: j.kind === 'JUDGES' ? 'import.judges' : 'import.projects',
        entityType: 'import',
        entityId: j.id,
        reason: null,
        data: {
          fileName: j.fileName,
          fileSha256: j.fileSha256,
          total: j.total,
          created: j.created,
          added: j.added,
          updated: j.updated,
          unchanged: j.unchanged,
          failed: j.failed,
          skipped: j.skipped,
        },
      });
    });
    this.logger.info({ importId: job.id }, 'import completed');
  }
}
