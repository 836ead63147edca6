// Seeds a demo competition so a newcomer sees one: the 华南赛区 heat in
// Shenzhen with a few projects, an organiser, judges and applicants. Runs on
// every `npm start` and does nothing when the demo is already there.
import { hash } from '@node-rs/argon2';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../libs/database/src/generated/prisma/client';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_LOGINS = {
  organiser: 'organiser@demo.local',
  judges: ['judge1@demo.local', 'judge2@demo.local', 'judge3@demo.local', 'judge4@demo.local', 'judge5@demo.local'],
  applicants: ['applicant1@demo.local', 'applicant2@demo.local', 'applicant3@demo.local'],
};
const COMPETITION = '第四届中国江阴（高新区）创新创业大赛（演示）';

const day = 86400000;

export async function seedDemo(databaseUrl: string): Promise<'seeded' | 'present'> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    if (await prisma.competition.findFirst({ where: { name: COMPETITION } })) return 'present';
    const passwordHash = await hash(DEMO_PASSWORD);
    const now = Date.now();
    return await prisma.$transaction(async (tx) => {
      const organiser = await tx.user.create({
        data: { email: DEMO_LOGINS.organiser, name: '王磊（组委会）', roles: ['ORGANISER'], passwordHash, affiliation: '江阴高新区管委会' },
      });
      const affiliations = ['江阴高新区科技局', '深圳天使投资协会', '南京大学', '华为深圳研究院', '上海交通大学'];
      const judgeNames = ['赵敏', '孙浩', '周倩', '吴强', '郑洁'];
      for (let i = 0; i < DEMO_LOGINS.judges.length; i++) {
        await tx.user.create({
          data: {
            email: DEMO_LOGINS.judges[i],
            name: `${judgeNames[i]}（评委）`,
            roles: ['JUDGE'],
            passwordHash,
            affiliation: affiliations[i],
            createdById: organiser.id,
          },
        });
      }
      const applicantNames = ['李娜', '陈刚', 'Emily Zhang'];
      const applicants = [];
      for (let i = 0; i < DEMO_LOGINS.applicants.length; i++) {
        applicants.push(
          await tx.user.create({
            data: { email: DEMO_LOGINS.applicants[i], name: applicantNames[i], roles: ['APPLICANT'], passwordHash, locale: i === 2 ? 'en' : 'zh-CN' },
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
      await tx.heat.create({
        data: { competitionId: competition.id, stageId: stage('SEMIFINAL'), name: '半决赛', city: '江阴', venue: '江阴高新区科技创业园', advanceQuota: 6, startsAt: new Date(now + 45 * day) },
      });
      await tx.heat.create({
        data: { competitionId: competition.id, stageId: stage('FINAL'), name: '总决赛', city: '江阴', venue: '江阴国际会展中心', advanceQuota: 3, startsAt: new Date(now + 60 * day) },
      });
      await tx.rubric.create({
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
      const projects: [number, string, string, string, 'DRAFT' | 'SUBMITTED' | 'ELIGIBLE' | 'INELIGIBLE'][] = [
        [0, '柔性电子皮肤传感器', 'IOT', '深圳智感科技有限公司', 'ELIGIBLE'],
        [0, '基层医院AI影像辅助诊断', 'AI', '深圳明眸医疗科技有限公司', 'ELIGIBLE'],
        [1, '工业设备预测性维护平台', 'BIG_DATA', '东莞数维工业互联网有限公司', 'ELIGIBLE'],
        [1, '可降解心脏支架', 'LIFE_HEALTH', '广州康源生物材料有限公司', 'SUBMITTED'],
        [2, 'Smart cold-chain logistics tracker', 'IOT', 'ColdTrace Technologies Ltd', 'SUBMITTED'],
        [2, '跨境电商营销工具', 'BIG_DATA', '深圳跨境优选贸易有限公司', 'INELIGIBLE'],
      ];
      for (const [owner, title, trackCode, org, status] of projects) {
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
            reviewedAt: status === 'ELIGIBLE' || status === 'INELIGIBLE' ? new Date(now - 2 * day) : null,
            reviewedById: status === 'ELIGIBLE' || status === 'INELIGIBLE' ? organiser.id : null,
            reviewReason: status === 'INELIGIBLE' ? '项目方向与大赛产业方向不符（一票否决）' : null,
          },
        });
      }
      return 'seeded' as const;
    });
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
