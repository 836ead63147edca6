import { columnLetter, mapHeaders, normaliseHeader } from './sheet-columns';

describe('import headers', () => {
  it('normalises decoration away', () => {
    expect(normaliseHeader(' 邮箱（必填）* ')).toBe('邮箱');
    expect(normaliseHeader('E-mail Address')).toBe('emailaddress');
    expect(normaliseHeader('姓　名')).toBe('姓名');
    expect(normaliseHeader('Phone (mobile)')).toBe('phone');
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });

  it('maps Chinese and English judge headers and lists the ignored ones', () => {
    const zh = mapHeaders('JUDGES', ['序号', '姓名', '邮箱', '工作单位', '手机号码']);
    expect(zh.problems).toEqual([]);
    expect(zh.columns.map((c) => [c.column, c.field])).toEqual([
      ['B', 'name'],
      ['C', 'email'],
      ['D', 'affiliation'],
      ['E', 'phone'],
    ]);
    expect(zh.ignored).toEqual([{ column: 'A', header: '序号' }]);
    const en = mapHeaders('JUDGES', ['Name', 'E-mail', 'Affiliation', 'Phone']);
    expect(en.columns.map((c) => c.field)).toEqual(['name', 'email', 'affiliation', 'phone']);
  });

  it('reports missing required columns and repeated ones', () => {
    const m = mapHeaders('JUDGES', ['姓名', 'Name', '电话']);
    expect(m.problems.map((p) => [p.column, p.field])).toEqual([
      ['B', 'name'],
      [null, 'email'],
    ]);
    expect(m.problems[1].messageZh).toBe('缺少「邮箱」列');
  });

  it('maps a province column of a project list (所在省份, 省份, province)', () => {
    for (const header of ['所在省份', '省份', '省/自治区/直辖市', 'Province']) {
      const m = mapHeaders('PROJECTS', ['项目名称', '赛道', '单位名称', header, '联系人', '邮箱']);
      expect(m.problems).toEqual([]);
      expect(m.columns.find((c) => c.header === header)?.field).toBe('province');
    }
  });

  it('gives an ambiguous project header the field no other column names', () => {
    // "邮箱" could be the contact email; "单位" the organisation.
    const m = mapHeaders('PROJECTS', ['项目名称', '赛道', '单位', '联系人', '邮箱', '手机']);
    expect(m.problems).toEqual([]);
    expect(Object.fromEntries(m.columns.map((c) => [c.header, c.field]))).toEqual({
      项目名称: 'title',
      赛道: 'track',
      单位: 'organisation',
      联系人: 'contactName',
      邮箱: 'contactEmail',
      手机: 'contactPhone',
    });
  });
});
