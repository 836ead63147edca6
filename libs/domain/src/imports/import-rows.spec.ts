import { parseSheetDate, splitNames, validateJudgeRow, validateProjectRow } from './import-rows';

const ctx = {
  tracks: [
    { code: 'IOT', name: '物联网' },
    { code: 'AI', name: '人工智能' },
  ],
  heats: [{ id: 'h-south', name: '华南赛区' }],
};

describe('judge rows', () => {
  it('normalises a valid row', () => {
    expect(
      validateJudgeRow({
        name: ' 王芳 ',
        email: 'Wang.Fang@Example.CN ',
        affiliation: '',
        phone: '138 0013 8000',
      }),
    ).toEqual({
      ok: true,
      value: {
        name: '王芳',
        email: 'wang.fang@example.cn',
        affiliation: null,
        phone: '138 0013 8000',
      },
    });
  });

  it('lists every problem of a row by field', () => {
    const r = validateJudgeRow({ name: '', email: 'not-an-email', phone: 'call me' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['name', 'email', 'phone']);
    expect(r.problems[1].messageZh).toBe('邮箱「not-an-email」不是有效的邮箱地址');
  });

  it('accepts a full-width address and a mailto link', () => {
    const r = validateJudgeRow({ name: 'A', email: 'mailto:ａ@ｂ.cn' });
    expect(r.ok && r.value.email).toBe('a@b.cn');
  });
});

describe('project rows', () => {
  const row = {
    externalRef: 'GD-2026-017',
    title: '柔性电子皮肤传感器',
    track: '物联网',
    heat: '华南赛区',
    organisation: '深圳智感科技有限公司',
    foundedAt: '2023年6月1日',
    contactName: '李娜',
    contactEmail: 'Li.Na@example.cn',
    team: '李娜、陈刚；赵敏',
  };

  it('resolves track by name or code and heat by name', () => {
    const r = validateProjectRow(row, ctx, new Date('2026-11-01'));
    expect(r).toEqual({
      ok: true,
      value: {
        importRef: 'ref:gd-2026-017',
        externalRef: 'GD-2026-017',
        title: '柔性电子皮肤传感器',
        summary: '',
        trackCode: 'IOT',
        heatId: 'h-south',
        organisation: { name: '深圳智感科技有限公司', foundedAt: '2023-06-01' },
        contact: { name: '李娜', email: 'li.na@example.cn', phone: null },
        team: ['陈刚', '赵敏'],
        fundingStage: null,
      },
    });
    const byCode = validateProjectRow(
      { ...row, track: 'ai', heat: '' },
      {
        ...ctx,
        defaultHeatId: 'h-x',
      },
    );
    expect(byCode.ok && [byCode.value.trackCode, byCode.value.heatId]).toEqual(['AI', 'h-x']);
  });

  it('keeps the unit’s province (所在省份) for the expert draw', () => {
    const r = validateProjectRow({ ...row, city: '深圳', province: ' 广东省 ' }, ctx);
    expect(r.ok && r.value.organisation).toEqual({
      name: '深圳智感科技有限公司',
      city: '深圳',
      province: '广东省',
      foundedAt: '2023-06-01',
    });
    const long = validateProjectRow({ ...row, province: '省'.repeat(51) }, ctx);
    expect(!long.ok && long.problems.map((p) => p.field)).toEqual(['province']);
  });

  it('keys a row without a reference by title and organisation', () => {
    const r = validateProjectRow({ ...row, externalRef: '' }, ctx);
    expect(r.ok && r.value.importRef).toBe('auto:柔性电子皮肤传感器|深圳智感科技有限公司');
  });

  it('names unknown tracks and heats, bad dates and a missing heat', () => {
    const r = validateProjectRow(
      { ...row, track: '航天', heat: '火星赛区', foundedAt: '2023-02-30' },
      ctx,
    );
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual(['track', 'heat', 'foundedAt']);
    const noHeat = validateProjectRow({ ...row, heat: '' }, ctx);
    expect(!noHeat.ok && noHeat.problems[0].field).toBe('heat');
  });

  it('takes "today" for a founding date in the competition’s zone', () => {
    // 00:30 on 2 December in Beijing, still 1 December in UTC.
    const at = new Date('2026-12-01T16:30:00Z');
    const founded = (foundedAt: string, timeZone?: string) =>
      validateProjectRow({ ...row, foundedAt }, { ...ctx, timeZone }, at);
    expect(founded('2026-12-02', 'Asia/Shanghai').ok).toBe(true);
    expect(founded('2026-12-02').ok).toBe(true); // Beijing by default
    expect(founded('2026-12-03', 'Asia/Shanghai')).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ field: 'foundedAt' })],
    });
    expect(founded('2026-12-02', 'Europe/Berlin').ok).toBe(false);
  });

  it('parses the dates spreadsheets hold', () => {
    expect(parseSheetDate('2023/6/1')).toBe('2023-06-01');
    expect(parseSheetDate('2023.06.01')).toBe('2023-06-01');
    expect(parseSheetDate('2023年6月')).toBe('2023-06-01');
    expect(parseSheetDate('2024-02-29')).toBe('2024-02-29');
    expect(parseSheetDate('2023-02-29')).toBeNull();
    expect(parseSheetDate('June 2023')).toBeNull();
    expect(splitNames('a, b；c\nd')).toEqual(['a', 'b', 'c', 'd']);
  });
});
