// Email templates in Chinese and English, chosen by the recipient's locale.
// Plain text: these mails are read on phones and in enterprise clients that
// strip styling; a text body renders everywhere.

export type MailLocale = 'zh-CN' | 'en';

export const pickLocale = (locale: string | null | undefined): MailLocale =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';

export interface TemplateData {
  SIGNUP: { name: string };
  INVITATION: { name: string; link: string; expiresAt: string; invitedByName: string };
  PROJECT_SUBMITTED: { name: string; title: string; competitionName: string };
  ELIGIBILITY_DECISION: {
    name: string;
    title: string;
    competitionName: string;
    decision: 'ELIGIBLE' | 'INELIGIBLE';
    reason: string | null;
  };
  JUDGE_ASSIGNMENT: { name: string; roundName: string; heatName: string; projectCount: number; closesAt: string | null };
  SCORE_REMINDER: { name: string; roundName: string; heatName: string; missingTitles: string[]; closesAt: string | null };
  ADVANCEMENT_RESULT: {
    name: string;
    heatName: string;
    competitionName: string;
    results: { title: string; result: 'ADVANCED' | 'ELIMINATED' | 'AWARDED' }[];
    nextHeat: { name: string; city: string | null; venue: string | null; startsAt: string | null } | null;
  };
  SIGNING_UPDATE: { name: string; projectTitle: string; host: string; to: string; note: string | null };
}

const RESULT_ZH = { ADVANCED: '晋级', ELIMINATED: '未晋级', AWARDED: '获奖' } as const;
const RESULT_EN = { ADVANCED: 'advanced', ELIMINATED: 'did not advance', AWARDED: 'awarded' } as const;
const SIGNING_ZH: Record<string, string> = { INTENT: '签约意向', NEGOTIATING: '洽谈中', SIGNED: '已签约', LANDED: '已落地', CANCELLED: '已取消' };
const nextHeatZh = (n: TemplateData['ADVANCEMENT_RESULT']['nextHeat']) =>
  n ? `\n下一阶段：${n.name}${n.startsAt ? `，时间 ${n.startsAt}` : ''}${n.city || n.venue ? `，地点 ${[n.city, n.venue].filter(Boolean).join(' ')}` : ''}。` : '';
const nextHeatEn = (n: TemplateData['ADVANCEMENT_RESULT']['nextHeat']) =>
  n ? `\nNext: ${n.name}${n.startsAt ? ` on ${n.startsAt}` : ''}${n.city || n.venue ? ` at ${[n.venue, n.city].filter(Boolean).join(', ')}` : ''}.` : '';

export type MailType = keyof TemplateData;

export interface RenderedMail {
  subject: string;
  text: string;
}

const deadline = (closesAt: string | null, zh: boolean) =>
  closesAt ? (zh ? `请于 ${closesAt} 前完成评分。` : `Please finish scoring before ${closesAt}.`) : '';

type Templates = { [T in MailType]: Record<MailLocale, (d: TemplateData[T]) => RenderedMail> };

