import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed';
import { DEMO_JUDGE_LIST_FILE, judgeListWorkbook } from '../prisma/seed-judge-list';
import { Stack, waitFor } from './support/stack';
import { upload } from './support/upload';

// The demo season's judge list comes in as a spreadsheet through the import
// pipeline: the running api carries the seeded import out.
describe('the seeded demo judge list', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('is imported like an upload: demo judges listed, new experts invited once', async () => {
    expect(await seedDemo(stack.databaseUrl)).toBe('seeded');
    const token = await stack.login(DEMO_LOGINS.organiser, DEMO_PASSWORD);
    const [competition] = (await stack.get('/competitions', token)).body.items;
    const [job] = await waitFor('the seeded import to complete', async () => {
      const items = (await stack.get(`/competitions/${competition.id}/imports`, token)).body.items;
      return items[0]?.status === 'COMPLETED' ? items : null;
    });
    expect(job).toMatchObject({
      kind: 'JUDGES',
      fileName: DEMO_JUDGE_LIST_FILE,
      format: 'XLSX',
      total: 8,
      processed: 8,
      // Every row reads "added", new account or not: an import never tells an
      // organiser which addresses already have accounts (docs/security.md).
      created: 0,
      added: 8,
      failed: 0,
    });
    const roster = (await stack.get(`/competitions/${competition.id}/judges`, token)).body.items;
    expect(roster).toHaveLength(8);
    expect(roster.find((j: { email: string }) => j.email === 'judge1@demo.local')).toMatchObject({
      name: '赵敏',
      email: 'judge1@demo.local',
      affiliation: '江阴高新区科技局',
      phone: '139 1234 0001',
    });
    await stack.drained();
    const invited = (email: string) =>
      stack.smtp.to(email).filter((m) => m.subject === '您受邀加入创新创业大赛平台');
    expect(
      ['expert1@demo.local', 'expert2@demo.local', 'expert3@demo.local'].map(
        (e) => invited(e).length,
      ),
    ).toEqual([1, 1, 1]);
    expect(invited('judge1@demo.local')).toHaveLength(0);

    // Uploading the same list again would change nothing.
    const dry = await upload(
      stack,
      `/competitions/${competition.id}/imports/judges?dryRun=true`,
      DEMO_JUDGE_LIST_FILE,
      await judgeListWorkbook(),
      token,
    );
    expect(dry.body.summary).toMatchObject({ unchanged: 8, invitations: 0, invalid: 0 });
  });
});
