import ExcelJS from 'exceljs';
import { deterministicScores, round2, total } from './support/judging-scenario';
import { pdfText } from './support/files';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { signatureDataUrl, signaturePng } from './support/signature';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

// 签字确认 (issue 20): judges sign their score sheets on the phone, a team
// confirms its revealed result or objects within the window, the organisers
// decide objections (upheld → re-score and reveal again), and the round
// closes only when all is signed and decided, or by force with a reason.
describe('the roadshow day: signatures, confirmations and objections', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let token: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 3, 'MEAN');
    token = show.organiser.token;
    const put = await stack.put(
      url('/roadshow-settings'),
      {
        pitchMinutes: 8,
        qaMinutes: 7,
        warningSeconds: 60,
        revealMode: 'AUTO',
        judgeLabels: 'NUMBER',
        signOffRequired: true,
        objectionMinutes: 20,
      },
      token,
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ signOffRequired: true, objectionMinutes: 20 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const url = (path: string) => `/rounds/${show.roundId}${path}`;
  const judge = (j: number) => show.judges[j].token;
  // Project n belongs to applicant n % 4 (eligibleHeat).
  const owner = (p: number) => show.applicants[p % show.applicants.length];
  const submit = async (j: number, p: number, bump = 0) => {
    const scores = deterministicScores(j, p + 1);
    if (bump) scores.TECH = Math.min(100, scores.TECH + bump);
    const put = await stack.put(
      url(`/projects/${show.projectIds[p]}/score`),
      { scores, submit: true },
      judge(j),
    );
    expect(put.status).toBe(200);
    return total(scores);
  };
  const result = (p: number) =>
    stack.get(url(`/projects/${show.projectIds[p]}/result`), owner(p).token);
  const download = async (path: string, tok: string) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${tok}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: Buffer.from(await res.arrayBuffer()),
    };
  };
  const totals: number[][] = [[], [], []];

  it('a judge signs a complete sheet once; blank, false and early signatures are refused', async () => {
    for (const j of [0, 1]) for (const p of [0, 1, 2]) totals[j][p] = await submit(j, p);
    for (const p of [0, 1]) totals[2][p] = await submit(2, p);

    const sheet = await stack.get(url('/my-sheet'), judge(0));
    expect(sheet.status).toBe(200);
    expect(sheet.body).toMatchObject({ judgeName: '评委0', state: 'UNSIGNED', complete: true });
    expect(sheet.body.lines).toHaveLength(3);

    const blank = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl(0) },
      judge(0),
    );
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('SIGNATURE_EMPTY');
    const gif = Buffer.from('GIF89a' + 'x'.repeat(100)).toString('base64');
    const fake = await stack.post(url('/my-sheet/signature'), { signature: gif }, judge(0));
    expect(fake.status).toBe(422);
    expect(fake.body).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(fake.body.details[0].field).toBe('signature');
    const wide = signaturePng(2100, 30, 5).toString('base64');
    const tooWide = await stack.post(url('/my-sheet/signature'), { signature: wide }, judge(0));
    expect(tooWide.body).toMatchObject({ code: 'SIGNATURE_INVALID' });
    const heavy = Buffer.concat([signaturePng(), Buffer.alloc(210 * 1024)]).toString('base64');
    const tooHeavy = await stack.post(url('/my-sheet/signature'), { signature: heavy }, judge(0));
    expect(tooHeavy.status).toBe(422);
    expect(tooHeavy.body.code).toBe('SIGNATURE_TOO_LARGE');

    const signed = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl() },
      judge(0),
    );
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('SIGNED');
    expect(signed.body.signedAt).toBeTruthy();
    const again = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl() },
      judge(0),
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SHEET_ALREADY_SIGNED');

    // Judge 2 has not submitted 项目02: the refusal names it.
    const early = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl() },
      judge(2),
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'SHEET_NOT_COMPLETE',
      params: { projects: ['项目02'] },
    });
    totals[2][2] = await submit(2, 2);
    expect(
      (await stack.post(url('/my-sheet/signature'), { signature: signatureDataUrl() }, judge(2)))
        .status,
    ).toBe(200);

    const overview = await stack.get(url('/sign-off'), token);
    expect(overview.status).toBe(200);
    expect(overview.body.sheets.map((s: any) => [s.name, s.state])).toEqual([
      ['评委0', 'SIGNED'],
      ['评委1', 'UNSIGNED'],
      ['评委2', 'SIGNED'],
    ]);
    expect(overview.body.complete).toBe(false);
  });

  it('a team confirms its revealed result with a signature (无异议) and may not object after', async () => {
    const before = await result(0);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ state: 'OPEN', mayConfirm: true, mayObject: true });
    const revealedAt = Date.parse(before.body.revealedAt);
    expect(Date.parse(before.body.objectionClosesAt) - revealedAt).toBe(20 * 60_000);
    expect(before.body.card.score).toBe(round2((totals[0][0] + totals[1][0] + totals[2][0]) / 3));
    // Another applicant cannot see or answer it.
    expect(
      (await stack.get(url(`/projects/${show.projectIds[0]}/result`), owner(1).token)).status,
    ).toBe(404);

    const confirmed = await stack.post(
      url(`/projects/${show.projectIds[0]}/confirmation`),
      { signature: signatureDataUrl() },
      owner(0).token,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      state: 'CONFIRMED',
      mayConfirm: false,
      mayObject: false,
    });
    const objection = await stack.post(
      url(`/projects/${show.projectIds[0]}/objection`),
      { text: '我们认为评分有误' },
      owner(0).token,
    );
    expect(objection.status).toBe(409);
    expect(objection.body.code).toBe('RESULT_ALREADY_CONFIRMED');
  });

  it('an objection pauses the result (异议处理中); a second is refused; upheld, the project is scored and revealed again', async () => {
    const issued = await stack.post(url('/ranking/stream-ticket'), {}, token);
    const screen = readEvents(
      `${stack.apiUrl}${url('/screen/stream')}?ticket=${issued.body.ticket}`,
    );
    expect(await screen.opened).toBe(200);
    const frame = () => [...screen.events].reverse().find((e) => e.type === 'screen')?.data;
    const entry = () => frame()?.ranking.find((e: any) => e.projectId === show.projectIds[1]);
    await waitFor('project 1 on the screen, final', () => entry()?.disputed === false);

    const raised = await stack.post(
      url(`/projects/${show.projectIds[1]}/objection`),
      { text: '评委3对我们的技术方案理解有误，请复核。' },
      owner(1).token,
    );
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ state: 'OBJECTED', mayObject: false, mayConfirm: false });
    expect(raised.body.objection).toMatchObject({ status: 'PENDING' });
    await waitFor('the screen shows 异议处理中', () => entry()?.disputed === true);

    const second = await stack.post(
      url(`/projects/${show.projectIds[1]}/objection`),
      { text: '再次提出异议，请复核。' },
      owner(1).token,
    );
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('OBJECTION_ALREADY_RAISED');
    const confirmWhilePending = await stack.post(
      url(`/projects/${show.projectIds[1]}/confirmation`),
      { signature: signatureDataUrl() },
      owner(1).token,
    );
    expect(confirmWhilePending.body.code).toBe('OBJECTION_PENDING');

    // The close waits for the decision, naming the project.
    const refused = await stack.post(url('/close'), {}, token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ROUND_NOT_SIGNED_OFF');
    expect(refused.body.params.projects).toEqual(['项目01']);

    const id = raised.body.objection.id;
    const decided = await stack.post(
      url(`/objections/${id}/decision`),
      {
        decision: 'UPHELD',
        handling: '调阅评分记录，评委复议',
        reason: '技术方案评分依据有误，重新评分',
      },
      token,
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'UPHELD',
      reason: '技术方案评分依据有误，重新评分',
    });
    const twice = await stack.post(
      url(`/objections/${id}/decision`),
      { decision: 'DISMISSED', handling: 'x', reason: 'y' },
      token,
    );
    expect(twice.body.code).toBe('ONSITE_OBJECTION_ALREADY_DECIDED');

    // The project's scores are reopened: no card, signatures voided.
    expect((await result(1)).body).toMatchObject({ state: 'RESCORING', card: null });
    expect((await stack.get(url('/my-sheet'), judge(0))).body.state).toBe('VOID');
    await waitFor('the screen no longer ranks it', () => !entry());
    const [audit] = await stack.sql(
      `SELECT reason, data FROM audit_log WHERE action = 'round.objection-decided' AND entity_id = $1`,
      [show.projectIds[1]],
    );
    expect(audit.reason).toBe('技术方案评分依据有误，重新评分');
    expect(audit.data.reopenedJudges).toHaveLength(3);

    // The team is told, in Chinese.
    await waitFor('the decision mail', () =>
      stack.smtp.to(owner(1).email).some((m) => m.subject === '异议处理结果：项目01'),
    );
    const mail = stack.smtp.to(owner(1).email).find((m) => m.subject === '异议处理结果：项目01')!;
    expect(mail.text).toContain('异议成立');
    expect(mail.text).toContain('技术方案评分依据有误');

    // Re-scored by the rule: every judge submits again, the reveal runs again.
    for (const j of [0, 1, 2]) totals[j][1] = await submit(j, 1, 5);
    const again = await waitFor('revealed again', async () => {
      const r = await result(1);
      return r.body.state === 'RESCORED' ? r : null;
    });
    expect(again.body.card.score).toBe(round2((totals[0][1] + totals[1][1] + totals[2][1]) / 3));
    expect(again.body).toMatchObject({ mayObject: false, mayConfirm: true });
    await waitFor('ranked again, final', () => entry()?.disputed === false);
    const confirmed = await stack.post(
      url(`/projects/${show.projectIds[1]}/confirmation`),
      { signature: signatureDataUrl() },
      owner(1).token,
    );
    expect(confirmed.body.state).toBe('CONFIRMED');
    // The judges whose sheet changed sign again.
    const resigned = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl() },
      judge(0),
    );
    expect(resigned.body.state).toBe('SIGNED');
    screen.close?.();
  });

  it('refuses an objection after the window, naming when it closed', async () => {
    // The reveal (AUTO: the last submit) 30 minutes ago.
    await stack.sql(
      `UPDATE scores SET submitted_at = submitted_at - interval '30 minutes' WHERE round_id = $1 AND project_id = $2`,
      [show.roundId, show.projectIds[2]],
    );
    const r = await result(2);
    expect(r.body).toMatchObject({ state: 'LAPSED', mayObject: false, mayConfirm: true });
    const late = await stack.post(
      url(`/projects/${show.projectIds[2]}/objection`),
      { text: '我们对成绩有异议。' },
      owner(2).token,
    );
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('OBJECTION_WINDOW_CLOSED');
    expect(Date.parse(late.body.params.closesAt)).toBe(Date.parse(r.body.objectionClosesAt));
  });

  it('gives each judge’s 评分表 as PDF and XLSX with names, totals and the signature', async () => {
    const pdf = await download(url(`/judges/${show.judges[0].id}/score-sheet.pdf`), token);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdfText(pdf.body).join(' ');
    expect(text).toContain('评委：评委0');
    expect(text).toContain('路演评审');
    for (const p of [0, 1, 2]) expect(text).toContain(String(round2(totals[0][p])));
    expect(text).toContain('签字时间');
    expect(text).toContain('北京时间');
    expect(pdf.body.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);

    const xlsx = await download(url(`/judges/${show.judges[0].id}/score-sheet.xlsx`), token);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[0];
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('评委：评委0');
    for (const p of [0, 1, 2]) expect(cells).toContain(round2(totals[0][p]));
    expect(cells.some((c) => typeof c === 'string' && c.includes('签字时间'))).toBe(true);
    expect(ws.getImages()).toHaveLength(1);

    // Judge 1 never signed: the sheet says so, without an image.
    const unsigned = await download(url(`/judges/${show.judges[1].id}/score-sheet.pdf`), token);
    expect(pdfText(unsigned.body).join(' ')).toContain('未签字');
    expect(unsigned.body.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    // A judge reads their own, not another's.
    expect((await download(url('/my-sheet.pdf'), judge(0))).status).toBe(200);
    expect((await download(url('/my-sheet.xlsx'), judge(0))).status).toBe(200);
    expect(
      (await download(url(`/judges/${show.judges[0].id}/score-sheet.pdf`), judge(1))).status,
    ).toBe(403);
  });

  it('refuses the close while a sheet is unsigned, naming the judge; a forced close needs a reason and is audited', async () => {
    const refused = await stack.post(url('/close'), {}, token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'ROUND_NOT_SIGNED_OFF',
      params: { judges: expect.arrayContaining(['评委1']), projects: [] },
    });
    expect(refused.body.params.judges).not.toContain('评委0');
    const noReason = await stack.post(url('/close'), { force: true }, token);
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('FORCE_REASON_REQUIRED');
    const forced = await stack.post(
      url('/close'),
      { force: true, reason: '评委1 因急事离场，未能签字' },
      token,
    );
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('CLOSED');
    const [audit] = await stack.sql(
      `SELECT reason, data FROM audit_log WHERE action = 'round.force-closed' AND entity_id = $1`,
      [show.roundId],
    );
    expect(audit.reason).toBe('评委1 因急事离场，未能签字');
    expect(audit.data.unsignedJudges).toContain('评委1');
    // A closed round's sheets and answers are final.
    const late = await stack.post(
      url('/my-sheet/signature'),
      { signature: signatureDataUrl() },
      judge(1),
    );
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ROUND_NOT_OPEN');
  });
});
