// Email templates in Chinese and English, chosen by the recipient's locale.
// Plain text: these mails are read on phones and in enterprise clients that
// strip styling; a text body renders everywhere. Times arrive as ISO instants
// with the competition's time zone and are rendered here, in the reader's
// language, in that zone ("2026年12月1日 18:00（北京时间）").
import { MailType, formatHumanTime } from '@app/domain';

export type MailLocale = 'zh-CN' | 'en';

export const pickLocale = (locale: string | null | undefined): MailLocale =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';

export interface TemplateData {
  SIGNUP: { name: string };
  INVITATION: {
    name: string;
    link: string;
    expiresAt: string;
    invitedByName: string;
    timeZone: string;
  };
  PASSWORD_RESET: { name: string; link: string; expiresAt: string; timeZone: string };
  PROJECT_SUBMITTED: { name: string; title: string; competitionName: string };
  // One mail per owner and release, listing each changed project.
  ELIGIBILITY_DECISION: {
    name: string;
    competitionName: string;
    correction: boolean;
    items: {
      title: string;
      decision: 'ELIGIBLE' | 'INELIGIBLE';
      reason: string | null;
      previousDecision: 'ELIGIBLE' | 'INELIGIBLE' | null;
    }[];
  };
  JUDGE_ASSIGNMENT: {
    name: string;
    roundName: string;
    heatName: string;
    projectCount: number;
    closesAt: string | null;
    timeZone: string;
    // The judge's list of the round's projects; absent in mails planned before it existed.
    link?: string;
  };
  SCORE_REMINDER: {
    name: string;
    roundName: string;
    heatName: string;
    missingTitles: string[];
    closesAt: string | null;
    timeZone: string;
  };
  ADVANCEMENT_RESULT: {
    name: string;
    heatName: string;
    competitionName: string;
    timeZone: string;
    correction?: boolean;
    // The final: a result there is an award or none, not advancement.
    final?: boolean;
    results: {
      title: string;
      result: 'ADVANCED' | 'ELIMINATED' | 'AWARDED';
      award?: string | null;
      corrected?: boolean;
    }[];
    nextHeat: {
      name: string;
      city: string | null;
      venue: string | null;
      startsAt: string | null;
    } | null;
  };
  // An import named an existing account (judge list, or project contact).
  ACCOUNT_NAMED: {
    name: string;
    competitionName: string;
    organiserName: string;
    role: 'JUDGE' | 'PROJECT_CONTACT';
    projectTitle: string | null;
  };
  // The organisers' decision on a team's on-site objection (异议), with the reasons.
  OBJECTION_DECISION: {
    name: string;
    roundName: string;
    projectTitle: string;
    decision: 'UPHELD' | 'DISMISSED';
    reason: string;
  };
  SIGNING_UPDATE: {
    name: string;
    projectTitle: string;
    host: string;
    to: string;
    // The message to the applicant; the organisers' internal note is never mailed.
    message: string | null;
  };
}

const RESULT_ZH = { ADVANCED: '晋级', ELIMINATED: '未晋级', AWARDED: '获奖' } as const;
const RESULT_EN = {
  ADVANCED: 'advanced',
  ELIMINATED: 'did not advance',
  AWARDED: 'awarded',
} as const;
const SIGNING_ZH: Record<string, string> = {
  INTENT: '签约意向',
  NEGOTIATING: '洽谈中',
  SIGNED: '已签约',
  LANDED: '已落地',
  CANCELLED: '已取消',
};
const nextHeatZh = (n: TemplateData['ADVANCEMENT_RESULT']['nextHeat'], timeZone: string) =>
  n
    ? `\n下一阶段：${n.name}${n.startsAt ? `，时间 ${formatHumanTime(n.startsAt, timeZone, 'zh')}` : ''}${n.city || n.venue ? `，地点 ${[n.city, n.venue].filter(Boolean).join(' ')}` : ''}。`
    : '';
const nextHeatEn = (n: TemplateData['ADVANCEMENT_RESULT']['nextHeat'], timeZone: string) =>
  n
    ? `\nNext: ${n.name}${n.startsAt ? ` on ${formatHumanTime(n.startsAt, timeZone, 'en')}` : ''}${n.city || n.venue ? ` at ${[n.venue, n.city].filter(Boolean).join(', ')}` : ''}.`
    : '';

const DECISION_ZH = { ELIGIBLE: '通过资格审查', INELIGIBLE: '未通过资格审查' } as const;
const DECISION_EN = {
  ELIGIBLE: 'passed the eligibility review',
  INELIGIBLE: 'did not pass the eligibility review',
} as const;
type EligibilityItem = TemplateData['ELIGIBILITY_DECISION']['items'][number];
const eligibilityLineZh = (i: EligibilityItem) =>
  `- 「${i.title}」：${DECISION_ZH[i.decision]}${i.decision === 'INELIGIBLE' ? `（原因：${i.reason ?? ''}）` : ''}${i.previousDecision ? `（更正，此前通知为：${DECISION_ZH[i.previousDecision]}）` : ''}`;
