import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { RegistrationForm } from '@app/domain';
import { Stack, freePort, waitFor } from './support/stack';
import { HeatFixture, eligibleHeat } from './support/judging-scenario';
import { registerProject, signUpApplicant } from './support/scenario';
import {
  EXE,
  PNG,
  droppedChunk,
  droppedUpload,
  fetchFile,
  makeMp4,
  makePdf,
  patchChunk,
  pdfText,
  sha256,
  uploadFile,
} from './support/files';

const MB = 1024 * 1024;

// The competition's form: a BP (PDF, 1 MB here), a deck (PDF or Office), a
// photo (image) and a text field, which is no file field.
const FORM: RegistrationForm = {
  fields: [
    {
      key: 'companyCode',
      type: 'text',
      label: { zh: '统一社会信用代码', en: 'USCC' },
      required: false,
    },
    {
      key: 'bp',
      type: 'file',
      label: { zh: '商业计划书', en: 'Business plan' },
      required: true,
      accept: ['pdf'],
      maxBytes: MB,
    },
    {
      key: 'deck',
      type: 'file',
      label: { zh: '路演PPT', en: 'Pitch deck' },
      required: false,
      accept: ['pdf', 'office'],
    },
    {
      key: 'photo',
      type: 'file',
      label: { zh: '团队照片', en: 'Team photo' },
      required: false,
      accept: ['image'],
    },
    {
      key: 'video',
      type: 'file',
      label: { zh: '路演视频', en: 'Pitch video' },
      required: false,
      accept: ['video'],
    },
  ],
};

interface Driver {
  name: 'disk' | 's3';
  env: () => Promise<Record<string, string>>;
  /** Object keys the store holds (every stored version, nothing half-written). */
  objects: () => Promise<string[]>;
  stop: () => Promise<void>;
}

