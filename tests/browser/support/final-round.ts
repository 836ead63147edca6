import { Stack, waitFor } from '../../support/stack';

// The final's roadshow through the API (the console's round pages are driven
// in the heat before it): these judges score each project with one mark on
// every criterion of the rubric, the round closes, and the standings settle.
export async function scoreFinal(
  stack: Stack,
  organiserToken: string,
  heatId: string,
  rubric: { id: string; criteria: { code: string }[] },
  judges: { id: string; token: string }[],
  marks: Map<string, number>,
): Promise<void> {
  const must = async (what: string, res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const round = await must(
    'round',
    stack.post(
      `/heats/${heatId}/rounds`,
      { name: '总决赛路演', kind: 'ROADSHOW', method: 'MEAN', rubricId: rubric.id },
      organiserToken,
    ),
  );
  await must(
    'pool',
    stack.post(`/rounds/${round.id}/judges`, { judgeIds: judges.map((j) => j.id) }, organiserToken),
  );
  await must(
    'assign',
    stack.post(
      `/rounds/${round.id}/assignments`,
      { judgesPerProject: judges.length },
      organiserToken,
    ),
  );
  await must('open', stack.post(`/rounds/${round.id}/open`, {}, organiserToken));
  for (const j of judges)
    for (const [projectId, mark] of marks)
      await must(
        'score',
        stack.put(
          `/rounds/${round.id}/projects/${projectId}/score`,
          {
            scores: Object.fromEntries(rubric.criteria.map((c) => [c.code, mark])),
            submit: true,
          },
          j.token,
        ),
      );
  await must('close', stack.post(`/rounds/${round.id}/close`, {}, organiserToken));
  await waitFor(
    "the final's settled standings",
    async () => (await stack.get(`/heats/${heatId}/standings`, organiserToken)).body.final === true,
    60000,
  );
}
