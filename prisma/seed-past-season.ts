// Last season (第三届), finished, so a newcomer sees a final with its awards:
// eight finalists scored by the demo judges in a closed roadshow round, the
// award tiers assigned down the final's standings and released. The ranking
// comes from the scoring rules (libs/domain), and the standings, the award
// plan and every row the assignment writes come from the very functions the
// api runs for GET /heats/:id/standings and POST /heats/:id/awards.
import { Prisma, Project, User } from '../libs/database/src/generated/prisma/client';
import {
  planFinalAwards,
  recordAwards,
  writeAwardTiers,
} from '../apps/api/src/modules/heats/heats.public';
import { heatStandings } from '../apps/api/src/modules/judging/judging.public';
import {
  applyFinalOutcome,
  finalistsOf,
} from '../apps/api/src/modules/registration/registration.public';
import { seedReleases } from './seed-releases';
import { seedScoredRound } from './seed-scored-round';

export const PAST_COMPETITION = '第三届中国江阴（高新区）创新创业大赛（演示）';
export const PAST_AWARD_TIERS = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 2 },
  { name: '三等奖', count: 3 },
];

const day = 86400000;

// [owner, title, track, organisation, base mark]: distinct enough that no two
// finalists tie at a tier boundary (the seed refuses a plan with a tie).
const FINALISTS: [string, string, string, string, number][] = [
  ['刘洋', '车规级毫米波雷达芯片', 'IOT', '江阴芯感微电子有限公司', 92],
  ['黄蕾', '高通量单细胞测序仪', 'LIFE_HEALTH', '无锡序康生物科技有限公司', 89],
  ['何军', '光伏组件智能清洗机器人', 'AI', '江阴光洁智能装备有限公司', 86],
  ['林晓', '工业大模型质检平台', 'AI', '苏州慧检数据科技有限公司', 83],
  ['高峰', '固态电池电解质材料', 'BIG_DATA', '江阴锂源新材料有限公司', 80],
  ['罗敏', '城市地下管网数字孪生', 'BIG_DATA', '南京管智信息技术有限公司', 77],
  ['梁宇', '康复外骨骼机器人', 'LIFE_HEALTH', '上海步康医疗器械有限公司', 74],
  ['宋佳', '冷链物联网追溯标签', 'IOT', '江阴冷链通科技有限公司', 71],
];

