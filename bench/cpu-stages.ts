// The api's CPU per request split by stage, from sampled CPU profiles of a
// burst (CPU_PROFILE_DIR + SIGUSR2: apps/api/src/common/cpu-profile-signal.ts).
// Each sample is charged to the innermost frame of its stack that belongs to a
// stage, so the database driver's work under the score handler counts as the
// driver's, a token check under the guard as authentication's.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Stage = [name: string, matches: (url: string, fn: string) => boolean];

const inModule =
  (...names: string[]) =>
  (url: string) =>
    names.some((n) => url.includes(`/node_modules/${n}/`));
const inDist =
  (...parts: string[]) =>
  (url: string) =>
    !url.includes('/node_modules/') && parts.some((p) => url.includes(p));

// Innermost first: the first stage a frame matches, walking from the leaf.
const STAGES: Stage[] = [
  [
    'database driver (pg, Prisma adapter)',
    inModule(
      'pg',
      'pg-protocol',
      'pg-pool',
      '@prisma/client',
      '@prisma/adapter-pg',
      '@prisma/driver-adapter-utils',
    ),
  ],
  [
    'authentication (token, access check)',
    (u) =>
      inModule('jsonwebtoken', 'jws', 'jwa', '@nestjs/jwt')(u) ||
      inDist('access-token-verifier', 'auth.guard', 'user-access.service')(u),
  ],
  ['rate limit', (u) => inModule('@fastify/rate-limit', 'ioredis')(u) || inDist('rate-limit')(u)],
  [
    'validation (class-validator, class-transformer)',
    (u) =>
      inModule('class-validator', 'class-transformer')(u) ||
      inDist('validation.pipe', 'uuid-param.pipe')(u),
  ],
  [
    'request log (pino)',
    (u) =>
      inModule('pino', 'pino-http', 'nestjs-pino', 'pino-std-serializers', 'sonic-boom')(u) ||
      inDist('request-log', 'log-redaction')(u),
  ],
  ['security headers', inDist('security-headers')],
  ['idempotency', inDist('idempotency')],
  ['score handler and domain', inDist('/modules/', '/libs/')],
  [
    'response serialisation',
    (u, fn) => inModule('fast-json-stringify')(u) || (!u && fn === 'stringify'),
  ],
  [
    'HTTP server and framework (node:http, Fastify, Nest)',
    (u) =>
      inModule(
        'fastify',
        'find-my-way',
        '@nestjs/core',
        '@nestjs/common',
        '@nestjs/platform-fastify',
        '@fastify/middie',
        'light-my-request',
        'avvio',
        'rxjs',
        'reflect-metadata',
      )(u) ||
      u.startsWith('node:_http') ||
      u.startsWith('node:internal/http'),
  ],
];
const GC = 'garbage collector';
// Samples in native code outside any JS frame: the event loop's I/O (epoll,
// socket reads and writes), V8's compiler and runtime; no JS stack to charge.
const NATIVE = 'native (event-loop I/O, V8 runtime; no JS frame)';
// Promise jobs and timers whose own stack names no stage (the microtask
// queue running continuations of async functions of no known module).
const ASYNC = 'promise and timer queues';
const OTHER = 'other JS (no stage matched)';
// Sockets and streams serve the HTTP server and the database driver alike:
// a write is charged to the stage that asked for it (a sample inside
// writev under pg's query is the driver's), and to this one only when no
// frame above names a stage.
const SOCKETS = 'socket I/O (node:net, streams; no stage above)';
const inSockets = (url: string) =>
  url.startsWith('node:net') ||
  url.startsWith('node:internal/streams') ||
  url.startsWith('node:internal/stream_base_commons');
// The profiler's own work when it stops and serialises the profile
// (cpu-profile-signal.ts → inspector): not the api's, left out.
const inProfiler = (url: string) => url.includes('cpu-profile-signal') || url === 'node:inspector';
const inAsyncQueues = (url: string) =>
  url.startsWith('node:internal/process/task_queues') ||
  url.startsWith('node:internal/timers') ||
  url.startsWith('node:internal/async_hooks');

/** Milliseconds of CPU per stage over the profiles (idle excluded). */
export function cpuByStage(profiles: CpuProfile[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (stage: string, us: number) => out.set(stage, (out.get(stage) ?? 0) + us / 1000);
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stageOf = new Map<number, string | null>();
    const classify = (id: number): string | null => {
      const known = stageOf.get(id);
      if (known !== undefined) return known;
      const frame = byId.get(id)!.callFrame;
      const own = STAGES.find(([, m]) => m(frame.url, frame.functionName))?.[0] ?? null;
      const up = parent.get(id);
      const stage = own ?? (up === undefined ? null : classify(up));
      stageOf.set(id, stage);
      return stage;
    };
    const stackTouches = (id: number, test: (url: string) => boolean): boolean => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
        if (test(byId.get(at)!.callFrame.url)) return true;
      return false;
    };
    p.samples.forEach((id, i) => {
      const fn = byId.get(id)!.callFrame.functionName;
      const us = p.timeDeltas[i] ?? 0;
      if (fn === '(idle)' || stackTouches(id, inProfiler)) return;
      if (fn === '(garbage collector)') return add(GC, us);
      if (fn === '(program)') return add(NATIVE, us);
      const stage = classify(id);
      if (stage) return add(stage, us);
      add(
        stackTouches(id, inSockets) ? SOCKETS : stackTouches(id, inAsyncQueues) ? ASYNC : OTHER,
        us,
      );
    });
  }
  return out;
}

/** A note for the bench's table: CPU per request by stage, largest first. */
export function stageNote(byStage: Map<string, number>, requests: number, what: string): string {
  const total = [...byStage.values()].reduce((a, b) => a + b, 0);
  const lines = [...byStage]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([stage, msTotal]) =>
        `| ${stage} | ${(msTotal / requests).toFixed(3)} ms | ${((100 * msTotal) / total).toFixed(0)} % |`,
    );
  return [
    `The api's CPU per ${what} by stage (sampled profile of a second, identical burst; ${(total / requests).toFixed(2)} ms sampled per request):`,
    '',
    '| stage | CPU per request | share |',
    '| --- | --- | --- |',
    ...lines,
  ].join('\n');
}
