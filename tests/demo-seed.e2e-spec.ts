import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed';
import { Stack } from './support/stack';

// The demo `npm start` seeds, seen through the API as a newcomer would: a
// finished regional heat with its standings and advancement, and signings.
describe('the seeded demo', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('shows a competition with a finished heat, advancement and signings, and seeds only once', async () => {
    expect(await seedDemo(stack.databaseUrl)).toBe('seeded');
    expect(await seedDemo(stack.databaseUrl)).toBe('present');
    const token = await stack.login(DEMO_LOGINS.organiser, DEMO_PASSWORD);
    const [competition] = (await stack.get('/competitions', token)).body.items;
    const heats = (await stack.get(`/competitions/${competition.id}/heats`, token)).body.items as {
      id: string;
      name: string;
    }[];
    const south = heats.find((h) => h.name === '华南赛区')!;

    const standings = (await stack.get(`/heats/${south.id}/standings`, token)).body;
    expect(standings.final).toBe(true);
    expect(standings.entries).toHaveLength(5);
    expect(
      (
        await stack.post(
          `/heats/${south.id}/advance`,
          { toHeatId: heats.find((h) => h.name === '半决赛')!.id },
          token,
        )
      ).status,
    ).toBe(409);

    // Released: the decisions and 华南赛区's results went out; nothing is pending.
    const results = (await stack.get(`/heats/${south.id}/results/release/preview`, token)).body;
    expect(results).toMatchObject({ recipients: [], unchanged: 5 });
    const eligibility = (
      await stack.get(`/competitions/${competition.id}/eligibility/release/preview`, token)
    ).body;
    expect(eligibility).toMatchObject({ recipients: [], unchanged: 6 });
    const finalHeat = heats.find((h) => h.name === '总决赛')!;
    const awards = (await stack.get(`/heats/${finalHeat.id}/awards`, token)).body;
    expect(awards.tiers).toEqual([
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 2 },
      { name: '三等奖', count: 3 },
      { name: '优秀奖', count: 5 },
    ]);

    const funnel = (await stack.get(`/competitions/${competition.id}/funnel`, token)).body;
    expect(funnel).toMatchObject({ registered: 6, eligible: 5, advanced: 3, signed: 1, landed: 1 });
    const stats = (await stack.get(`/competitions/${competition.id}/signings/stats`, token)).body;
    expect(stats).toMatchObject({
      total: 2,
      signed: 1,
      landed: 1,
      signingRate: 0.3333,
      landingRate: 1,
    });

    const judge = await stack.login(DEMO_LOGINS.judges[0], DEMO_PASSWORD);
    expect((await stack.get('/judge/assignments', judge)).body.items).toHaveLength(5);
    const applicant = await stack.login(DEMO_LOGINS.applicants[0], DEMO_PASSWORD);
    expect((await stack.get('/me/projects', applicant)).body.items).toHaveLength(2);
  });
});
