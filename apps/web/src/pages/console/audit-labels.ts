// The audit log and the notification log name actions, objects and mails by
// their API codes (stable, searchable, what the exports carry). The console
// shows them in words; a code not listed here is shown as it is.
const ACTIONS_ZH: Record<string, string> = {
  'award.tie-resolved': '并列名次裁定',
  'competition.edited': '修改赛事',
  'competition.organiser-added': '添加协办组委会成员',
  'competition.organiser-removed': '移除协办组委会成员',
  'eligibility.released': '发布资格审查结果',
  'heat.advanced': '确认晋级',
  'heat.award-tiers-set': '设置奖项',
  'heat.awarded': '评定奖项',
  'heat.awards-assigned': '评定奖项',
  'heat.edited': '修改赛区',
  'heat.result-changed': '更正成绩结果',
  'heat.results-released': '发布赛区结果',
  'import.judges': '导入评委',
  'import.projects': '导入项目',
  'project.reviewed': '资格审查',
  'registration-form.saved': '修改报名表',
  'round.edited': '修改评审轮次',
  'round.force-closed': '强制结束评审轮次',
  'round.pitch-order-drawn': '路演抽签',
  'round.pitch-order-redrawn': '重新抽签',
  'rubric.edited': '修改评分标准',
  'score.removed-by-conflict': '因回避移除评分',
  'score.removed-with-assignment': '随分配移除评分',
  'score.reopened': '退回评分',
  'signing.created': '登记签约',
  'signing.transitioned': '签约状态变更',
  'user.access-changed': '变更账号权限',
  'user.invitation-resent': '重新发送邀请',
};

const ENTITIES_ZH: Record<string, string> = {
  competition: '赛事',
  heat: '赛区',
  import: '导入',
  project: '项目',
  round: '评审轮次',
  rubric: '评分标准',
  score: '评分',
  signing: '签约',
  user: '用户',
};

const MAILS_ZH: Record<string, string> = {
  ADVANCEMENT_RESULT: '晋级结果',
  ELIGIBILITY_DECISION: '资格审查结果',
  INVITATION: '评委邀请',
  JUDGE_ASSIGNMENT: '评审任务',
  PASSWORD_RESET: '重设密码',
  PROJECT_SUBMITTED: '项目已提交',
  SCORE_REMINDER: '评分提醒',
  SIGNING_UPDATE: '签约进展',
  SIGNUP: '注册成功',
};

const zh = (language: string) => language.startsWith('zh');

export const auditActionLabel = (code: string, language: string): string =>
  zh(language) ? (ACTIONS_ZH[code] ?? code) : code;

export const entityLabel = (type: string | null | undefined, language: string): string =>
  type && zh(language) ? (ENTITIES_ZH[type] ?? type) : (type ?? '');

export const mailTypeLabel = (code: string, language: string): string =>
  zh(language) ? (MAILS_ZH[code] ?? code) : code;
