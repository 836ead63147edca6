import { CpuProfile, cpuByStage } from './cpu-stages';

// A profile by hand: root → each frame below, one sample per leaf (1 ms each
// unless said), so each stage's milliseconds are known exactly.
function profile(leaves: { stack: { fn: string; url: string }[]; us?: number }[]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' } }];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const leaf of leaves) {
    let parent = nodes[0];
    for (const frame of leaf.stack) {
      const node = { id: nodes.length + 1, callFrame: { functionName: frame.fn, url: frame.url } };
      parent.children = [...(parent.children ?? []), node.id];
      nodes.push(node);
      parent = node;
    }
    samples.push(parent.id);
    timeDeltas.push(leaf.us ?? 1000);
  }
  return { nodes, samples, timeDeltas };
}

const nm = (pkg: string, file = 'index.js') => `file:///app/node_modules/${pkg}/${file}`;

describe('the api CPU by stage', () => {
  it('charges each sample to the innermost stage of its stack', () => {
    const byStage = cpuByStage([
      profile([
        // The driver's parse under the score handler counts as the driver's.
        {
          stack: [
            {
              fn: 'handle',
              url: 'file:///app/dist/apps/api/src/modules/judging/scoring.service.js',
            },
            { fn: 'parse', url: nm('pg-protocol', 'dist/parser.js') },
          ],
        },
        { stack: [{ fn: 'route', url: nm('fastify', 'lib/route.js') }] },
        { stack: [{ fn: '(program)', url: '' }], us: 2000 },
        { stack: [{ fn: '(garbage collector)', url: '' }] },
        { stack: [{ fn: '(idle)', url: '' }], us: 50_000 },
        {
          stack: [
            { fn: 'processTicksAndRejections', url: 'node:internal/process/task_queues' },
            { fn: 'anonymous', url: '' },
          ],
        },
        { stack: [{ fn: 'mystery', url: 'file:///somewhere/else.js' }] },
        // A socket write asked for by the driver is the driver's; by nobody known, the sockets'.
        {
          stack: [
            { fn: 'submit', url: nm('pg', 'lib/query.js') },
            { fn: 'Socket._writev', url: 'node:net' },
            { fn: 'writev', url: '' },
          ],
        },
        {
          stack: [
            { fn: 'onStreamRead', url: 'node:internal/stream_base_commons' },
            { fn: 'writev', url: '' },
          ],
        },
        // The profiler serialising itself is not the api's work.
        {
          stack: [
            { fn: '', url: 'file:///app/dist/apps/api/src/common/cpu-profile-signal.js' },
            { fn: 'post', url: 'node:inspector' },
            { fn: 'dispatch', url: '' },
          ],
          us: 9000,
        },
      ]),
    ]);
    expect(Object.fromEntries(byStage)).toEqual({
      'database driver (pg, Prisma adapter)': 2,
      'socket I/O (node:net, streams; no stage above)': 1,
      'HTTP server and framework (node:http, Fastify, Nest)': 1,
      'native (event-loop I/O, V8 runtime; no JS frame)': 2,
      'garbage collector': 1,
      'promise and timer queues': 1,
      'other JS (no stage matched)': 1,
    });
  });
});