const templates: Templates = {
  SIGNUP: {
    'zh-CN': (d) => ({
      subject: '欢迎注册创新创业大赛平台',
      text: `${d.name}，您好：\n\n您的账号已创建，现在可以登录并报名参赛项目。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: 'Welcome to the competition platform',
      text: `Dear ${d.name},\n\nYour account is ready. Sign in to register your project.\n\nThe organising committee`,
    }),
  },
  INVITATION: {
    'zh-CN': (d) => ({
      subject: '您受邀加入创新创业大赛平台',
      text: `${d.name}，您好：\n\n${d.invitedByName} 邀请您加入大赛平台。请在 ${d.expiresAt} 前通过以下链接设置密码：\n${d.link}\n\n该链接仅可使用一次。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: 'You are invited to the competition platform',
      text: `Dear ${d.name},\n\n${d.invitedByName} invited you to the competition platform. Set your password before ${d.expiresAt} at:\n${d.link}\n\nThe link works once.\n\nThe organising committee`,
    }),
  },
  PROJECT_SUBMITTED: {
    'zh-CN': (d) => ({
      subject: `项目已提交：${d.title}`,
      text: `${d.name}，您好：\n\n您的项目「${d.title}」已成功提交至「${d.competitionName}」，组委会将进行资格审查，结果将通过邮件通知您。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Project submitted: ${d.title}`,
      text: `Dear ${d.name},\n\nYour project "${d.title}" has been submitted to "${d.competitionName}". The organisers will review its eligibility and email you the result.\n\nThe organising committee`,
    }),
  },
  ELIGIBILITY_DECISION: {
    'zh-CN': (d) => ({
      subject: `资格审查结果：${d.title}`,
      text:
        d.decision === 'ELIGIBLE'
          ? `${d.name}，您好：\n\n恭喜！您的项目「${d.title}」已通过「${d.competitionName}」资格审查，将进入评审环节。\n\n大赛组委会`
          : `${d.name}，您好：\n\n很遗憾，您的项目「${d.title}」未通过「${d.competitionName}」资格审查。\n原因：${d.reason ?? ''}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Eligibility decision: ${d.title}`,
      text:
        d.decision === 'ELIGIBLE'
          ? `Dear ${d.name},\n\nYour project "${d.title}" passed the eligibility review of "${d.competitionName}" and goes on to judging.\n\nThe organising committee`
          : `Dear ${d.name},\n\nWe regret that your project "${d.title}" did not pass the eligibility review of "${d.competitionName}".\nReason: ${d.reason ?? ''}\n\nThe organising committee`,
    }),
  },
  JUDGE_ASSIGNMENT: {
    'zh-CN': (d) => ({
      subject: `评审任务：${d.heatName} · ${d.roundName}`,
      text: `${d.name}，您好：\n\n您被分配评审「${d.heatName}」${d.roundName}的 ${d.projectCount} 个项目。${deadline(d.closesAt, true)}\n登录平台查看评审任务。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Judging assignment: ${d.heatName} · ${d.roundName}`,
      text: `Dear ${d.name},\n\nYou are assigned ${d.projectCount} projects in ${d.roundName} of ${d.heatName}. ${deadline(d.closesAt, false)}\nSign in to see them.\n\nThe organising committee`,
    }),
  },
  SCORE_REMINDER: {
    'zh-CN': (d) => ({
      subject: `评分提醒：${d.heatName} · ${d.roundName}`,
      text: `${d.name}，您好：\n\n您尚有 ${d.missingTitles.length} 个项目未提交评分：\n${d.missingTitles.map((t) => `- ${t}`).join('\n')}\n${deadline(d.closesAt, true)}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Scoring reminder: ${d.heatName} · ${d.roundName}`,
      text: `Dear ${d.name},\n\n${d.missingTitles.length} of your projects have no submitted score yet:\n${d.missingTitles.map((t) => `- ${t}`).join('\n')}\n${deadline(d.closesAt, false)}\n\nThe organising committee`,
    }),
  },
  ADVANCEMENT_RESULT: {
    'zh-CN': (d) => ({
      subject: `晋级结果：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n「${d.heatName}」评审结果如下：\n${d.results.map((r) => `- ${r.title}：${RESULT_ZH[r.result]}`).join('\n')}${d.results.some((r) => r.result === 'ADVANCED') ? nextHeatZh(d.nextHeat) : ''}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Results: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nThe results of ${d.heatName}:\n${d.results.map((r) => `- ${r.title}: ${RESULT_EN[r.result]}`).join('\n')}${d.results.some((r) => r.result === 'ADVANCED') ? nextHeatEn(d.nextHeat) : ''}\n\nThe organising committee`,
    }),
  },
  SIGNING_UPDATE: {
    'zh-CN': (d) => ({
      subject: `项目签约进展：${d.projectTitle}`,
      text: `${d.name}，您好：\n\n您的项目「${d.projectTitle}」与 ${d.host} 的签约状态更新为：${SIGNING_ZH[d.to] ?? d.to}。${d.note ? `\n备注：${d.note}` : ''}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Signing update: ${d.projectTitle}`,
      text: `Dear ${d.name},\n\nThe signing of "${d.projectTitle}" with ${d.host} is now ${d.to}.${d.note ? `\nNote: ${d.note}` : ''}\n\nThe organising committee`,
    }),
  },
};

export function renderMail<T extends MailType>(type: T, locale: string, data: TemplateData[T]): RenderedMail {
  return templates[type][pickLocale(locale)](data);
}