function diskDriver(): Driver {
  const dir = mkdtempSync(join(tmpdir(), 'files-e2e-'));
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name).slice(dir.length + 1)],
    );
  return {
    name: 'disk',
    env: async () => ({ FILES_DIR: dir }),
    objects: async () => walk(dir),
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

// A real S3-protocol server on loopback (s3rver), not a mock: the api's
// S3 driver speaks HTTP and SigV4 to it exactly as to MinIO.
function s3Driver(): Driver {
  const dir = mkdtempSync(join(tmpdir(), 's3rver-e2e-'));
  let server: S3rver | undefined;
  let client: S3Client | undefined;
  return {
    name: 's3',
    env: async () => {
      const port = await freePort();
      server = new S3rver({
        port,
        address: '127.0.0.1',
        silent: true,
        directory: dir,
        configureBuckets: [{ name: 'roadshow-files', configs: [] }],
      });
      await server.run();
      client = new S3Client({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      return { S3_URL: `s3://S3RVER:S3RVER@127.0.0.1:${port}/roadshow-files?tls=false` };
    },
    objects: async () => {
      const out = await client!.send(new ListObjectsV2Command({ Bucket: 'roadshow-files' }));
      return (out.Contents ?? []).map((o) => o.Key!);
    },
    stop: async () => {
      client?.destroy();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['disk', diskDriver],
  ['s3', s3Driver],
] as const)('files with the %s driver', (_name, makeDriver) => {
  const driver = makeDriver();
  let stack: Stack;
  let heat: HeatFixture;
  let project: string;
  let owner: HeatFixture['applicants'][number];
  let bpV1: { id: string; sha256: string; size: number; version: number };
  let bpV2: { id: string };
  let roundId: string;
  let pdfV1: Buffer;

  beforeAll(async () => {
    stack = new Stack({ env: await driver.env() });
    await stack.start();
    heat = await eligibleHeat(stack, 2, 3, false);
    await stack.sql(
      `INSERT INTO registration_forms (competition_id, definition, updated_by) VALUES ($1, $2, gen_random_uuid())`,
      [heat.competition.id, JSON.stringify(FORM)],
    );
    project = heat.projectIds[0];
    owner = heat.applicants[0];
  });
  afterAll(async () => {
    await stack?.stop();
    await driver.stop();
  });

  const storedRows = async () =>
    Number((await stack.sql(`SELECT count(*) AS n FROM stored_files`))[0].n);
  // Every stored row has its object, and the store holds nothing else (no half file).
  const storeMatchesRows = async () => {
    const keys = (await driver.objects()).filter((k) => !k.startsWith('tmp/'));
    const rows = await stack.sql<{ storage_key: string }>(`SELECT storage_key FROM stored_files`);
    expect(keys.sort()).toEqual(rows.map((r) => r.storage_key).sort());
    if (driver.name === 'disk')
      expect((await driver.objects()).filter((k) => k.startsWith('tmp/'))).toEqual([]);
  };

  it('stores a PDF streamed from the owner and answers its id, size, hash, sniffed type and version', async () => {
    pdfV1 = await makePdf(3, 0, 'BP v1');
    const res = await uploadFile(stack, project, 'bp', '商业计划书.pdf', pdfV1, owner.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      field: 'bp',
      name: '商业计划书.pdf',
      size: pdfV1.length,
      sha256: sha256(pdfV1),
      contentType: 'application/pdf',
      version: 1,
      current: true,
    });
    bpV1 = res.body;

    const got = await fetchFile(stack, bpV1.id, owner.token);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(bpV1.sha256);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-length')).toBe(String(pdfV1.length));
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(
      /^inline; .*filename\*=UTF-8''%E5%95%86/,
    );
    const download = await fetchFile(stack, bpV1.id, owner.token, '?download=true');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    await storeMatchesRows();
  });

  it('refuses a file past the field’s cap (413 with the limit), of the wrong kind, or a renamed .exe (415), and an empty one', async () => {
    const before = await storedRows();
    const big = await makePdf(1, MB + 1);
    const tooBig = await uploadFile(stack, project, 'bp', 'big.pdf', big, owner.token);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      params: { field: 'bp', maxBytes: MB },
    });
    // With ?field= the declared length alone refuses it.
    const early = await uploadFile(stack, project, 'bp', 'big.pdf', big, owner.token, '?field=bp');
    expect(early.status).toBe(413);
    expect(early.body.code).toBe('FILE_TOO_LARGE');

    const png = await uploadFile(stack, project, 'bp', 'bp.pdf', PNG, owner.token);
    expect(png.status).toBe(415);
    expect(png.body).toMatchObject({
      code: 'FILE_TYPE_NOT_ACCEPTED',
      params: { field: 'bp', detected: 'image/png', accepted: ['pdf'] },
    });
    const exe = await uploadFile(stack, project, 'deck', '路演.pdf', EXE, owner.token);
    expect(exe.status).toBe(415);
    expect(exe.body).toMatchObject({
      code: 'FILE_TYPE_NOT_ACCEPTED',
      params: { detected: 'application/x-msdownload', accepted: ['pdf', 'office'] },
    });
    const empty = await uploadFile(stack, project, 'photo', 'a.png', Buffer.alloc(0), owner.token);
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('FILE_EMPTY');
    const notAFileField = await uploadFile(
      stack,
      project,
      'companyCode',
      'a.pdf',
      pdfV1,
      owner.token,
    );
    expect(notAFileField.status).toBe(422);
    expect(notAFileField.body).toMatchObject({
      code: 'FILE_FIELD_UNKNOWN',
      params: { field: 'companyCode' },
    });

    expect((await uploadFile(stack, project, 'photo', 'team.png', PNG, owner.token)).status).toBe(
      201,
    );
    // An Office file (here an .xlsx) is told by its content, in a field taking office.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('专利').addRow(['专利号', '名称']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const office = await uploadFile(stack, project, 'deck', '财务.xlsx', xlsx, owner.token);
    expect(office.status).toBe(201);
    expect(office.body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const got = await fetchFile(stack, office.body.id, owner.token);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="file.xlsx"/);
    expect(await storedRows()).toBe(before + 2);
    await storeMatchesRows();
  });

  it('lets no one else upload, and hides the files from another applicant and an unassigned judge', async () => {
    const other = heat.applicants[1];
    const stranger = await signUpApplicant(stack, '王强');
    const res = await uploadFile(stack, project, 'bp', 'x.pdf', pdfV1, stranger.token);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', params: { resource: 'project' } });
    // The organiser sees the project but only its owner changes it.
    const org = await uploadFile(stack, project, 'bp', 'x.pdf', pdfV1, heat.organiser.token);
    expect(org.status).toBe(403);
    expect(org.body.code).toBe('PROJECT_OWNER_ONLY');

    for (const token of [other.token, stranger.token, heat.judges[2].token]) {
      const got = await fetchFile(stack, bpV1.id, token);
      expect(got.status).toBe(404);
      expect(got.json()).toMatchObject({ code: 'NOT_FOUND', params: { resource: 'file' } });
      expect((await stack.get(`/projects/${project}/files`, token)).status).toBe(404);
    }
    // A stranger's own project holds no file of this one.
    const own = await registerProject(
      stack,
      stranger,
      heat.competition.heatId,
      heat.competition.id,
    );
    expect((await stack.get(`/projects/${own.id}/files`, stranger.token)).body.items).toEqual([]);
  });

  it('keeps no half file and no row when an upload drops, and takes the retry', async () => {
    const before = await storedRows();
    const pdf = await makePdf(2, 600 * 1024, 'dropped');
    await droppedUpload(stack, project, 'deck', pdf, owner.token);
    // The api notices the dropped connection and discards what it had.
    await waitFor('the dropped upload to be cleaned up', async () => {
      const keys = await driver.objects();
      return keys.filter((k) => k.startsWith('tmp/')).length === 0;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedRows()).toBe(before);
    await storeMatchesRows();
    const retry = await uploadFile(stack, project, 'deck', '路演.pdf', pdf, owner.token);
    expect(retry.status).toBe(201);
    // The deck's second version (the first is the .xlsx above).
    expect(retry.body).toMatchObject({ version: 2, size: pdf.length, sha256: sha256(pdf) });
    await storeMatchesRows();
  });

  it('freezes for every judge the version current when the round opened, watermarked with the judge’s name', async () => {
    const { organiser, competition, judges } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '网评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    roundId = round.body.id;
    expect(round.body.materialsViewOnly).toBe(false);
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: [judges[0].id, judges[1].id] },
      organiser.token,
    );
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, organiser.token))
        .status,
    ).toBe(200);
    // A DRAFT round shows nothing.
    expect((await fetchFile(stack, bpV1.id, judges[0].token)).status).toBe(404);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);

    // The owner replaces the BP after the opening: the old version stays.
    const pdfV2 = await makePdf(4, 0, 'BP v2');
    const v2 = await uploadFile(stack, project, 'bp', '商业计划书-修订.pdf', pdfV2, owner.token);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    bpV2 = v2.body;
    const mine = (await stack.get(`/projects/${project}/files`, owner.token)).body;
    const bps = mine.items.filter((f: { field: string }) => f.field === 'bp');
    expect(bps.map((f: any) => [f.version, f.current, f.supersededAt === null])).toEqual([
      [2, true, true],
      [1, false, false],
    ]);
    expect(bps[0].label).toEqual({ zh: '商业计划书', en: 'Business plan' });

    for (const judge of [judges[0], judges[1]]) {
      const list = await stack.get(`/projects/${project}/files`, judge.token);
      expect(list.status).toBe(200);
      expect(list.body.viewOnly).toBe(false);
      const bp = list.body.items.filter((f: { field: string }) => f.field === 'bp');
      expect(bp.map((f: any) => [f.id, f.version])).toEqual([[bpV1.id, 1]]);
      expect((await fetchFile(stack, bpV2.id, judge.token)).status).toBe(404);

      const got = await fetchFile(stack, bpV1.id, judge.token);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-disposition')).toMatch(/^inline/);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Number(got.headers.get('content-length'))).toBe(got.bytes.length);
      // Stamped afresh per request: served whole.
      expect(got.headers.get('accept-ranges')).toBe('none');
      const pages = pdfText(got.bytes);
      expect(pages).toHaveLength(3);
      const name = (await stack.sql(`SELECT name, email FROM users WHERE id = $1`, [judge.id]))[0];
      for (const [i, page] of pages.entries()) {
        expect(page).toContain(`BP v1 page ${i + 1}`);
        expect(page).toContain(name.email);
        expect(page).toContain(name.name);
        expect(page).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      }
    }
    // The organiser reads the current version unstamped.
    const org = await fetchFile(stack, bpV2.id, organiser.token);
    expect(org.status).toBe(200);
    expect(sha256(org.bytes)).toBe(sha256(pdfV2));
  });

  it('serves view only when the round forbids downloads', async () => {
    const judge = heat.judges[0];
    const patched = await stack.patch(
      `/rounds/${roundId}`,
      { materialsViewOnly: true },
      heat.organiser.token,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.materialsViewOnly).toBe(true);
    expect((await stack.get(`/projects/${project}/files`, judge.token)).body.viewOnly).toBe(true);
    expect((await fetchFile(stack, bpV1.id, judge.token)).status).toBe(200);
    const download = await fetchFile(stack, bpV1.id, judge.token, '?download=true');
    expect(download.status).toBe(403);
    expect(download.json().code).toBe('FILE_VIEW_ONLY');
    // The photo is an image: shown inline, so still readable.
    expect(
      (await stack.patch(`/rounds/${roundId}`, { materialsViewOnly: false }, heat.organiser.token))
        .status,
    ).toBe(200);
  });

  it('in a blind round withholds identity files and gives the anonymised BP in place of the named one', async () => {
    const judge = heat.judges[0];
    // The photo is an identity field; "bpAnon" is the BP's anonymised copy.
    const blindForm = {
      fields: [
        ...FORM.fields.map((f) => (f.key === 'photo' ? { ...f, identity: true } : f)),
        {
          key: 'bpAnon',
          type: 'file',
          label: { zh: '商业计划书（匿名版）', en: 'Business plan (anonymised)' },
          required: false,
          accept: ['pdf'],
          blindCopyOf: 'bp',
        },
      ],
    };
    await stack.sql(`UPDATE registration_forms SET definition = $2 WHERE competition_id = $1`, [
      heat.competition.id,
      JSON.stringify(blindForm),
    ]);
    const named = (await stack.get(`/projects/${project}/files`, judge.token)).body.items;
    expect(named.map((f: { field: string }) => f.field)).toContain('bp');
    expect(named.map((f: { field: string }) => f.field)).toContain('photo');
    await stack.sql(`UPDATE rounds SET blind = true WHERE id = $1`, [roundId]);
    const blind = (await stack.get(`/projects/${project}/files`, judge.token)).body.items;
    expect(blind.map((f: { field: string }) => f.field)).not.toContain('bp');
    expect(blind.map((f: { field: string }) => f.field)).not.toContain('photo');
    expect((await fetchFile(stack, bpV1.id, judge.token)).status).toBe(404);
    // The organiser still reads everything.
    expect((await fetchFile(stack, bpV1.id, heat.organiser.token)).status).toBe(200);
    await stack.sql(`UPDATE rounds SET blind = false WHERE id = $1`, [roundId]);
    await stack.sql(`UPDATE registration_forms SET definition = $2 WHERE competition_id = $1`, [
      heat.competition.id,
      JSON.stringify(FORM),
    ]);
    expect((await fetchFile(stack, bpV1.id, judge.token)).status).toBe(200);
  });

  it('gives the organiser a heat’s BPs as one ZIP named by project', async () => {
    const res = await fetch(`${stack.apiUrl}/heats/${heat.competition.heatId}/files.zip?field=bp`, {
      headers: { authorization: `Bearer ${heat.organiser.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    const entries = await new Promise<Map<string, Buffer>>((resolve, reject) => {
      const out = new Map<string, Buffer>();
      yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
        if (err || !file) return reject(err ?? new Error('not a zip'));
        file.on('entry', (entry: yauzl.Entry) =>
          file.openReadStream(entry, (e, stream) => {
            if (e || !stream) return reject(e ?? new Error('no entry stream'));
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
              out.set(entry.fileName, Buffer.concat(chunks));
              file.readEntry();
            });
          }),
        );
        file.on('end', () => resolve(out));
        file.readEntry();
      });
    });
    expect([...entries.keys()]).toEqual(['001-项目00/商业计划书-商业计划书-修订.pdf']);
    expect(sha256([...entries.values()][0])).toBe(
      (await stack.sql(`SELECT sha256 FROM stored_files WHERE id = $1`, [bpV2.id]))[0].sha256,
    );
    const judgeZip = await fetch(`${stack.apiUrl}/heats/${heat.competition.heatId}/files.zip`, {
      headers: { authorization: `Bearer ${heat.judges[0].token}` },
    });
    expect(judgeZip.status).toBe(403);
  });

  it('takes a video by resumable upload: a dropped chunk is resumed from the offset the server holds', async () => {
    const video = makeMp4(9 * MB + 123);
    const begun = await stack.post(
      `/projects/${project}/uploads`,
      { field: 'video', name: '路演视频.mp4', size: video.length },
      owner.token,
    );
    expect(begun.status).toBe(201);
    expect(begun.body).toMatchObject({ field: 'video', offset: 0, size: video.length, file: null });
    expect(begun.body.maxBytes).toBeGreaterThan(50 * MB);
    const id = begun.body.id as string;

    const first = await patchChunk(stack, id, 0, video.subarray(0, 4 * MB), owner.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ offset: 4 * MB, file: null });
    // The connection drops part way through the second chunk: nothing of it is kept.
    await droppedChunk(stack, id, 4 * MB, video.subarray(4 * MB, 8 * MB), MB, owner.token);
    await new Promise((r) => setTimeout(r, 500));
    const where = await stack.get(`/uploads/${id}`, owner.token);
    expect(where.status).toBe(200);
    expect(where.body.offset).toBe(4 * MB);
    // A chunk at the wrong offset is told where the upload stands.
    const wrong = await patchChunk(stack, id, 0, video.subarray(0, MB), owner.token);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({
      code: 'UPLOAD_OFFSET_MISMATCH',
      params: { offset: 4 * MB },
    });
    // Another person neither sees nor feeds it.
    const other = heat.applicants[1];
    expect((await stack.get(`/uploads/${id}`, other.token)).status).toBe(404);
    expect((await patchChunk(stack, id, 4 * MB, video.subarray(4 * MB), other.token)).status).toBe(
      404,
    );

    const rest = await patchChunk(stack, id, 4 * MB, video.subarray(4 * MB), owner.token);
    expect(rest.status).toBe(200);
    expect(rest.body.offset).toBe(video.length);
    expect(rest.body.file).toMatchObject({
      field: 'video',
      name: '路演视频.mp4',
      size: video.length,
      sha256: sha256(video),
      contentType: 'video/mp4',
      version: 1,
    });
    // Done: the session and its chunks are gone.
    expect((await stack.get(`/uploads/${id}`, owner.token)).status).toBe(404);
    await storeMatchesRows();

    // The video plays: Range requests answer 206 with the bytes asked.
    const fileId = rest.body.file.id as string;
    const res = await fetch(`${stack.apiUrl}/files/${fileId}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=100-1099' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes 100-1099/${video.length}`);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('content-disposition')).toMatch(/^inline/);
    expect(Buffer.from(await res.arrayBuffer()).equals(video.subarray(100, 1100))).toBe(true);
    const tail = await fetch(`${stack.apiUrl}/files/${fileId}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=-10' },
    });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(video.subarray(-10))).toBe(true);
    const past = await fetch(`${stack.apiUrl}/files/${fileId}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: `bytes=${video.length}-` },
    });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${video.length}`);
    expect(((await past.json()) as { code: string }).code).toBe('FILE_RANGE_NOT_SATISFIABLE');
    // If-Range with another validator: the whole file.
    const stale = await fetch(`${stack.apiUrl}/files/${fileId}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=0-9', 'if-range': '"x"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('etag')).toBe(`"${sha256(video)}"`);
    await stale.arrayBuffer();
  });

  it('refuses a resumable upload past the cap at once, a renamed .exe on its first chunk, and bytes past the declared size', async () => {
    const tooBig = await stack.post(
      `/projects/${project}/uploads`,
      { field: 'bp', name: 'bp.pdf', size: MB + 1 },
      owner.token,
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'FILE_TOO_LARGE', params: { maxBytes: MB } });
    const stranger = await stack.post(
      `/projects/${project}/uploads`,
      { field: 'bp', name: 'bp.pdf', size: 10 },
      heat.applicants[1].token,
    );
    expect(stranger.status).toBe(404);

    const exe = await stack.post(
      `/projects/${project}/uploads`,
      { field: 'deck', name: '路演.pdf', size: EXE.length },
      owner.token,
    );
    expect(exe.status).toBe(201);
    const refused = await patchChunk(stack, exe.body.id, 0, EXE, owner.token);
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({
      code: 'FILE_TYPE_NOT_ACCEPTED',
      params: { detected: 'application/x-msdownload' },
    });
    expect((await stack.get(`/uploads/${exe.body.id}`, owner.token)).status).toBe(404);

    const small = await makePdf(1);
    const begun = await stack.post(
      `/projects/${project}/uploads`,
      { field: 'deck', name: 'deck.pdf', size: small.length - 10 },
      owner.token,
    );
    const over = await patchChunk(stack, begun.body.id, 0, small, owner.token);
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('UPLOAD_SIZE_EXCEEDED');
    const bad = await fetch(`${stack.apiUrl}/uploads/${begun.body.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('UPLOAD_CHUNK_INVALID');
    const cancelled = await fetch(`${stack.apiUrl}/uploads/${begun.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(cancelled.status).toBe(204);
    await storeMatchesRows();
  });

  it('closes the judges’ access with the round, and every change after the deadline', async () => {
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/close`,
          { force: true, reason: '测试' },
          heat.organiser.token,
        )
      ).status,
    ).toBe(200);
    expect((await fetchFile(stack, bpV1.id, heat.judges[0].token)).status).toBe(404);
    expect((await stack.get(`/projects/${project}/files`, heat.judges[0].token)).status).toBe(404);

    await stack.sql(
      `UPDATE competitions SET registration_closes_at = now() - interval '1 minute' WHERE id = $1`,
      [heat.competition.id],
    );
    const late = await uploadFile(stack, project, 'bp', 'late.pdf', pdfV1, owner.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('FILE_DEADLINE_PASSED');
    expect(late.body.params.closesAt).toEqual(expect.any(String));
    // The owner still reads them.
    expect((await fetchFile(stack, bpV1.id, owner.token)).status).toBe(200);
  });
});
