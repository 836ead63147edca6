import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { Stack, waitFor } from './support/stack';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { makePdf } from './support/files';
import { signatureDataUrl } from './support/signature';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
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
      file.on('error', reject);
      file.readEntry();
    });
  });
}

// The official record of a roadshow heat: the draw anyone can recompute from
// its published seed (with the standalone script), the tamper-evident audit
// log, and the evidence pack whose manifest matches its files.
describe('the official record: verifiable draw, audit chain, evidence pack', () => {
  const stack = new Stack();
  let f: RoadshowFixture;
  let token: string;
  let competitionId: string;
  let seed: string;
  let order: string[];

  beforeAll(async () => {
    await stack.start();
    f = await openRoadshow(stack, 5, 2);
    token = f.organiser.token;
    competitionId = f.competition.id;
  });
  afterAll(() => stack.stop());

  it('publishes the seed hash before the draw and the seed after; the script recomputes the order', async () => {
    const commitment = await stack.post(`/rounds/${f.roundId}/pitch-order/commitment`, {}, token);
    expect(commitment.status).toBe(200);
    const announced = commitment.body.seedHash as string;
    expect(announced).toMatch(/^[0-9a-f]{64}$/);
    const [committed] = await stack.sql(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'round.pitch-seed-committed'`,
      [f.roundId],
    );
    expect(committed.data.seedHash).toBe(announced);
    expect(JSON.stringify(committed.data)).not.toContain('"seed"');

    const draw = await stack.post(`/rounds/${f.roundId}/pitch-order`, {}, token);
    expect(draw.status).toBe(200);
    seed = draw.body.seed;
    order = draw.body.order.map((o: { projectId: string }) => o.projectId);
    expect(sha256(seed)).toBe(announced);
    const [drawn] = await stack.sql(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'round.pitch-order-drawn'`,
      [f.roundId],
    );
    expect(drawn.data).toMatchObject({ seed, seedHash: announced, order });

    // Anyone: the published seed, the announced hash, the candidates in any order.
    const script = join(__dirname, '..', 'scripts', 'verify-draw.js');
    const out = execFileSync(
      process.execPath,
      [script, '--seed', seed, '--hash', announced, '--json', ...[...f.projectIds].reverse()],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual(order);
    const plain = execFileSync(process.execPath, [script, '--seed', seed, ...f.projectIds], {
      encoding: 'utf8',
    });
    expect(plain.trim().split('\n')[0]).toBe(`1 ${order[0]}`);
    // A wrong announced hash is caught.
    expect(() =>
      execFileSync(process.execPath, [script, '--seed', seed, '--hash', 'ab'.repeat(32), 'x'], {
        stdio: 'pipe',
      }),
    ).toThrow();
  });

  it('packs the heat’s record with a manifest that matches its files', async () => {
    for (const j of f.judges)
      for (const [i, p] of f.projectIds.entries()) {
        // Distinct totals: no tie at the advancement cut-off.
        const scores = { TECH: 80 - i, BUSINESS: 80, MARKET: 80, TEAM: 80 };
        await stack.put(`/rounds/${f.roundId}/projects/${p}/score`, { scores }, j.token);
        await stack.post(`/rounds/${f.roundId}/projects/${p}/score/submit`, {}, j.token);
      }
    // Judge 0 signs the sheet; judge 1 does not (the pack says so).
    const signed = await stack.post(
      `/rounds/${f.roundId}/my-sheet/signature`,
      { signature: signatureDataUrl() },
      f.judges[0].token,
    );
    expect(signed.status).toBe(200);
    await stack.post(`/rounds/${f.roundId}/now-pitching`, { projectId: order[0] }, token);
    expect(
      (await stack.post(`/rounds/${f.roundId}/timer`, { action: 'START_PITCH' }, token)).status,
    ).toBe(200);
    expect((await stack.post(`/rounds/${f.roundId}/close`, {}, token)).status).toBe(200);
    await waitFor(
      'settled standings',
      async () =>
        (await stack.get(`/heats/${f.competition.heatId}/standings`, token)).body.final === true,
    );
    // Due process on the heat: advanced, released, under 公示; an objection
    // with a PDF (dismissed with reasons) and an appeal of project 1.
    const heatId = f.competition.heatId;
    const semi = await stack.post(
      `/competitions/${competitionId}/heats`,
      { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴' },
      token,
    );
    expect(semi.status).toBe(201);
    const steps = [
      await stack.post(`/heats/${heatId}/advance`, { toHeatId: semi.body.id, count: 2 }, token),
      await stack.post(`/heats/${heatId}/results/release`, {}, token),
    ];
    expect(steps.map((r) => r.status)).toEqual([200, 200]);
    const publicity = await stack.post(`/heats/${heatId}/publicity`, {}, token);
    expect(publicity.status).toBe(201);
    const evidencePdf = await makePdf(1, 0, 'evidence');
    const form = new FormData();
    const phone = '13912345678';
    for (const [k, v] of Object.entries({
      name: '李四',
      contact: phone,
      unit: '江南大学',
      projectId: f.projectIds[0],
      reason: '项目00的专利与另一参赛项目重复。',
    }))
      form.append(k, v);
    form.append('evidence', new Blob([evidencePdf]), '专利证书.pdf');
    const filed = await fetch(
      `${stack.apiUrl}/public/publicities/${publicity.body.id}/objections`,
      { method: 'POST', body: form },
    );
    expect(filed.status).toBe(201);
    const { receipt } = (await filed.json()) as { receipt: string };
    const objections = await stack.get(`/competitions/${competitionId}/objections`, token);
    const objectionId = objections.body.items.find((o: any) => o.receipt === receipt).id;
    const dismissed = await stack.post(
      `/objections/${objectionId}/decide`,
      { outcome: 'DISMISSED', reasons: '经核查，专利不重复。', action: 'NONE' },
      token,
    );
    expect(dismissed.status).toBe(200);
    const appeal = await stack.post(
      `/projects/${f.projectIds[1]}/appeals`,
      { heatId, kind: 'RECHECK', reason: '评分表合计有误。' },
      f.applicants[1].token,
    );
    expect(appeal.status).toBe(201);

    const res = await fetch(`${stack.apiUrl}/heats/${f.competition.heatId}/evidence-pack.zip`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const listed = manifest.files.map((x: { path: string }) => x.path).sort();
    expect(listed).toEqual([...files.keys()].filter((k) => k !== 'manifest.json').sort());
    for (const entry of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      expect({ path: entry.path, sha256: sha256(files.get(entry.path)!) }).toEqual({
        path: entry.path,
        sha256: entry.sha256,
      });
      expect(files.get(entry.path)!.length).toBe(entry.bytes);
    }
    expect(listed).toEqual(
      expect.arrayContaining([
        'rules.json',
        'lists/standings.json',
        'lists/advancement.json',
        'audit.jsonl',
      ]),
    );
    const drawFile = listed.find((p: string) => p.endsWith('/draw.json'))!;
    const draw = JSON.parse(files.get(drawFile)!.toString('utf8'));
    expect({ seed: draw.seed, order: draw.order }).toEqual({ seed, order });
    const timing = JSON.parse(
      files.get(drawFile.replace('draw.json', 'timing.json'))!.toString('utf8'),
    );
    expect(timing.actions.map((a: { kind: string }) => a.kind)).toContain('START_PITCH');
    const rules = JSON.parse(files.get('rules.json')!.toString('utf8'));
    expect(rules.rounds[0].criteria.length).toBeGreaterThan(0);
    expect(manifest.sections).toEqual({
      provided: ['signed-sheets', 'objections', 'appeals', 'due-diligence', 'withdrawals'],
      notYetProvided: [],
    });
    const text = (path: string) => files.get(path)!.toString('utf8');

    // Each judge's 评分表 as PDF; the signatures as given.
    const sheets = listed.filter((p: string) => /^signed-sheets\/01-[^/]+\/\d\d-.+\.pdf$/.test(p));
    expect(sheets).toHaveLength(2);
    for (const p of sheets) expect(files.get(p)!.subarray(0, 5).toString()).toBe('%PDF-');
    const record = JSON.parse(text(sheets[0].replace(/[^/]+\.pdf$/, 'signatures.json')));
    expect(record.roundId).toBe(f.roundId);
    const stateOf = (judgeId: string) =>
      record.sheets.find((x: { judgeId: string }) => x.judgeId === judgeId);
    expect(stateOf(f.judges[0].id)).toMatchObject({ state: 'SIGNED' });
    expect(stateOf(f.judges[1].id)).toMatchObject({ state: 'UNSIGNED', signedAt: null });
    const signedFile = sheets[0].replace(/[^/]+\.pdf$/, stateOf(f.judges[0].id).file);
    expect(sheets).toContain(signedFile);
    expect(record.signatures).toEqual([
      expect.objectContaining({
        judgeId: f.judges[0].id,
        sheetHash: stateOf(f.judges[0].id).sheetHash,
        void: false,
        latest: true,
      }),
    ]);
    expect(record).toMatchObject({ objections: [], confirmations: [] });

    // The objection with its handling: name and unit, no contact; evidence by hash.
    const objectionsFile = text('objections/objections.json');
    for (const [path, body] of files)
      if (/\.jsonl?$/.test(path))
        expect({ path, phone: body.includes(phone) }).toEqual({ path, phone: false });
    const [objection] = JSON.parse(objectionsFile).items;
    expect(objection).toMatchObject({
      receipt,
      objector: { name: '李四', unit: '江南大学' },
      projectId: f.projectIds[0],
      status: 'DISMISSED',
      decisionReason: '经核查，专利不重复。',
      evidence: [
        expect.objectContaining({ bytes: evidencePdf.length, sha256: sha256(evidencePdf) }),
      ],
    });
    expect(JSON.parse(text('appeals/appeals.json')).items).toEqual([
      expect.objectContaining({ projectId: f.projectIds[1], kind: 'RECHECK', status: 'FILED' }),
    ]);
    expect(JSON.parse(text('due-diligence/checks.json'))).toEqual({ items: [] });
    // Their audit entries are in the extract too.
    const actions = text('audit.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'round.sheet-signed',
        'publicity.started',
        'objection.filed',
        'objection.decided',
        'appeal.filed',
      ]),
    );
  });

  it('verifies the audit chain, then names the row changed in SQL', async () => {
    const ok = await stack.get(`/competitions/${competitionId}/audit/verify`, token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, broken: null });
    expect(ok.body.count).toBeGreaterThanOrEqual(3);
    expect(ok.body.headHash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await stack.sql<{ id: string; action: string; seq: number }>(
      `SELECT id, action, seq FROM audit_log WHERE competition_id = $1 ORDER BY seq`,
      [competitionId],
    );
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const target = rows.find((r) => r.action === 'round.pitch-order-drawn')!;
    await stack.sql(`UPDATE audit_log SET reason = 'quietly changed' WHERE id = $1`, [target.id]);
    const broken = await stack.get(`/competitions/${competitionId}/audit/verify`, token);
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      ok: false,
      headHash: null,
      broken: {
        kind: 'ROW_CHANGED',
        id: target.id,
        action: 'round.pitch-order-drawn',
        seq: target.seq,
      },
    });
    expect(typeof broken.body.broken.at).toBe('string');
    // A deleted row is named too: the row after the gap.
    await stack.sql(`UPDATE audit_log SET reason = NULL WHERE id = $1`, [target.id]);
    expect((await stack.get(`/competitions/${competitionId}/audit/verify`, token)).body.ok).toBe(
      true,
    );
    const first = rows[0];
    await stack.sql(`DELETE FROM audit_log WHERE id = $1`, [first.id]);
    const gap = await stack.get(`/competitions/${competitionId}/audit/verify`, token);
    expect(gap.body.broken).toMatchObject({ kind: 'ROW_MISSING', id: rows[1].id, seq: 1 });
  });

  it('chains concurrent appends to one competition without a gap', async () => {
    const other = await openRoadshow(stack, 2, 1);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        stack.patch(`/rounds/${other.roundId}`, { name: `路演评审 ${i}` }, other.organiser.token),
      ),
    );
    const v = await stack.get(
      `/competitions/${other.competition.id}/audit/verify`,
      other.organiser.token,
    );
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body.count).toBeGreaterThanOrEqual(8);
  });
});