const eligibilityLineEn = (i: EligibilityItem) =>
  `- "${i.title}": ${DECISION_EN[i.decision]}${i.decision === 'INELIGIBLE' ? ` (Reason: ${i.reason ?? ''})` : ''}${i.previousDecision ? ` (correction; we had told you it ${DECISION_EN[i.previousDecision]})` : ''}`;
type ResultLine = TemplateData['ADVANCEMENT_RESULT']['results'][number];
const resultLineZh = (r: ResultLine, final?: boolean) =>
  `- ${r.title}：${final && r.result === 'ELIMINATED' ? '未获奖' : RESULT_ZH[r.result]}${r.award ? `（${r.award}）` : ''}${r.corrected ? '（更正）' : ''}`;
const resultLineEn = (r: ResultLine, final?: boolean) =>
  `- ${r.title}: ${final && r.result === 'ELIMINATED' ? 'not awarded' : RESULT_EN[r.result]}${r.award ? ` (${r.award})` : ''}${r.corrected ? ' (corrected)' : ''}`;

// The mail types are declared once in libs/domain (MAIL_TYPES, which the console
// labels); TemplateData has exactly those keys, or this line does not compile.
export type { MailType };
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const TEMPLATE_DATA_COVERS_MAIL_TYPES: Exactly<keyof TemplateData, MailType> = true;

export interface RenderedMail {
  subject: string;
  text: string;
}

