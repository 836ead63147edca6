import { DEMO_LOGINS, DEMO_PASSWORD, FINAL_AWARD_TIERS, seedDemo } from '../prisma/seed';
import { PAST_AWARD_TIERS, PAST_COMPETITION } from '../prisma/seed-past-season';
import { Stack } from './support/stack';

// The demo `npm start` seeds, seen through the API as a newcomer would: a
// finished regional heat with its standings and advancement, and signings;
// and last season's final with its awards.
describe('the seeded demo', () => {
  const stack = new Stack();

  beforeAll(async () => {
    await stack.start();
    expect(await seedDemo(stack.databaseUrl)).toBe('seeded');
  });
  afterAll(() => stack.stop());

  it('shows a competition with a finished heat, advancement and signings, and seeds only once', async () => {
    expect(await seedDemo(stack.databaseUrl)).toBe('present');
    const token = await stack.login(DEMO_LOGINS.organiser, DEMO_PASSWORD);
    const [competition, past] = (await stack.get('/competitions', token)).body.items;
    expect(past.name).toBe(PAST_COMPETITION);
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
    expect(awards).toMatchObject({ tiers: FINAL_AWARD_TIERS, awards: [] }); // the final is ahead

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
    const assigned = (await stack.get('/judge/assignments', judge)).body.items as {
      roundName: string;
    }[];
    // 华南赛区's five projects, and last season's eight finalists.
    expect(assigned.filter((a) => a.roundName === '路演评审')).toHaveLength(5);
    expect(assigned.filter((a) => a.roundName === '总决赛路演')).toHaveLength(8);
    const applicant = await stack.login(DEMO_LOGINS.applicants[0], DEMO_PASSWORD);
    expect((await stack.get('/me/projects', applicant)).body.items).toHaveLength(2);
  });

  it('shows last season’s final with its awards, assigned and released as the api would', async () => {
    const token = await stack.login(DEMO_LOGINS.organiser, DEMO_PASSWORD);
    const past = (await stack.get('/competitions', token)).body.items.find(
      (c: { name: string }) => c.name === PAST_COMPETITION,
    );
    const [final] = (await stack.get(`/competitions/${past.id}/heats`, token)).body.items;
    const standings = (await stack.get(`/heats/${final.id}/standings`, token)).body;
    expect(standings.final).toBe(true);
    expect(standings.entries).toHaveLength(8);

    const seeded = (await stack.get(`/heats/${final.id}/awards`, token)).body;
    expect(seeded.tiers).toEqual(PAST_AWARD_TIERS);
    // Down the standings: the best six, one 一等奖, two 二等奖, three 三等奖.
    expect(seeded.awards.map((a: { projectId: string }) => a.projectId)).toEqual(
      standings.entries.slice(0, 6).map((e: { projectId: string }) => e.projectId),
    );
    expect(seeded.awards.map((a: { tier: string }) => a.tier)).toEqual([
      '一等奖',
      '二等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '三等奖',
    ]);
    const funnel = (await stack.get(`/competitions/${past.id}/funnel`, token)).body;
    expect(funnel).toMatchObject({ registered: 8, eligible: 8, awarded: 6 });
    // Released: nothing left to tell anyone.
    expect(
      (await stack.get(`/heats/${final.id}/results/release/preview`, token)).body,
    ).toMatchObject({ recipients: [], unchanged: 8 });

    // The api's own assignment over the same standings agrees with the seeded one.
    const again = await stack.post(`/heats/${final.id}/awards`, {}, token);
    expect(again.status).toBe(200);
    expect((await stack.get(`/heats/${final.id}/awards`, token)).body.awards).toEqual(
      seeded.awards,
    );
    expect(
      (await stack.get(`/heats/${final.id}/results/release/preview`, token)).body,
    ).toMatchObject({ recipients: [], unchanged: 8 });
  });
});
