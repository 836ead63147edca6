// Scenario 4: results released to every applicant at once: the heat advances
// (no mail), then POST /heats/:id/results/release mails one result per owner.
// Mails per second to a loopback SMTP sink, beside raw nodemailer with the
// same pool (pool: true, maxConnections: 4, as libs/mail) sending as many
// mails of the same size to the same sink in the same run.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { ScenarioResult, log, ms, perSec, ratio, waitUntil } from './lib';
import { RushContext } from './registration-rush';

export async function resultsRelease(ctx: RushContext): Promise<ScenarioResult> {
  const { stack, sink, organiser, competition, owners } = ctx;
  const applicants = owners.length;
  // Setup, not measured: the projects ELIGIBLE, a closed round with its final
  // ranking over all of them (straight into the tables: scoring 5,000 projects
  // is scenario 2's business), and a semi-final heat to advance to.
  const semifinal = await stack.post(
    `/competitions/${competition.id}/heats`,
    {
      stageCode: 'SEMIFINAL',
      name: '半决赛',
      region: '全国',
      city: '江阴',
      venue: '江阴高新区',
      advanceQuota: 10,
    },
    organiser.token,
  );
  if (semifinal.status !== 201)
    throw new Error(`semifinal: ${semifinal.status} ${JSON.stringify(semifinal.body)}`);
  const round = await stack.post(
    `/heats/${competition.heatId}/rounds`,
    { name: '网评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
    organiser.token,
  );
  const roundId = round.body.id as string;
  await stack.sql(
    `UPDATE projects SET status = 'ELIGIBLE' WHERE competition_id = $1 AND status = 'SUBMITTED'`,
    [competition.id],
  );
  const entries = owners.map((o, i) => ({
    rank: i + 1,
    projectId: o.projectId,
    title: `项目${i}`,
    score: 90 - (i * 40) / applicants,
    judgeCount: 5,
    spread: 3,
  }));
  await stack.sql(
    `INSERT INTO round_projects (round_id, project_id, title, organisation_name)
     SELECT $2, "projectId", title, title FROM jsonb_to_recordset($1::jsonb) AS e("projectId" uuid, title text)`,
    [JSON.stringify(entries), roundId],
  );
  await stack.sql(
    `UPDATE rounds SET status = 'CLOSED', opened_at = now(), closed_at = now() WHERE id = $1`,
    [roundId],
  );
  await stack.sql(
    `INSERT INTO rankings (round_id, method, final, computed_at, source_seq, entries) VALUES ($1, 'MEAN', true, now(), 0, $2::jsonb)`,
    [
      roundId,
      JSON.stringify(entries.map((e) => ({ ...e, score: Math.round(e.score * 100) / 100 }))),
    ],
  );
  await stack.drained(600000);
  const count = Math.round(applicants / 2);

  log(`scenario 4: advancing ${count} of ${applicants}, then releasing the results`);
  const tAdvance = performance.now();
  const advanced = await stack.post(
    `/heats/${competition.heatId}/advance`,
    { toHeatId: semifinal.body.id, count },
    organiser.token,
  );
  const advanceAnswered = performance.now() - tAdvance;
  if (advanced.status !== 200)
    throw new Error(`advance: ${advanced.status} ${JSON.stringify(advanced.body)}`);
  await stack.drained(600000);
  const before = sink.mails.length;
  const cpuBefore = await stack.cpuSeconds();
  const t0 = performance.now();
  const released = await stack.post(
    `/heats/${competition.heatId}/results/release`,
    {},
    organiser.token,
  );
  const answered = performance.now() - t0;
  if (released.status !== 200)
    throw new Error(`release: ${released.status} ${JSON.stringify(released.body)}`);
  let first = 0;
  const done = await waitUntil(
    'a result mail for every owner',
    async () => {
      if (!first && sink.mails.length > before) first = performance.now();
      return sink.mails.length - before >= applicants;
    },
    600000,
    20,
  );
  const cpuAfter = await stack.cpuSeconds();
  await stack.drained(600000);
  await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive now
  const release = sink.mails.slice(before);
  const perRecipient = new Map<string, number>();
  for (const m of release)
    for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  const ids = release.map((m) => m.messageId);
  const exactlyOnce =
    release.length === applicants &&
    owners.every((o) => perRecipient.get(o.email) === 1) &&
    new Set(ids).size === ids.length;
  const mailsPerSecond = applicants / ((done - t0) / 1000);
  const sendingPerSecond = applicants / ((done - first) / 1000);
  const memory = await stack.peakMemory();

  log('scenario 4: baseline (raw nodemailer, same pool)');
  const sample = release[0];
  const raw = await rawNodemailer(stack.smtpUrl(), applicants, sample?.subject ?? '晋级结果');
  return {
    title: `Scenario 4: results release to ${applicants} applicants (POST /heats/:id/results/release after the advancement)`,
    rows: [
      [
        'mails per second, release request → last mail at the sink',
        mailsPerSecond.toFixed(0),
        `raw nodemailer, same pool ${perSec(raw.perSecond)}`,
        ratio(mailsPerSecond / raw.perSecond),
        '≥ 0.6×',
      ],
      [
        'mails per second, first mail → last mail',
        sendingPerSecond.toFixed(0),
        `raw nodemailer ${perSec(raw.perSecond)}`,
        ratio(sendingPerSecond / raw.perSecond),
      ],
      [
        'release request answered',
        ms(answered),
        `advance (no mail) answered in ${ms(advanceAnswered)}`,
        '',
      ],
      [
        'every mail exactly once',
        exactlyOnce ? 'yes' : 'NO',
        `${release.length} mails to ${perRecipient.size} owners`,
        '',
        'yes',
      ],
    ],
    memory,
    notes: [
      `worker CPU per mail: ${(((workerCpu(cpuAfter) - workerCpu(cpuBefore)) * 1000) / applicants).toFixed(2)} ms (all worker processes)`,
    ],
  };
}

// CPU seconds of every worker process (`worker`, or `worker0`, `worker1`…).
const workerCpu = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([label]) => label.startsWith('worker'))
    .reduce((sum, [, s]) => sum + s, 0);

async function rawNodemailer(smtpUrl: string, count: number, subject: string) {
  const transporter = createTransport({ url: smtpUrl, pool: true, maxConnections: 4 } as never);
  const text = '您的项目晋级半决赛。'.repeat(20);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      transporter.sendMail({
        from: 'E2E 大赛组委会 <noreply@e2e.test>',
        to: `raw${i}@bench.test`,
        subject,
        text,
        messageId: `<${randomUUID()}@e2e.test>`,
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  transporter.close();
  return { perSecond: count / seconds };
}
