import { HeatFixture, eligibleHeat } from './judging-scenario';
import { Stack } from './stack';

export interface RoadshowFixture extends HeatFixture {
  roundId: string;
}

// An OPEN roadshow round of `projects` projects, each assigned to all
// `judges` judges (none in conflict), scored by the MEAN of their totals.
export async function openRoadshow(
  stack: Stack,
  projects: number,
  judges: number,
  method: 'MEAN' | 'TRIMMED_MEAN' = 'MEAN',
): Promise<RoadshowFixture> {
  const heat = await eligibleHeat(stack, projects, judges, false);
  const token = heat.organiser.token;
  const round = await stack.post(
    `/heats/${heat.competition.heatId}/rounds`,
    { name: '路演评审', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method },
    token,
  );
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
  const roundId = round.body.id as string;
  const steps = [
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: heat.judges.map((j) => j.id) },
      token,
    ),
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: judges }, token),
    await stack.post(`/rounds/${roundId}/open`, {}, token),
  ];
  const failed = steps.find((s) => s.status !== 200);
  if (failed) throw new Error(`roadshow setup: ${failed.status} ${JSON.stringify(failed.body)}`);
  return { ...heat, roundId };
}
