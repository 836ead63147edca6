// Scenario 3: the last hour before a registration deadline. Every applicant
// signs up, logs in, registers a project and submits it, all at once; each
// 2xx must exist once with exactly one mail. Password hashing (argon2id, the
// api's parameters) is the known cost: reported apart, beside a bare argon2
// loop at the same parallelism.
import { hash, verify } from '@node-rs/argon2';
import { performance } from 'node:perf_hooks';
import { Stack } from '../tests/support/stack';
import {
  CompetitionFixture,
  Organiser,
  createCompetition,
  createOrganiser,
  projectBody,
} from '../tests/support/scenario';
import {
  BENCH_ENV,
  ScenarioResult,
  SmtpSink,
  log,
  ms,
  pct,
  perSec,
  ratio,
  runConcurrently,
  waitUntil,
} from './lib';

const PASSWORD = 'Roadshow-Applicant-2026!';
export const RUSH_CONCURRENCY = 200;

export interface RushContext {
  stack: Stack;
  sink: SmtpSink;
  organiser: Organiser;
  competition: CompetitionFixture;
  owners: { email: string; projectId: string }[];
}

export async function startRushStack(
  workerProcesses = 1,
  smtpDelayMs = 0,
): Promise<{ stack: Stack; sink: SmtpSink }> {
  const sink = new SmtpSink(smtpDelayMs);
  const port = await sink.start();
  const stack = new Stack({
    workerProcesses,
    env: { ...BENCH_ENV, SMTP_URL: `smtp://127.0.0.1:${port}` },
  });
  await stack.start();
  return { stack, sink };
}

export async function rush(stack: Stack, applicants: number) {
  const organiser = await createOrganiser(stack);
  const competition = await createCompetition(stack, organiser);
  const tag = competition.id.slice(0, 8);
  const timings = {
    signup: [] as number[],
    login: [] as number[],
    register: [] as number[],
    submit: [] as number[],
  };
  const owners: { email: string; projectId: string }[] = [];
  const step = async <T>(list: number[], fn: () => Promise<T>) => {
    const t = performance.now();
    const r = await fn();
    list.push(performance.now() - t);
    return r;
  };
  // A refused step is counted (and that applicant stops), not thrown: the rush
  // reports what a real one would see.
  const failures = new Map<string, number>();
  const fail = (what: string, status: number) =>
    void failures.set(`${what} ${status}`, (failures.get(`${what} ${status}`) ?? 0) + 1);
  const signedUp: string[] = [];
  let created = 0;
  const cpuBefore = await stack.cpuSeconds();
  const run = await runConcurrently(
    Array.from({ length: applicants }, (_, i) => i),
    RUSH_CONCURRENCY,
    async (i) => {
      const email = `applicant${i}.${tag}@bench.test`;
      const signup = await step(timings.signup, () =>
        stack.post('/auth/signup', {
          email,
          password: PASSWORD,
          name: `申请人${i}`,
          locale: i % 5 ? 'zh-CN' : 'en',
        }),
      );
      if (signup.status !== 201) return fail('sign up', signup.status);
      const login = await step(timings.login, () =>
        stack.post('/auth/login', { email, password: PASSWORD }),
      );
      signedUp.push(email);
      if (login.status !== 200) return fail('log in', login.status);
      const token = login.body.accessToken as string;
      const project = await step(timings.register, () =>
        stack.post(
          `/competitions/${competition.id}/projects`,
          projectBody(competition.heatId, `项目${i}`, `申请单位${i}有限公司`),
          token,
        ),
      );
      if (project.status !== 201) return fail('register', project.status);
      created++;
      const submit = await step(timings.submit, () =>
        stack.post(`/projects/${project.body.id}/submit`, {}, token),
      );
      if (submit.status !== 200) return fail('submit', submit.status);
      owners.push({ email, projectId: project.body.id as string });
    },
  );
  const cpuAfter = await stack.cpuSeconds();
  return {
    organiser,
    signedUp,
    created,
    failures,
    competition,
    owners,
    timings,
    run,
    apiCpuMs: (cpuAfter.api - cpuBefore.api) * 1000,
  };
}

// The same hashing work without the api: hash then verify, the api's
// parameters (the library's defaults), the same number in flight.
async function bareArgon2(count: number, concurrency: number) {
  const hashes: number[] = [];
  const verifies: number[] = [];
  const run = await runConcurrently(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      let t = performance.now();
      const h = await hash(`${PASSWORD}${i}`);
      hashes.push(performance.now() - t);
      t = performance.now();
      await verify(h, `${PASSWORD}${i}`);
      verifies.push(performance.now() - t);
    },
  );
  return { perSecond: count / run.seconds, hashP50: pct(hashes, 50), verifyP50: pct(verifies, 50) };
}

