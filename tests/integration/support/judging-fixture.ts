import { randomUUID } from 'node:crypto';
import type { Actor, Criterion } from '@app/domain';
import { TestWorld } from './harness';

export const CRITERIA: Criterion[] = [
  { code: 'tech', name: '技术与产品', weight: 0.6, maxScore: 100 },
  { code: 'market', name: '市场前景', weight: 0.4, maxScore: 100 },
];

export interface OpenRound {
  competitionId: string;
  roundId: string;
  judges: string[];
  projects: string[];
  admin: Actor;
}

// A competition with one OPEN round: `judges` judges in its pool, each
// assigned every one of `projects` projects, written straight into the
// migrated tables (the rows the api's round setup leaves behind).
export async function openRound(
  world: TestWorld,
  size: { judges: number; projects: number },
  competitionId?: string,
): Promise<OpenRound> {
  const tag = randomUUID().slice(0, 8);
  const adminId = randomUUID();
  if (!competitionId) {
    competitionId = randomUUID();
    await world.sql(`INSERT INTO users (id, email, name) VALUES ($1, $2, '管理员')`, [
      adminId,
      `admin-${tag}@int.test`,
    ]);
    await world.sql(
      `INSERT INTO competitions (id, name, registration_opens_at, registration_closes_at, created_by_id)
       VALUES ($1, $2, now() - interval '30 days', now() - interval '1 day', $3)`,
      [competitionId, `创新创业大赛 ${tag}`, adminId],
    );
  }
  const stageId = randomUUID();
  const heatId = randomUUID();
  const rubricId = randomUUID();
  const roundId = randomUUID();
  await world.sql(
    `INSERT INTO stages (id, competition_id, code, name, "order")
     VALUES ($1, $2, $3, '初赛', (SELECT coalesce(max("order"), 0) + 1 FROM stages WHERE competition_id = $2))`,
    [stageId, competitionId, `s-${tag}`],
  );
  await world.sql(
    `INSERT INTO heats (id, competition_id, stage_id, name) VALUES ($1, $2, $3, '华南赛区')`,
    [heatId, competitionId, stageId],
  );
  await world.sql(
    `INSERT INTO rubrics (id, competition_id, name, criteria) VALUES ($1, $2, '评分标准', $3)`,
    [rubricId, competitionId, JSON.stringify(CRITERIA)],
  );
  await world.sql(
    `INSERT INTO rounds (id, competition_id, heat_id, heat_name, name, kind, rubric_id, criteria, method, status, opened_at)
     VALUES ($1, $2, $3, '华南赛区', $4, 'ROADSHOW', $5, $6, 'MEAN', 'OPEN', now())`,
    [roundId, competitionId, heatId, `路演 ${tag}`, rubricId, JSON.stringify(CRITERIA)],
  );
  const judges = Array.from({ length: size.judges }, () => randomUUID());
  const projects = Array.from({ length: size.projects }, () => randomUUID());
  const emails = judges.map((_, i) => `judge-${tag}-${i}@int.test`);
  const names = judges.map((_, i) => `评委 ${i + 1}`);
  await world.sql(
    `INSERT INTO users (id, email, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    [judges, emails, names],
  );
  await world.sql(
    `INSERT INTO round_judges (round_id, judge_id, name, email, locale)
     SELECT $1, j, n, e, 'zh-CN' FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(j, n, e)`,
    [roundId, judges, names, emails],
  );
  await world.sql(
    `INSERT INTO round_projects (round_id, project_id, title, organisation_name)
     SELECT $1, p, '项目 ' || i, '某大学' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(p, i)`,
    [roundId, projects],
  );
  await world.sql(
    `INSERT INTO assignments (round_id, judge_id, project_id)
     SELECT $1, j, p FROM unnest($2::uuid[]) j, unnest($3::uuid[]) p`,
    [roundId, judges, projects],
  );
  return { competitionId, roundId, judges, projects, admin: { id: adminId, roles: ['ADMIN'] } };
}
