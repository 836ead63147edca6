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
  // Due process (issue 21): one mail per person per event.
  PUBLICITY_STARTED: {
    name: string;
    competitionName: string;
    heatName: string;
    titles: string[];
    startsAt: string;
    endsAt: string;
    timeZone: string;
    link: string;
    organiserContact: string;
    supervisorContact: string;
  };
  PUBLICITY_FINAL: {
    name: string;
    competitionName: string;
    heatName: string;
    titles: string[];
  };
  OBJECTION_RECEIPT: {
    name: string;
    competitionName: string;
    heatName: string;
    receipt: string;
    filedAt: string;
    timeZone: string;
  };
  OBJECTION_OUTCOME: {
    name: string;
    competitionName: string;
    heatName: string;
    receipt: string;
    outcome: 'UPHELD' | 'DISMISSED';
    reasons: string;
  };
  PLACE_OFFERED: {
    name: string;
    competitionName: string;
    heatName: string;
    title: string;
    deadline: string;
    timeZone: string;
    link: string;
  };
  PLACE_LOST: {
    name: string;
    competitionName: string;
    heatName: string;
    title: string;
    why: 'WITHDRAWN' | 'DISQUALIFIED' | 'FAILED_DILIGENCE' | 'REFUSED_DILIGENCE' | 'RERANKED';
    reason: string;
  };
  APPEAL_OUTCOME: {
    name: string;
    competitionName: string;
    heatName: string;
    title: string;
    outcome: 'UPHELD' | 'DISMISSED';
    reasons: string;
    result: 'ADVANCED' | 'ELIMINATED' | null;
  };
  DILIGENCE_OUTCOME: {
    name: string;
    competitionName: string;
    heatName: string;
    title: string;
    outcome: 'PASSED' | 'FAILED' | 'REFUSED';
    findings: string;
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
const PLACE_LOST_ZH = {
  WITHDRAWN: '书面弃赛',
  DISQUALIFIED: '异议成立，取消资格',
  FAILED_DILIGENCE: '尽职调查未通过',
  REFUSED_DILIGENCE: '拒绝尽职调查，视为弃赛',
  RERANKED: '申诉复核后重新排名',
} as const;
const PLACE_LOST_EN = {
  WITHDRAWN: 'written withdrawal',
  DISQUALIFIED: 'disqualified after an upheld objection',
  FAILED_DILIGENCE: 'failed due diligence',
  REFUSED_DILIGENCE: 'refused due diligence, counted as withdrawal',
  RERANKED: 're-ranked after an upheld appeal',
} as const;
const DILIGENCE_ZH = { PASSED: '通过', FAILED: '未通过', REFUSED: '拒绝调查（视为弃赛）' } as const;
const DILIGENCE_EN = {
  PASSED: 'passed',
  FAILED: 'failed',
  REFUSED: 'refused (counted as withdrawal)',
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
  PUBLICITY_STARTED: {
    'zh-CN': (d) => ({
      subject: `结果公示：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n「${d.heatName}」的结果自 ${formatHumanTime(d.startsAt, d.timeZone, 'zh')} 起公示，至 ${formatHumanTime(d.endsAt, d.timeZone, 'zh')} 止。公示期内结果为暂定，期满无异议即为最终结果。\n您的项目：${d.titles.map((t) => `「${t}」`).join('、')}\n公示页面：${d.link}\n组委会联系方式：${d.organiserContact || '见公示页面'}\n监督电话：${d.supervisorContact || '见公示页面'}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Public notice: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nThe results of ${d.heatName} are on public notice from ${formatHumanTime(d.startsAt, d.timeZone, 'en')} to ${formatHumanTime(d.endsAt, d.timeZone, 'en')}. Until then they are provisional; with no objection they become final.\nYour projects: ${d.titles.map((t) => `"${t}"`).join(', ')}\nNotice: ${d.link}\nOrganisers: ${d.organiserContact || 'see the notice'}\nSupervising office: ${d.supervisorContact || 'see the notice'}\n\nThe organising committee`,
    }),
  },
  PUBLICITY_FINAL: {
    'zh-CN': (d) => ({
      subject: `公示结束，结果确定：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n「${d.heatName}」的公示期已满，结果现为最终结果。\n您的项目：${d.titles.map((t) => `「${t}」`).join('、')}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Results final: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nThe public notice of ${d.heatName} has ended; its results are now final.\nYour projects: ${d.titles.map((t) => `"${t}"`).join(', ')}\n\nThe organising committee`,
    }),
  },
  OBJECTION_RECEIPT: {
    'zh-CN': (d) => ({
      subject: `异议回执 ${d.receipt}：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n我们已于 ${formatHumanTime(d.filedAt, d.timeZone, 'zh')} 收到您对「${d.heatName}」公示结果提出的异议，回执编号 ${d.receipt}。组委会将核实处理，并将处理结果发送至本邮箱。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Objection receipt ${d.receipt}: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nWe received your objection to the published results of ${d.heatName} on ${formatHumanTime(d.filedAt, d.timeZone, 'en')}. Receipt number: ${d.receipt}. The organisers will look into it and mail you the outcome.\n\nThe organising committee`,
    }),
  },
  OBJECTION_OUTCOME: {
    'zh-CN': (d) => ({
      subject: `异议处理结果 ${d.receipt}：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n您提出的异议（回执编号 ${d.receipt}）经核实，结论为：${d.outcome === 'UPHELD' ? '异议成立' : '异议不成立'}。\n理由：${d.reasons}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Objection outcome ${d.receipt}: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nYour objection (receipt ${d.receipt}) was ${d.outcome === 'UPHELD' ? 'upheld' : 'dismissed'}.\nReasons: ${d.reasons}\n\nThe organising committee`,
    }),
  },
  PLACE_OFFERED: {
    'zh-CN': (d) => ({
      subject: `递补通知：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n「${d.heatName}」名单中有名额空出，按成绩依序递补，您的项目「${d.title}」获得递补资格。请于 ${formatHumanTime(d.deadline, d.timeZone, 'zh')} 前登录平台确认是否接受：${d.link}\n逾期未确认视为放弃，名额将依序递补给下一位。\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `A place is offered: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nA place on the ${d.heatName} list was freed and goes to the next in the ranking: your project "${d.title}". Accept or decline it by ${formatHumanTime(d.deadline, d.timeZone, 'en')}: ${d.link}\nWithout an answer by then it passes to the next project.\n\nThe organising committee`,
    }),
  },
  PLACE_LOST: {
    'zh-CN': (d) => ({
      subject: `名额变更通知：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n您的项目「${d.title}」在「${d.heatName}」名单中的名额已取消（${PLACE_LOST_ZH[d.why]}）。\n说明：${d.reason}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Place withdrawn: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nYour project "${d.title}" no longer holds its place on the ${d.heatName} list (${PLACE_LOST_EN[d.why]}).\nDetails: ${d.reason}\n\nThe organising committee`,
    }),
  },
  APPEAL_OUTCOME: {
    'zh-CN': (d) => ({
      subject: `申诉处理结果：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n您就项目「${d.title}」在「${d.heatName}」的结果提出的申诉，结论为：${d.outcome === 'UPHELD' ? '申诉成立，已按规则重新排名' : '申诉不成立，维持原结果'}。${d.result ? `\n现结果：${RESULT_ZH[d.result]}` : ''}\n理由：${d.reasons}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Appeal outcome: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nYour appeal of the ${d.heatName} result of "${d.title}" was ${d.outcome === 'UPHELD' ? 'upheld; the heat was re-ranked by the rules' : 'dismissed; the result stands'}.${d.result ? `\nResult now: ${RESULT_EN[d.result]}` : ''}\nReasons: ${d.reasons}\n\nThe organising committee`,
    }),
  },
  DILIGENCE_OUTCOME: {
    'zh-CN': (d) => ({
      subject: `尽职调查结果：${d.competitionName} · ${d.heatName}`,
      text: `${d.name}，您好：\n\n项目「${d.title}」的尽职调查结论为：${DILIGENCE_ZH[d.outcome]}。\n调查意见：${d.findings}\n\n大赛组委会`,
    }),
    en: (d) => ({
      subject: `Due diligence outcome: ${d.competitionName} · ${d.heatName}`,
      text: `Dear ${d.name},\n\nThe due diligence of "${d.title}" came to: ${DILIGENCE_EN[d.outcome]}.\nFindings: ${d.findings}\n\nThe organising committee`,
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
