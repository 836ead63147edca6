import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Each table has one owning context; only the owner's code queries it (Prisma
// delegates and SQL alike). Another context asks the owner's exported
// service. The map lists no exception: a foreign table found here is fixed in
// the code. Read from the source: apps/api/src/modules/<context>/ and the
// context's repository in libs/database (libs/database/src/<context>.repository.ts).
const root = join(__dirname, '..', '..');
const MODULES = join(root, 'apps/api/src/modules');

const OWNERS: Record<string, string[]> = {
  identity: ['users', 'invitations', 'sign_in_passes'],
  competitions: ['competitions', 'competition_organisers', 'tracks', 'stages', 'heats', 'rubrics'],
  registration: ['projects', 'eligibility_releases', 'registration_forms'],
  files: ['stored_files', 'upload_sessions'],
  judging: [
    'rounds',
    'round_judges',
    'round_projects',
    'conflicts',
    'assignments',
    'scores',
    'rankings',
    'screen_tickets',
    'round_roadshow_settings',
    'pitch_timer_actions',
    'project_reveals',
    'round_check_ins',
    'score_sheet_signatures',
    'result_confirmations',
    'round_objections',
    'round_absences',
    'round_check_in_codes',
    'competition_pledges',
    'pledge_acceptances',
    'double_mark_arbitrations',
    'competition_supervisors',
    'supervisor_notes',
    'round_meeting_links',
    'round_room_plans',
    'round_room_stages',
  ],
  heats: [
    'heat_advancements',
    'heat_advancement_rules',
    'advancement_results',
    'result_releases',
    'award_tiers',
    'awards',
  ],
  signing: ['signings', 'signing_transitions'],
  'due-process': [
    'due_process_settings',
    'publicities',
    'publicity_entries',
    'objections',
    'objection_evidence',
    'appeals',
    'place_offers',
    'diligence_checks',
    'place_withdrawals',
  ],
  imports: ['import_jobs', 'import_rows', 'competition_judges'],
  experts: ['experts', 'expert_draws', 'expert_invitations'],
  notifications: ['notifications'],
  // Contexts that compose others and own no table.
  accounts: [],
  exports: [],
  health: [],
  reports: [],
  record: [],
};

// Written by every context inside its own transaction, read by the platform:
// the outbox (each decision's events commit with it) and the audit log (each
// decision's record). The worker's inbox and the idempotency keys belong to
// the shared layer (libs, apps/api/src/common), not to a context.
const SHARED = [
  'outbox_events',
  'audit_log',
  'audit_chain_heads',
  'processed_events',
  'idempotency_keys',
];

const PRISMA_METHODS =
  'findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy';

/** Prisma delegate (`roundJudge`) → table (`round_judges`), from schema.prisma. */
function schemaTables(): Map<string, string> {
  const schema = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
  const delegates = new Map<string, string>();
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(body)?.[1] ?? model;
    delegates.set(model[0].toLowerCase() + model.slice(1), table);
  }
  return delegates;
}

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

function sourcesOf(context: string): string[] {
  const files = walk(join(MODULES, context));
  const repository = join(root, 'libs/database/src', `${context}.repository.ts`);
  if (statSync(repository, { throwIfNoEntry: false })?.isFile()) files.push(repository);
  return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
}

/** The tables some source text queries, with the line that does it. */
function tablesIn(source: string, delegates: Map<string, string>) {
  const tables = new Set(delegates.values());
  const lines = source.split('\n');
  const at = (index: number) => {
    const line = source.slice(0, index).split('\n').length;
    return { line, text: lines[line - 1].trim() };
  };
  const found: { table: string; line: number; text: string }[] = [];
  // A delegate call, also when Prettier breaks the chain over lines.
  const prisma = new RegExp(`\\.(\\w+)\\s*\\.\\s*(?:${PRISMA_METHODS})\\s*\\(`, 'g');
  for (const m of source.matchAll(prisma)) {
    const table = delegates.get(m[1]);
    if (table) found.push({ table, ...at(m.index + 1) });
  }
  // SQL keywords are upper case in this code base; prose in comments is not.
  for (const m of source.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?(\w+)"?/g))
    if (tables.has(m[1])) found.push({ table: m[1], ...at(m.index) });
  return found;
}

const tablesQueried = (file: string, delegates: Map<string, string>) =>
  tablesIn(readFileSync(file, 'utf8'), delegates);

describe('table ownership', () => {
  const delegates = schemaTables();
  const tables = [...new Set(delegates.values())].sort();

  it('gives every table of the schema exactly one owner (or the shared layer)', () => {
    const owned = [...Object.values(OWNERS).flat(), ...SHARED].sort();
    expect(owned).toEqual(tables);
  });

  it('knows every context folder', () => {
    const contexts = readdirSync(MODULES).filter((d) => statSync(join(MODULES, d)).isDirectory());
    expect(contexts.sort()).toEqual(Object.keys(OWNERS).sort());
  });

  it('finds the queries it looks for (the scan is not blind)', () => {
    const judging = sourcesOf('judging').flatMap((f) => tablesQueried(f, delegates));
    expect(judging.map((q) => q.table)).toEqual(
      expect.arrayContaining(['rounds', 'scores', 'assignments']),
    );
    const tables = (text: string) => tablesIn(text, delegates).map((q) => q.table);
    expect(tables('await tx.competition.update({ where: { id }, data: patch });')).toEqual([
      'competitions',
    ]);
    expect(tables('this.prisma.roundJudge\n  .findMany({})')).toEqual(['round_judges']);
    expect(tables('const n = await this.prisma.roundJudge.count({ where });')).toEqual([
      'round_judges',
    ]);
    expect(
      tables('SELECT r.competition_id FROM rounds r JOIN heats h ON h.id = r.heat_id'),
    ).toEqual(['rounds', 'heats']);
    expect(tables('INSERT INTO "awards" (id) VALUES ($1)')).toEqual(['awards']);
    expect(tables('// the judge reads from rounds and heats')).toEqual([]);
  });

  it('lets each context query only its own tables and the shared ones', () => {
    const foreign: string[] = [];
    for (const [context, own] of Object.entries(OWNERS))
      for (const file of sourcesOf(context))
        for (const q of tablesQueried(file, delegates))
          if (!own.includes(q.table) && !SHARED.includes(q.table)) {
            const owner = Object.entries(OWNERS).find(([, t]) => t.includes(q.table))?.[0];
            foreign.push(
              `${relative(root, file)}:${q.line} (${context}) queries ${q.table}, owned by ${owner}: ${q.text}`,
            );
          }
    expect(foreign).toEqual([]);
  });
});