export async function seedPastSeason(
  tx: Prisma.TransactionClient,
  s: { organiserId: string; judges: User[]; passwordHash: string; now: number },
): Promise<void> {
  const at = (daysAgo: number) => new Date(s.now - daysAgo * day);
  const competition = await tx.competition.create({
    data: {
      name: PAST_COMPETITION,
      registrationOpensAt: at(420),
      registrationClosesAt: at(380),
      createdAt: at(430),
      createdById: s.organiserId,
      organisers: { create: [{ userId: s.organiserId }] },
      tracks: {
        create: [
          { code: 'LIFE_HEALTH', name: '生命健康' },
          { code: 'IOT', name: '物联网' },
          { code: 'BIG_DATA', name: '大数据' },
          { code: 'AI', name: '人工智能' },
        ],
      },
      // Only the final is kept in the demo: its finalists register into it.
      stages: { create: [{ code: 'FINAL', name: '总决赛', order: 1 }] },
    },
    include: { stages: true },
  });
  const final = await tx.heat.create({
    data: {
      competitionId: competition.id,
      stageId: competition.stages[0].id,
      name: '总决赛',
      city: '江阴',
      venue: '江阴国际会展中心',
      startsAt: at(340),
    },
  });
  const criteria = [
    { code: 'TECH', name: '技术与产品', weight: 0.3, maxScore: 100 },
    { code: 'BUSINESS', name: '商业模式', weight: 0.2, maxScore: 100 },
    { code: 'MARKET', name: '行业与市场', weight: 0.2, maxScore: 100 },
    { code: 'TEAM', name: '团队', weight: 0.2, maxScore: 100 },
    { code: 'FIT', name: '产业契合度', weight: 0.1, maxScore: 100 },
  ];
  const rubric = await tx.rubric.create({
    data: { competitionId: competition.id, name: '总决赛评分标准', criteria },
  });

  const projects: Project[] = [];
  for (const [i, [name, title, trackCode, org]] of FINALISTS.entries()) {
    const owner = await tx.user.create({
      data: {
        email: `finalist${i + 1}@demo.local`,
        name,
        roles: ['APPLICANT'],
        passwordHash: s.passwordHash,
        createdAt: at(425),
      },
    });
    projects.push(
      await tx.project.create({
        data: {
          competitionId: competition.id,
          ownerId: owner.id,
          heatId: final.id,
          trackCode,
          title,
          summary: `${title}：项目简介（演示数据）。`,
          organisation: { name: org, city: org.slice(0, 2) },
          organisationName: org,
          team: [{ name, role: 'CEO' }],
          status: 'ELIGIBLE',
          submittedAt: at(385),
          reviewedAt: at(375),
          reviewedById: s.organiserId,
          createdAt: at(400),
        },
      }),
    );
  }

  const round = await tx.round.create({
    data: {
      competitionId: competition.id,
      heatId: final.id,
      heatName: final.name,
      name: '总决赛路演',
      kind: 'ROADSHOW',
      rubricId: rubric.id,
      criteria,
      method: 'TRIMMED_MEAN',
      trim: 1,
      status: 'CLOSED',
      createdAt: at(345),
      openedAt: at(340),
      closedAt: new Date(at(340).getTime() + 6 * 3600000),
    },
  });
  await seedScoredRound(
    tx,
    round,
    criteria,
    s.judges,
    projects,
    { assignedAt: at(342), submittedAt: at(340), computedAt: round.closedAt! },
    (ji, pi) => FINALISTS[pi][4] + ((ji * 7 + pi * 3) % 5) - 2,
  );

  // The organiser's steps, through the api's own functions.
  const tiers = await writeAwardTiers(tx, final, s.organiserId, PAST_AWARD_TIERS);
  const standings = await heatStandings(tx, final.id);
  if (!standings.final) throw new Error('past season: the final’s standings are not settled');
  const plan = planFinalAwards(tiers, standings.entries, await finalistsOf(tx, final.id), []);
  if (plan.ties.length)
    throw new Error(`past season: a tie at a tier boundary: ${JSON.stringify(plan.ties)}`);
  await recordAwards(tx, final, s.organiserId, plan, [], applyFinalOutcome);

  // Released as the results release records it, from the rows just written.
  const [results, awards] = await Promise.all([
    tx.advancementResult.findMany({ where: { heatId: final.id } }),
    tx.award.findMany({ where: { heatId: final.id } }),
  ]);
  const tierOf = new Map(awards.map((a) => [a.projectId, a.tier]));
  await seedReleases(tx, {
    competitionId: competition.id,
    organiserId: s.organiserId,
    heatId: final.id,
    projects,
    results: results.map((r) => ({
      projectId: r.projectId,
      result: r.result,
      award: tierOf.get(r.projectId) ?? null,
    })),
    at: at(339).getTime(),
  });

  // Written today by the functions above; dated to when the final took place.
  const decided = new Date(at(340).getTime() + 8 * 3600000);
  await tx.heatAdvancement.update({ where: { heatId: final.id }, data: { decidedAt: decided } });
  await tx.award.updateMany({ where: { heatId: final.id }, data: { decidedAt: decided } });
  await tx.auditEntry.updateMany({
    where: { competitionId: competition.id, action: 'heat.award-tiers-set' },
    data: { at: at(350) },
  });
  await tx.auditEntry.updateMany({
    where: { competitionId: competition.id, action: 'heat.awards-assigned' },
    data: { at: decided },
  });
  // Dated back after they were chained: chained again in their new time order.
  await tx.$executeRaw`SELECT audit_rechain(${competition.id})`;
}