// Runs on a stack started by startRushStack; scenario 4 goes on with the same applicants.
export async function registrationRush(
  stack: Stack,
  sink: SmtpSink,
  applicants: number,
): Promise<{ result: ScenarioResult; ctx: RushContext }> {
  {
    log(
      `scenario 3: ${applicants} applicants sign up, log in, register and submit, ${RUSH_CONCURRENCY} in flight`,
    );
    const { organiser, competition, owners, signedUp, created, failures, timings, run, apiCpuMs } =
      await rush(stack, applicants);
    const tag = competition.id.slice(0, 8);
    const mine = () =>
      sink.mails.filter((m) => m.to.some((to) => to.endsWith(`.${tag}@bench.test`)));
    const mailsDone = await waitUntil(
      'two mails per applicant',
      async () => mine().length >= signedUp.length + owners.length,
      600000,
      50,
    );
    await stack.drained(600000);
    const lastMailLag = mailsDone - run.lastDone;
    const mails = mine();
    const [{ users, projects, submitted }] = await stack.sql(
      `SELECT (SELECT count(*)::int FROM users WHERE email LIKE $1) AS users,
              (SELECT count(*)::int FROM projects WHERE competition_id = $2) AS projects,
              (SELECT count(*)::int FROM projects WHERE competition_id = $2 AND status = 'SUBMITTED') AS submitted`,
      [`%.${tag}@bench.test`, competition.id],
    );
    const perRecipient = new Map<string, number>();
    for (const m of mails)
      for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const ids = mails.map((m) => m.messageId);
    const submittedOwners = new Set(owners.map((o) => o.email));
    // Each 2xx once: the users that signed up, the projects created, the
    // submits; one sign-up mail per user, one submitted mail per submit.
    const exactlyOnce =
      users === signedUp.length &&
      projects === created &&
      submitted === owners.length &&
      signedUp.every((e) => perRecipient.get(e) === (submittedOwners.has(e) ? 2 : 1)) &&
      new Set(ids).size === ids.length &&
      mails.length === signedUp.length + owners.length;
    const refused = [...failures].map(([k, v]) => `${k}: ${v}`).join(', ');
    const memory = await stack.peakMemory();
    log('scenario 3: baseline (bare argon2)');
    const argon = await bareArgon2(Math.min(applicants, 1000), RUSH_CONCURRENCY);
    const signupLogin = owners.length / run.seconds;
    const result: ScenarioResult = {
      title: `Scenario 3: registration rush, ${applicants} applicants (sign up, log in, register, submit), ${RUSH_CONCURRENCY} in flight`,
      rows: [
        [
          'applicants through all four steps per second',
          signupLogin.toFixed(1),
          `bare argon2 hash+verify loop ${perSec(argon.perSecond)} (the floor: two hashes each)`,
          ratio(signupLogin / argon.perSecond),
        ],
        [
          'sign up p50 / p99 (argon2 hash)',
          `${ms(pct(timings.signup, 50))} / ${ms(pct(timings.signup, 99))}`,
          `bare hash p50 ${ms(argon.hashP50)}`,
          ratio(pct(timings.signup, 50) / argon.hashP50),
        ],
        [
          'log in p50 / p99 (argon2 verify)',
          `${ms(pct(timings.login, 50))} / ${ms(pct(timings.login, 99))}`,
          `bare verify p50 ${ms(argon.verifyP50)}`,
          ratio(pct(timings.login, 50) / argon.verifyP50),
        ],
        [
          'register project p50 / p99 (no hashing)',
          `${ms(pct(timings.register, 50))} / ${ms(pct(timings.register, 99))}`,
          '',
          '',
        ],
        [
          'submit project p50 / p99 (no hashing)',
          `${ms(pct(timings.submit, 50))} / ${ms(pct(timings.submit, 99))}`,
          '',
          '',
        ],
        ['last submit → last mail at the sink', ms(lastMailLag), `${mails.length} mails`, ''],
        [
          'every 2xx exists once with exactly one mail',
          exactlyOnce ? 'yes' : 'NO',
          `${users} users, ${projects} projects, ${submitted} submitted; refused: ${refused || 'none'}`,
          '',
          'yes',
        ],
      ],
      memory,
      notes: [
        `api CPU per applicant (four requests, two argon2): ${(apiCpuMs / applicants).toFixed(1)} ms`,
      ],
    };
    return { result, ctx: { stack, sink, organiser, competition, owners } };
  }
}
