import { neutraliseCell, toCsv } from './csv';

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `'=HYPERLINK("http://evil.example","点我")`],
    ['+1+2', "'+1+2"],
    ['-3+4', "'-3+4"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
  ])('neutralises a cell that starts like a formula: %j', (raw, safe) => {
    expect(neutraliseCell(raw)).toBe(safe);
  });

  it('leaves ordinary text alone, including a formula character later in the cell', () => {
    expect(neutraliseCell('柔性电子皮肤 = 未来')).toBe('柔性电子皮肤 = 未来');
    expect(neutraliseCell('')).toBe('');
  });

  it('writes numbers as numbers, even negative ones or formatted as strings', () => {
    expect(toCsv(['n', 's'], [[-3.5, '-0.53']])).toBe('\ufeffn,s\r\n-3.5,-0.53\r\n');
    expect(neutraliseCell('-3+4')).toBe("'-3+4");
  });

  it('quotes after neutralising, with a BOM and CRLF', () => {
    expect(
      toCsv(
        ['标题', 'x'],
        [
          ['=1+2,3', null],
          ['a"b', 'ok'],
        ],
      ),
    ).toBe('\ufeff标题,x\r\n"\'=1+2,3",\r\n"a""b",ok\r\n');
  });
});