const deadline = (closesAt: string | null, timeZone: string, zh: boolean) =>
  closesAt
    ? zh
      ? `请于 ${formatHumanTime(closesAt, timeZone, 'zh')} 前完成评分。`
      : `Please finish scoring before ${formatHumanTime(closesAt, timeZone, 'en')}.`
    : '';

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
      text: `${d.name}，您好：\n\n${d.invitedByName} 邀请您加入大赛平台。请在 ${formatHumanTime(d.expiresAt, d.timeZone, 'zh')} 前通过以下链接设置密码：\n${d.link}\n\n该链接仅可使用一次。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: 'You are invited to the competition platform',
      text: `Dear ${d.name},\n\n${d.invitedByName} invited you to the competition platform. Set your password before ${formatHumanTime(d.expiresAt, d.timeZone, 'en')} at:\n${d.link}\n\nThe link works once.\n\nThe organising committee`,
    }),
  },
  PASSWORD_RESET: {
    'zh-CN': (d) => ({
      subject: '重设大赛平台密码',
      text: `${d.name}，您好：\n\n我们收到了重设您密码的请求。请在 ${formatHumanTime(d.expiresAt, d.timeZone, 'zh-CN')} 前通过以下链接设置新密码：\n${d.link}\n\n该链接仅可使用一次。如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: 'Reset your competition platform password',
      text: `Dear ${d.name},\n\nWe were asked to reset your password. Set a new one before ${formatHumanTime(d.expiresAt, d.timeZone, 'en')} at:\n${d.link}\n\nThe link works once. If you did not ask, ignore this mail: your password stays as it is.\n\nThe organising committee`,
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
      subject: `${d.correction ? '资格审查结果更正' : '资格审查结果'}：${d.competitionName}`,
      text: `${d.name}，您好：\n\n${d.correction ? '我们更正此前通知您的资格审查结果，以本邮件为准：' : `您在「${d.competitionName}」的项目资格审查结果如下：`}\n${d.items.map(eligibilityLineZh).join('\n')}\n${d.items.some((i) => i.decision === 'ELIGIBLE') ? '\n通过审查的项目将进入评审环节。\n' : ''}\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `${d.correction ? 'Corrected eligibility decision' : 'Eligibility decision'}: ${d.competitionName}`,
      text: `Dear ${d.name},\n\n${d.correction ? 'We correct the eligibility decision we sent you earlier; this mail replaces it:' : `The eligibility review of "${d.competitionName}" decided:`}\n${d.items.map(eligibilityLineEn).join('\n')}\n${d.items.some((i) => i.decision === 'ELIGIBLE') ? '\nEligible projects go on to judging.\n' : ''}\nThe organising committee`,
    }),
  },
  JUDGE_ASSIGNMENT: {
    'zh-CN': (d) => ({
      subject: `评审任务：${d.heatName} · ${d.roundName}`,
      text: `${d.name}，您好：\n\n您被分配评审「${d.heatName}」${d.roundName}的 ${d.projectCount} 个项目。${deadline(d.closesAt, d.timeZone, true)}\n${d.link ? `评审任务：${d.link}` : '登录平台查看评审任务。'}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Judging assignment: ${d.heatName} · ${d.roundName}`,
      text: `Dear ${d.name},\n\nYou are assigned ${d.projectCount} projects in ${d.roundName} of ${d.heatName}. ${deadline(d.closesAt, d.timeZone, false)}\n${d.link ? `Your projects: ${d.link}` : 'Sign in to see them.'}\n\nThe organising committee`,
    }),
  },
  SCORE_REMINDER: {
    'zh-CN': (d) => ({
      subject: `评分提醒：${d.heatName} · ${d.roundName}`,
      text: `${d.name}，您好：\n\n您尚有 ${d.missingTitles.length} 个项目未提交评分：\n${d.missingTitles.map((t) => `- ${t}`).join('\n')}\n${deadline(d.closesAt, d.timeZone, true)}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Scoring reminder: ${d.heatName} · ${d.roundName}`,
      text: `Dear ${d.name},\n\n${d.missingTitles.length} of your projects have no submitted score yet:\n${d.missingTitles.map((t) => `- ${t}`).join('\n')}\n${deadline(d.closesAt, d.timeZone, false)}\n\nThe organising committee`,
    }),
  },
  ADVANCEMENT_RESULT: {
    'zh-CN': (d) => ({
      subject: `${d.correction ? '晋级结果更正' : '晋级结果'}：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n${d.correction ? `我们更正此前通知您的「${d.heatName}」评审结果，以本邮件为准：` : `「${d.heatName}」评审结果如下：`}\n${d.results.map((r) => resultLineZh(r, d.final)).join('\n')}${d.results.some((r) => r.result === 'ADVANCED') ? nextHeatZh(d.nextHeat, d.timeZone) : ''}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `${d.correction ? 'Corrected results' : 'Results'}: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\n${d.correction ? `We correct the results of ${d.heatName} we sent you earlier; this mail replaces them:` : `The results of ${d.heatName}:`}\n${d.results.map((r) => resultLineEn(r, d.final)).join('\n')}${d.results.some((r) => r.result === 'ADVANCED') ? nextHeatEn(d.nextHeat, d.timeZone) : ''}\n\nThe organising committee`,
    }),
  },
  ACCOUNT_NAMED: {
    'zh-CN': (d) =>
      d.role === 'JUDGE'
        ? {
            subject: `您已列入评委名单：${d.competitionName}`,
            text: `${d.name}，您好：\n\n${d.organiserName} 将您列入「${d.competitionName}」的评委名单。您可继续使用现有账号登录；评审任务分配后会另行通知。如您并不知情，请联系组委会。\n\n大赛组委会`,
          }
        : {
            subject: `项目已导入您的账号：${d.projectTitle ?? ''}`,
            text: `${d.name}，您好：\n\n${d.organiserName} 将项目「${d.projectTitle ?? ''}」导入「${d.competitionName}」，并登记您为联系人，该项目已归入您的账号。登录平台即可查看。如您并不知情，请联系组委会。\n\n大赛组委会`,
          },
    en: (d) =>
      d.role === 'JUDGE'
        ? {
            subject: `You are on the judge list: ${d.competitionName}`,
            text: `Dear ${d.name},\n\n${d.organiserName} put you on the judge list of "${d.competitionName}". Sign in with your existing account; you will be told when projects are assigned to you. If this is unexpected, contact the organisers.\n\nThe organising committee`,
          }
        : {
            subject: `A project was imported to your account: ${d.projectTitle ?? ''}`,
            text: `Dear ${d.name},\n\n${d.organiserName} imported the project "${d.projectTitle ?? ''}" into "${d.competitionName}" with you as its contact, so it is now in your account. Sign in to see it. If this is unexpected, contact the organisers.\n\nThe organising committee`,
          },
  },
  OBJECTION_DECISION: {
    'zh-CN': (d) => ({
      subject: `异议处理结果：${d.projectTitle}`,
      text: `${d.name}，您好：\n\n您就项目「${d.projectTitle}」在「${d.roundName}」现场提出的异议已处理，结果：${d.decision === 'UPHELD' ? '异议成立，该项目将由评委重新评分并重新亮分' : '异议不成立，原成绩有效'}。\n理由：${d.reason}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Your objection was decided: ${d.projectTitle}`,
      text: `Dear ${d.name},\n\nYour objection to the result of "${d.projectTitle}" in "${d.roundName}" has been decided: ${d.decision === 'UPHELD' ? 'upheld; the judges score the project again and the score is revealed anew' : 'dismissed; the result stands'}.\nReasons: ${d.reason}\n\nThe organising committee`,
    }),
  },
  SIGNING_UPDATE: {
    'zh-CN': (d) => ({
      subject: `项目签约进展：${d.projectTitle}`,
      text: `${d.name}，您好：\n\n您的项目「${d.projectTitle}」与 ${d.host} 的签约状态更新为：${SIGNING_ZH[d.to] ?? d.to}。${d.message ? `\n组委会留言：${d.message}` : ''}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Signing update: ${d.projectTitle}`,
      text: `Dear ${d.name},\n\nThe signing of "${d.projectTitle}" with ${d.host} is now ${d.to}.${d.message ? `\nMessage from the organisers: ${d.message}` : ''}\n\nThe organising committee`,
    }),
  },
};

export function renderMail<T extends MailType>(
  type: T,
  locale: string,
  data: TemplateData[T],
): RenderedMail {
  return templates[type][pickLocale(locale)](data);
}
