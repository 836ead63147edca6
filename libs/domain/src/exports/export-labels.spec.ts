import {
  exportLang,
  moneyCell,
  yuanAsWanCell,
  projectStatusLabel,
  scoreStatusLabel,
  signingStatusLabel,
} from './export-labels';

describe('export labels', () => {
  it('is Chinese unless English is asked for', () => {
    expect(exportLang(undefined)).toBe('zh');
    expect(exportLang('zh-CN')).toBe('zh');
    expect(exportLang('EN')).toBe('en');
  });

  it('names statuses in the export language', () => {
    expect(projectStatusLabel('ELIGIBLE', 'zh')).toBe('资格审查通过');
    expect(projectStatusLabel('ELIGIBLE', 'en')).toBe('Eligible');
    expect(projectStatusLabel('SOMETHING_NEW', 'zh')).toBe('SOMETHING_NEW');
    expect(scoreStatusLabel('MISSING', 'zh')).toBe('未评分');
    expect(signingStatusLabel('LANDED', 'zh')).toBe('已落地');
  });

  it('writes money as a number', () => {
    expect(moneyCell('5000000.00')).toBe(5000000);
    expect(moneyCell({ toString: () => '1234.50' })).toBe(1234.5);
    expect(moneyCell(null)).toBeNull();
  });

  it('writes yuan as the exact 万元 figure organisers type', () => {
    expect(yuanAsWanCell('5000000.00')).toBe(500);
    expect(yuanAsWanCell('12345.67')).toBe(1.234567);
    expect(yuanAsWanCell('1.5')).toBe(0.00015);
    expect(yuanAsWanCell('0.01')).toBe(0.000001);
    expect(yuanAsWanCell('0')).toBe(0);
    expect(yuanAsWanCell({ toString: () => '80000000.00' })).toBe(8000);
    expect(yuanAsWanCell(null)).toBeNull();
    expect(yuanAsWanCell('5,000')).toBeNull();
  });
});
