// Seeds a demo competition so a newcomer sees one: the 华南赛区 heat in
// Shenzhen with a few projects, an organiser, judges and applicants. Runs on
// every `npm start` and does nothing when the demo is already there.
import { hash } from '@node-rs/argon2';
import { planAdvancement } from '../libs/domain/src';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, Project, User } from '../libs/database/src/generated/prisma/client';
import { writeAwardTiers } from '../apps/api/src/modules/heats/heats.public';
import { readDemoJudgeList, seedImportedJudgeList } from './seed-judge-list';
import { seedPastSeason } from './seed-past-season';
import { seedReleases } from './seed-releases';
import { seedScoredRound } from './seed-scored-round';

export const DEMO_PASSWORD = 'Roadshow-Demo-2026!';
export const DEMO_LOGINS = {
  organiser: 'organiser@demo.local',
  judges: [
    'judge1@demo.local',
    'judge2@demo.local',
    'judge3@demo.local',
    'judge4@demo.local',
    'judge5@demo.local',
  ],
  applicants: ['applicant1@demo.local', 'applicant2@demo.local', 'applicant3@demo.local'],
};
const COMPETITION = '第四届中国江阴（高新区）创新创业大赛（演示）';
export const FINAL_AWARD_TIERS = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 2 },
  { name: '三等奖', count: 3 },
  { name: '优秀奖', count: 5 },
];

const day = 86400000;

