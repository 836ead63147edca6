// Scenario 6: the hour before a deadline, for files. N applicants each upload
// a 20 MB business plan at once (POST /projects/:id/files, multipart). Beside
// it, in the same run, the raw write speed of the same bytes to the same
// store (the disk under FILES_DIR) by this process at the same parallelism,
// and the api's resident memory: idle before, peak during (uploads stream,
// so the peak should not grow with the file size or N).
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Stack } from '../tests/support/stack';
import { createCompetition, createOrganiser, projectBody } from '../tests/support/scenario';
import { BENCH_ENV, ScenarioResult, log, ms, pct, ratio, runConcurrently, sendJson } from './lib';

const MB = 1024 * 1024;
const PASSWORD = 'Roadshow-Applicant-2026!';

async function rss(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rssMb: kb('VmRSS'), hwmMb: kb('VmHWM') };
}

// A fake but well-formed-enough PDF: the header the sniffer reads, then bytes.
function businessPlan(bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x20);
  b.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 0, 'latin1');
  b.write('\n%%EOF\n', bytes - 7, 'latin1');
  return b;
}

function upload(url: string, token: string, bytes: Buffer): Promise<number> {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nbp\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="商业计划书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + bytes.length + tail.length,
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    // In 1 MB writes, as a socket would carry them: the shared buffer is never copied.
    Readable.from(
      (function* () {
        yield head;
        for (let o = 0; o < bytes.length; o += MB) yield bytes.subarray(o, o + MB);
        yield tail;
      })(),
    ).pipe(req);
  });
}

export async function uploadRush(applicants: number, fileMb = 20): Promise<ScenarioResult> {
  const filesDir = await mkdtemp(join(tmpdir(), 'bench-files-'));
  const stack = new Stack({ env: { ...BENCH_ENV, FILES_DIR: filesDir } });
  await stack.start();
  try {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    await stack.sql(`INSERT INTO registration_forms (competition_id, definition) VALUES ($1, $2)`, [
      competition.id,
      JSON.stringify({
        fields: [
          {
            key: 'bp',
            type: 'file',
            label: { zh: '商业计划书', en: 'Business plan' },
            required: true,
            accept: ['pdf'],
          },
        ],
      }),
    ]);
    log(`scenario 6: ${applicants} applicants sign up and register`);
    const owners: { token: string; projectId: string }[] = [];
    const tag = competition.id.slice(0, 8);
    await runConcurrently(
      Array.from({ length: applicants }, (_, i) => i),
      16,
      async (i) => {
        const email = `upload${i}.${tag}@bench.test`;
        await sendJson('POST', `${stack.apiUrl}/auth/signup`, {
          email,
          password: PASSWORD,
          name: `申请人${i}`,
          locale: 'zh-CN',
        });
        const token = await stack.login(email, PASSWORD);
        const project = await sendJson(
          'POST',
          `${stack.apiUrl}/competitions/${competition.id}/projects`,
          projectBody(competition.heatId, `项目${i}`, `上传科技${i}有限公司`),
          token,
        );
        owners.push({ token, projectId: (JSON.parse(project.body) as { id: string }).id });
      },
    );
    const bytes = businessPlan(fileMb * MB);
    const total = (applicants * bytes.length) / MB;

    // Baseline: the same bytes written to the same store, same parallelism.
    const rawDir = join(filesDir, 'raw-baseline');
    await mkdir(rawDir, { recursive: true });
    const raw = await runConcurrently(owners, applicants, async (_o, i) => {
      await pipeline(
        Readable.from(
          (function* () {
            for (let o = 0; o < bytes.length; o += MB) yield bytes.subarray(o, o + MB);
          })(),
        ),
        createWriteStream(join(rawDir, `${i}.pdf`)),
      );
    });
    await rm(rawDir, { recursive: true, force: true });

    const pid = (await stack.peakMemory()).find((m) => m.label === 'api')!.pid;
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    // Resets the peak (VmHWM) to the current RSS: the peak below is the uploads' own.
    await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
    const idle = await rss(pid);
    log(
      `scenario 6: ${applicants} × ${fileMb} MB uploads at once (api idle RSS ${idle.rssMb.toFixed(0)} MB)`,
    );
    const statuses = new Map<number, number>();
    let peakSampled = idle.rssMb;
    const sampler = setInterval(() => {
      void rss(pid).then(
        (m) => (peakSampled = Math.max(peakSampled, m.rssMb)),
        () => undefined,
      );
    }, 50);
    const run = await runConcurrently(owners, applicants, async (o) => {
      const status = await upload(`${stack.apiUrl}/projects/${o.projectId}/files`, o.token, bytes);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    clearInterval(sampler);
    const after = await rss(pid);
    const peak = Math.max(after.hwmMb, peakSampled);
    const [{ n }] = await stack.sql<{ n: string }>(
      `SELECT count(*) AS n FROM stored_files WHERE size = $1`,
      [bytes.length],
    );
    const uploadMbps = total / run.seconds;
    const rawMbps = total / raw.seconds;
    return {
      title: `Scenario 6: ${applicants} applicants upload a ${fileMb} MB BP at once (disk store)`,
      rows: [
        [
          'uploads stored (201)',
          `${statuses.get(201) ?? 0} / ${applicants}; rows ${n}`,
          `answers ${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')}`,
          '',
          'all',
        ],
        [
          'throughput',
          `${uploadMbps.toFixed(0)} MB/s (${total.toFixed(0)} MB in ${run.seconds.toFixed(1)} s)`,
          `raw write ${rawMbps.toFixed(0)} MB/s (${raw.seconds.toFixed(1)} s)`,
          ratio(uploadMbps / rawMbps),
        ],
        [
          'upload latency p50 / p95',
          `${ms(pct(run.latencies, 50))} / ${ms(pct(run.latencies, 95))}`,
          '',
          '',
        ],
        [
          'api RSS peak − idle',
          `${(peak - idle.rssMb).toFixed(0)} MB (idle ${idle.rssMb.toFixed(0)}, peak ${peak.toFixed(0)})`,
          '',
          '',
          '≤ 100 MB',
        ],
      ],
      memory: await stack.peakMemory(),
      notes: [
        'Each upload streams from the socket through the sniffer and SHA-256 into a temp file renamed into place; nothing buffers a whole file. The raw baseline writes the same bytes from this process with no HTTP, multipart, hashing or database.',
      ],
    };
  } finally {
    await stack.stop();
    await rm(filesDir, { recursive: true, force: true });
  }
}
