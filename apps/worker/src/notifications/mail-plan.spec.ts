import { planMails } from './mail-plan';

const owner = { userId: 'u1', email: 'Li.Na@Example.cn', name: '李娜', locale: 'en' };

describe('planMails', () => {
  it('plans one mail to the owner for a submission, address normalised', () => {
    const mails = planMails(
      {
        type: 'registration.project-submitted',
        payload: {
          projectId: 'p',
          competitionId: 'c',
          competitionName: '大赛',
          title: '传感器',
          owner,
        },
      },
      { publicUrl: 'http://x' },
    );
    expect(mails).toEqual([
      {
        type: 'PROJECT_SUBMITTED',
        recipient: 'li.na@example.cn',
        locale: 'en',
        data: { name: '李娜', title: '传感器', competitionName: '大赛' },
      },
    ]);
  });

  it('puts the one-time token into the invitation link', () => {
    const [mail] = planMails(
      {
        type: 'identity.user-invited',
        payload: { user: owner, token: 'a+b', expiresAt: '2026-12-01', invitedByName: 'Org' },
      },
      { publicUrl: 'https://contest.example/' },
    );
    expect(mail.type).toBe('INVITATION');
    expect((mail.data as { link: string }).link).toBe(
      'https://contest.example/set-password?token=__INVITATION_TOKEN__',
    );
  });

  it('passes the competition zone to the template, Beijing time for older events', () => {
    const judge = { userId: 'j', email: 'j@x.cn', name: '评委', locale: 'zh-CN' };
    const base = {
      competitionId: 'c',
      roundId: 'r',
      roundName: '初评',
      heatName: '华南赛区',
      closesAt: null,
    };
    const [withZone] = planMails(
      {
        type: 'judging.judges-assigned',
        payload: { ...base, timeZone: 'Europe/Berlin', judges: [{ judge, projectCount: 2 }] },
      },
      { publicUrl: 'http://x' },
    );
    expect((withZone.data as { timeZone: string }).timeZone).toBe('Europe/Berlin');
    // One mail per judge, linking to the judge's list of the round.
    expect((withZone.data as { link: string }).link).toBe(`http://x/judge/rounds/${base.roundId}`);
    const [legacy] = planMails(
      {
        type: 'judging.reminder-requested',
        payload: { ...base, judges: [{ judge, missingTitles: ['a'] }] },
      },
      { publicUrl: 'http://x' },
    );
    expect((legacy.data as { timeZone: string }).timeZone).toBe('Asia/Shanghai');
  });
});