export async function seedDemo(databaseUrl: string): Promise<'seeded' | 'present'> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    if (await prisma.competition.findFirst({ where: { name: COMPETITION } })) return 'present';
    const passwordHash = await hash(DEMO_PASSWORD);
    const judgeList = await readDemoJudgeList();
    const now = Date.now();
    return await prisma.$transaction(
      async (tx) => {
        const organiser = await tx.user.create({
          data: {
            email: DEMO_LOGINS.organiser,
            name: '王磊（组委会）',
            roles: ['ORGANISER'],
            passwordHash,
            affiliation: '江阴高新区管委会',
          },
        });
        const affiliations = [
          '江阴高新区科技局',
          '深圳天使投资协会',
          '南京大学',
          '华为深圳研究院',
          '上海交通大学',
        ];
        const judgeNames = ['赵敏', '孙浩', '周倩', '吴强', '郑洁'];
        const judges: User[] = [];
        for (let i = 0; i < DEMO_LOGINS.judges.length; i++) {
          judges.push(
            await tx.user.create({
              data: {
                email: DEMO_LOGINS.judges[i],
                name: `${judgeNames[i]}（评委）`,
                roles: ['JUDGE'],
                passwordHash,
                affiliation: affiliations[i],
                createdById: organiser.id,
              },
            }),
          );
        }
        const applicantNames = ['李娜', '陈刚', 'Emily Zhang'];
        const applicants = [];
        for (let i = 0; i < DEMO_LOGINS.applicants.length; i++) {
          applicants.push(
            await tx.user.create({
              data: {
                email: DEMO_LOGINS.applicants[i],
                name: applicantNames[i],
                roles: ['APPLICANT'],
                passwordHash,
                locale: i === 2 ? 'en' : 'zh-CN',
              },
            }),
          );
        }
        const competition = await tx.competition.create({
          data: {
            name: COMPETITION,
            registrationOpensAt: new Date(now - 20 * day),
            registrationClosesAt: new Date(now + 20 * day),
            createdById: organiser.id,
            organisers: { create: [{ userId: organiser.id }] },
            tracks: {
              create: [
                { code: 'LIFE_HEALTH', name: '生命健康' },
                { code: 'IOT', name: '物联网' },
                { code: 'BIG_DATA', name: '大数据' },
                { code: 'AI', name: '人工智能' },
              ],
            },
            stages: {
              create: [
                { code: 'HEAT', name: '分站赛', order: 1 },
                { code: 'SEMIFINAL', name: '半决赛', order: 2 },
                { code: 'FINAL', name: '决赛', order: 3 },
              ],
            },
          },
          include: { stages: true },
        });
        const stage = (code: string) => competition.stages.find((s) => s.code === code)!.id;
        const south = await tx.heat.create({
          data: {
            competitionId: competition.id,
            stageId: stage('HEAT'),
            name: '华南赛区',
            region: '华南',
            city: '深圳',
            venue: '江阴高新区深圳离岸孵化器',
            enclave: '江阴高新区深圳科创飞地',
            advanceQuota: 5,
            startsAt: new Date(now + 25 * day),
          },
        });
        await tx.heat.create({
          data: {
            competitionId: competition.id,
            stageId: stage('HEAT'),
            name: '华东赛区',
            region: '华东',
            city: '上海',
            venue: '江阴高新区上海离岸创新中心',
            enclave: '江阴高新区上海科创飞地',
            advanceQuota: 5,
            startsAt: new Date(now + 27 * day),
          },
        });
        const semi = await tx.heat.create({
          data: {
            competitionId: competition.id,
            stageId: stage('SEMIFINAL'),
            name: '半决赛',
            city: '江阴',
            venue: '江阴高新区科技创业园',
            advanceQuota: 6,
            startsAt: new Date(now + 45 * day),
          },
        });
        const final = await tx.heat.create({
          data: {
            competitionId: competition.id,
            stageId: stage('FINAL'),
            name: '总决赛',
            city: '江阴',
            venue: '江阴国际会展中心',
            advanceQuota: 3,
            startsAt: new Date(now + 60 * day),
          },
        });
        const rubric = await tx.rubric.create({
          data: {
            competitionId: competition.id,
            name: '分站赛评分标准',
            criteria: [
              { code: 'TECH', name: '技术与产品', weight: 0.3, maxScore: 100 },
              { code: 'BUSINESS', name: '商业模式', weight: 0.2, maxScore: 100 },
              { code: 'MARKET', name: '行业与市场', weight: 0.2, maxScore: 100 },
              { code: 'TEAM', name: '团队', weight: 0.2, maxScore: 100 },
              { code: 'FIT', name: '产业契合度', weight: 0.1, maxScore: 100 },
            ],
          },
        });
        const projects: [
          number,
          string,
          string,
          string,
          'DRAFT' | 'SUBMITTED' | 'ELIGIBLE' | 'INELIGIBLE',
        ][] = [
          [0, '柔性电子皮肤传感器', 'IOT', '深圳智感科技有限公司', 'ELIGIBLE'],
          [0, '基层医院AI影像辅助诊断', 'AI', '深圳明眸医疗科技有限公司', 'ELIGIBLE'],
          [1, '工业设备预测性维护平台', 'BIG_DATA', '东莞数维工业互联网有限公司', 'ELIGIBLE'],
          [1, '可降解心脏支架', 'LIFE_HEALTH', '广州康源生物材料有限公司', 'ELIGIBLE'],
          [
            2,
            'Smart cold-chain logistics tracker',
            'IOT',
            'ColdTrace Technologies Ltd',
            'ELIGIBLE',
          ],
          [2, '跨境电商营销工具', 'BIG_DATA', '深圳跨境优选贸易有限公司', 'INELIGIBLE'],
        ];
        const created: Project[] = [];
        for (const [owner, title, trackCode, org, status] of projects) {
          created.push(
            await tx.project.create({
              data: {
                competitionId: competition.id,
                ownerId: applicants[owner].id,
                heatId: south.id,
                trackCode,
                title,
                summary: `${title}：项目简介（演示数据）。`,
                organisation: { name: org, city: '深圳' },
                organisationName: org,
                team: [{ name: applicants[owner].name, role: 'CEO' }],
                status,
                submittedAt: status === 'DRAFT' ? null : new Date(now - 5 * day),
                reviewedAt:
                  status === 'ELIGIBLE' || status === 'INELIGIBLE' ? new Date(now - 2 * day) : null,
                reviewedById:
                  status === 'ELIGIBLE' || status === 'INELIGIBLE' ? organiser.id : null,
                reviewReason:
                  status === 'INELIGIBLE' ? '项目方向与大赛产业方向不符（一票否决）' : null,
              },
            }),
          );
        }

        // The 华南赛区 heat is finished: a closed roadshow round scored by the five
        // judges, its final ranking, and advancement of the top 3 to the semi-final.
        const eligible = created.filter((p) => p.status === 'ELIGIBLE');
        const criteria = rubric.criteria as unknown as {
          code: string;
          name: string;
          weight: number;
          maxScore: number;
        }[];
        const round = await tx.round.create({
          data: {
            competitionId: competition.id,
            heatId: south.id,
            heatName: south.name,
            name: '路演评审',
            kind: 'ROADSHOW',
            rubricId: rubric.id,
            criteria: rubric.criteria as object,
            method: 'TRIMMED_MEAN',
            trim: 1,
            status: 'CLOSED',
            openedAt: new Date(now - 3 * day),
            closedAt: new Date(now - 2 * day),
          },
        });
        const base = [86, 91, 78, 83, 74];
        const ranking = await seedScoredRound(
          tx,
          round,
          criteria,
          judges,
          eligible,
          { submittedAt: new Date(now - 2 * day - 3600000), computedAt: new Date(now - 2 * day) },
          (ji, pi) => Math.min(100, base[pi] + ((ji * 7 + pi * 3) % 9) - 4),
        );
        const plan = planAdvancement(
          ranking,
          eligible.map((p) => p.id),
          { count: 3 },
        );
        await tx.heatAdvancement.create({
          data: {
            heatId: south.id,
            competitionId: competition.id,
            toHeatId: semi.id,
            count: 3,
            decidedById: organiser.id,
            decidedAt: new Date(now - day),
          },
        });
        for (const d of [...plan.advanced, ...plan.eliminated]) {
          await tx.advancementResult.create({
            data: {
              heatId: south.id,
              projectId: d.projectId,
              competitionId: competition.id,
              result: d.result,
              score: d.score,
              reason: d.reason,
              override: d.override,
            },
          });
        }
        await tx.project.updateMany({
          where: { id: { in: plan.advanced.map((d) => d.projectId) } },
          data: { heatId: semi.id },
        });
        await tx.project.updateMany({
          where: { id: { in: plan.eliminated.map((d) => d.projectId) } },
          data: { status: 'ELIMINATED' },
        });
        await tx.auditEntry.create({
          data: {
            competitionId: competition.id,
            actorId: organiser.id,
            action: 'heat.advanced',
            entityType: 'heat',
            entityId: south.id,
            data: { toHeatId: semi.id, count: 3, advanced: plan.advanced.map((d) => d.projectId) },
          },
        });

        await seedReleases(tx, {
          competitionId: competition.id,
          organiserId: organiser.id,
          heatId: south.id,
          projects: created,
          results: [...plan.advanced, ...plan.eliminated].map((d) => ({ ...d, award: null })),
          at: now - day / 2,
        });
        // The final's award tiers, set ahead of the final; its awards are
        // assigned from its standings once its round closes.
        await writeAwardTiers(tx, final, organiser.id, FINAL_AWARD_TIERS);
        // Last season, finished: its final's awards assigned and released.
        await seedPastSeason(tx, { organiserId: organiser.id, judges, passwordHash, now });

        // A few signings after the heat: one landed, one in negotiation.
        const [first, second] = plan.advanced.map((d) =>
          created.find((p) => p.id === d.projectId)!,
        );
        const signing = (
          p: (typeof created)[number],
          status: 'LANDED' | 'NEGOTIATING',
          extra: object,
        ) =>
          tx.signing.create({
            data: {
              competitionId: competition.id,
              projectId: p.id,
              projectTitle: p.title,
              ownerId: p.ownerId,
              heatName: south.name,
              trackCode: p.trackCode,
              host: '江阴高新区管委会',
              enclave: south.enclave,
              status,
              createdById: organiser.id,
              ...extra,
            },
          });
        await signing(first, 'LANDED', {
          investmentAmount: '8000000.00', // 元: 800 万元
          landingDeadline: new Date(now + 90 * day),
          signedAt: new Date(now - day / 2),
          landedAt: new Date(now - day / 4),
          companyName: `江阴${first.organisationName.replace(/^深圳|^东莞|^广州/, '')}`,
          registrationNo: '91320281MA27DEMO1X',
        });
        await signing(second, 'NEGOTIATING', {
          investmentAmount: '3000000.00', // 元: 300 万元
          landingDeadline: new Date(now + 120 * day),
        });
        await seedImportedJudgeList(tx, judgeList, competition.id, organiser.id);
        return 'seeded' as const;
        // Hundreds of inserts: Prisma's 5 s default expires on a busy machine.
      },
      { timeout: 60000, maxWait: 30000 },
    );
  } finally {
    await prisma.$disconnect();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  seedDemo(url).then(
    (outcome) => console.log(JSON.stringify({ msg: `demo data ${outcome}` })),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
