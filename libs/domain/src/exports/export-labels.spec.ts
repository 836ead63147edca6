import {
  exportLang,
  moneyCell,
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
});
