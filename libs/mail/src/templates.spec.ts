import { pickLocale, renderMail } from './templates';

describe('mail templates', () => {
  it('picks Chinese unless the locale is English', () => {
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('zh-CN')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });

  it('renders the eligibility decision with its reason in both languages', () => {
    const data = { name: '张伟', title: '智能传感器', competitionName: '大赛', decision: 'INELIGIBLE' as const, reason: '方向不符' };
    expect(renderMail('ELIGIBILITY_DECISION', 'zh-CN', data).text).toContain('原因：方向不符');
    expect(renderMail('ELIGIBILITY_DECISION', 'en', data).text).toContain('Reason: 方向不符');
    expect(renderMail('ELIGIBILITY_DECISION', 'en', { ...data, decision: 'ELIGIBLE' }).subject).toBe(
      'Eligibility decision: 智能传感器',
    );
  });
});
