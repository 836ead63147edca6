import { pickLocale, renderMail } from './templates';

describe('mail templates', () => {
  it('picks Chinese unless the locale is English', () => {
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('zh-CN')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });

  it('renders one eligibility mail listing every project, with reasons and corrections', () => {
    const data = {
      name: '张伟',
      competitionName: '大赛',
      correction: false,
      items: [
        {
          title: '智能传感器',
          decision: 'INELIGIBLE' as const,
          reason: '方向不符',
          previousDecision: null,
        },
        { title: '电子皮肤', decision: 'ELIGIBLE' as const, reason: null, previousDecision: null },
      ],
    };
    expect(renderMail('ELIGIBILITY_DECISION', 'zh-CN', data).text).toContain(
      '「智能传感器」：未通过资格审查（原因：方向不符）',
    );
    expect(renderMail('ELIGIBILITY_DECISION', 'en', data).text).toContain('(Reason: 方向不符)');
    expect(renderMail('ELIGIBILITY_DECISION', 'en', data).subject).toBe(
      'Eligibility decision: 大赛',
    );
    const correction = renderMail('ELIGIBILITY_DECISION', 'zh-CN', {
      ...data,
      correction: true,
      items: [{ ...data.items[1], previousDecision: 'INELIGIBLE' as const }],
    });
    expect(correction.subject).toBe('资格审查结果更正：大赛');
    expect(correction.text).toContain('此前通知为：未通过资格审查');
  });

  it('renders results with award tiers and corrections', () => {
    const mail = renderMail('ADVANCEMENT_RESULT', 'zh-CN', {
      name: '李娜',
      heatName: '总决赛',
      timeZone: 'Asia/Shanghai',
      competitionName: '大赛',
      correction: true,
      results: [{ title: 'A', result: 'AWARDED', award: '一等奖', corrected: true }],
      nextHeat: null,
    });
    expect(mail.subject).toBe('晋级结果更正：大赛 · 总决赛');
    expect(mail.text).toContain('- A：获奖（一等奖）（更正）');
  });

  it('prints deadlines in the competition time zone, in the reader language', () => {
    const data = {
      name: '王芳',
      roundName: '线上初评',
      heatName: '华南赛区',
      missingTitles: ['智能传感器'],
      closesAt: '2026-12-01T10:00:00.000Z',
      timeZone: 'Asia/Shanghai',
    };
    expect(renderMail('SCORE_REMINDER', 'zh-CN', data).text).toContain(
      '请于 2026年12月1日 18:00（北京时间） 前完成评分。',
    );
    expect(renderMail('SCORE_REMINDER', 'en', data).text).toContain(
      'Please finish scoring before 1 Dec 2026, 18:00 (UTC+08:00).',
    );
    const summer = { ...data, closesAt: '2026-07-01T10:00:00.000Z', timeZone: 'Europe/Berlin' };
    expect(renderMail('JUDGE_ASSIGNMENT', 'en', { ...summer, projectCount: 3 }).text).toContain(
      'before 1 Jul 2026, 12:00 (UTC+02:00).',
    );
  });

  it('dates the next heat and the invitation expiry in the zone', () => {
    const result = renderMail('ADVANCEMENT_RESULT', 'zh-CN', {
      name: '李娜',
      heatName: '华南赛区',
      competitionName: '大赛',
      timeZone: 'Asia/Shanghai',
      results: [{ title: '传感器', result: 'ADVANCED' }],
      nextHeat: { name: '半决赛', city: '江阴', venue: null, startsAt: '2026-06-10T01:00:00Z' },
    });
    expect(result.text).toContain(
      '下一阶段：半决赛，时间 2026年6月10日 09:00（北京时间），地点 江阴。',
    );
    const invitation = renderMail('INVITATION', 'en', {
      name: 'Anna',
      link: 'http://x',
      expiresAt: '2026-12-08T15:59:00Z',
      invitedByName: 'Org',
      timeZone: 'Asia/Shanghai',
    });
    expect(invitation.text).toContain('before 8 Dec 2026, 23:59 (UTC+08:00) at');
  });
});
