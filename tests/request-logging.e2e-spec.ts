import { PassThrough } from 'node:stream';
import { LogSink } from '../scripts/launcher-log';
import { createCompetition, createOrganiser } from './support/scenario';
import { Stack, waitFor } from './support/stack';

// Defect 11: in a terminal the product printed ~30 lines per request (pino-http's
// req and res objects, expanded by pino-pretty), burying the mail links. The
// api's output of a scripted sequence of requests, formatted as `npm start`
// formats it in a terminal, has one line per request.
describe('request logging', () => {
  const stack = new Stack({ env: { LOG_LEVEL: 'info' } });
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  // The api's lines as the launcher prints them in a terminal (pino-pretty).
  function pretty(jsonLines: string[]): string[] {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const sink = new LogSink('pretty', 'info', out);
    for (const l of jsonLines) sink.line(l, 'api');
    return chunks.join('').split('\n').filter(Boolean);
  }

  it('prints one line per request, with method, path, status and time, and no secret', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    // The api's output reaches this process asynchronously: the setup's own request
    // lines may arrive late. A marker request, waited for, ends the setup's lines.
    const marker = '11111111-1111-4111-8111-111111111111';
    await stack.get(`/competitions/${marker}`, organiser.token);
    await waitFor('the setup requests logged', () => stack.outputOf('api').includes(marker));
    const from = stack.outputOf('api').length;

    // 20 requests: reads, a 404, a 400, a refused login, a stream-ticket-like query secret.
    const requests: (() => Promise<unknown>)[] = [
      ...Array.from({ length: 6 }, () => () => stack.get('/me', organiser.token)),
      ...Array.from({ length: 6 }, () => () => stack.get('/competitions', organiser.token)),
      ...Array.from(
        { length: 4 },
        () => () => stack.get(`/competitions/${competition.id}`, organiser.token),
      ),
      () => stack.get('/competitions/00000000-0000-4000-8000-000000000000', organiser.token),
      () => stack.get('/competitions/not-a-uuid', organiser.token),
      () => stack.post('/auth/login', { email: organiser.email, password: 'wrong-password-1' }),
      () => stack.get(`/me?access_token=${organiser.token}`),
    ];
    for (const r of requests) await r();

    const records = () =>
      stack
        .outputOf('api')
        .slice(from)
        .split('\n')
        .filter((l) => l.startsWith('{'));
    await waitFor(
      'the 20 request lines',
      () => records().filter((l) => l.includes('"responseTime"')).length >= requests.length,
    );
    const lines = pretty(records());
    console.log(
      `request logging: ${requests.length} requests → ${lines.length} lines in a terminal`,
    );
    expect(lines.length).toBe(requests.length);
    expect(lines.filter((l) => /GET \/api\/v1\/me 200/.test(l))).toHaveLength(6);
    expect(lines.some((l) => /POST \/api\/v1\/auth\/login 401/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain(organiser.token);
  });

  it('prints a caught mail as one block with recipient, subject and its links', () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const link = 'http://localhost:3000/judge/rounds/5f0c1f52-0000-4000-8000-000000000001';
    new LogSink('pretty', 'info', out).mail({
      to: ['judge1@demo.local'],
      subject: '评审任务：华南赛区 · 路演评审',
      text: `评委1，您好：\n\n您被分配评审 3 个项目。\n评审任务：${link}\n\n大赛组委会`,
    });
    const block = chunks.join('').split('\n');
    expect(block).toContain('  邮件 MAIL  →  judge1@demo.local');
    expect(block).toContain('  主题 Subject: 评审任务：华南赛区 · 路演评审');
    expect(block).toContain(`    ${link}`); // the link on a line of its own
    expect(block.filter((l) => l.startsWith('═'))).toHaveLength(2);
  });
});
