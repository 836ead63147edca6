import type { AuditAction, AuditEntityType, MailType } from '@app/log-names';

// The audit log and the notification log name actions, objects and mails by
// their API codes (stable, searchable, what the exports carry; declared once in
// libs/domain/src/shared/log-names.ts). The console shows them in words: the
// maps are typed by those lists, so a name the API gains without a label here
// does not compile. A code from an older API that is not listed is shown as it is.
type Label = { zh: string; en: string };

export const ACTION_LABELS: Record<AuditAction, Label> = {
  'due-process.settings-changed': { zh: '修改公示与异议设置', en: 'Due-process settings changed' },
  'publicity.started': { zh: '开始公示', en: 'Public notice started' },
  'publicity.finalised': { zh: '公示期满，结果确定', en: 'Public notice ended; result final' },
  'publicity.held': { zh: '公示期满，待异议处理', en: 'Public notice ended; held for objections' },
  'publicity.reopened': { zh: '重新公示', en: 'Public notice re-opened' },
  'objection.filed': { zh: '收到异议', en: 'Objection filed' },
  'objection.assigned': { zh: '指派异议处理人', en: 'Objection assigned' },
  'objection.decided': { zh: '异议处理结论', en: 'Objection decided' },
  'objection.merged': { zh: '合并相同异议', en: 'Objection merged' },
  'appeal.filed': { zh: '收到申诉', en: 'Appeal filed' },
  'appeal.decided': { zh: '申诉处理结论', en: 'Appeal decided' },
  'place.withdrawn': { zh: '书面弃赛', en: 'Place withdrawn' },
  'place.vacated': { zh: '名额空出', en: 'Place vacated' },
  'place.offered': { zh: '递补名额发出', en: 'Place offered' },
  'place.accepted': { zh: '接受递补', en: 'Offered place accepted' },
  'place.declined': { zh: '放弃递补', en: 'Offered place declined' },
  'place.expired': { zh: '递补逾期未确认', en: 'Offered place expired' },
  'place.left-empty': { zh: '名额空缺不递补', en: 'Place left empty' },
  'diligence.assigned': { zh: '指派尽职调查', en: 'Due diligence assigned' },
  'diligence.decided': { zh: '尽职调查结论', en: 'Due diligence decided' },
  'award.tie-resolved': { zh: '并列名次裁定', en: 'Tie resolved' },
  'competition.deleted': { zh: '删除赛事', en: 'Competition deleted' },
  'competition.edited': { zh: '修改赛事', en: 'Competition edited' },
  'competition.organiser-added': { zh: '添加协办组委会成员', en: 'Organiser added' },
  'competition.organiser-removed': { zh: '移除协办组委会成员', en: 'Organiser removed' },
  'eligibility.released': { zh: '发布资格审查结果', en: 'Eligibility results released' },
  'expert.imported': { zh: '导入专家库', en: 'Expert pool imported' },
  'expert.rated': { zh: '专家评价', en: 'Expert rated' },
  'expert-draw.committed': { zh: '锁定专家抽取种子', en: 'Expert draw seed committed' },
  'expert-draw.drawn': { zh: '随机抽取专家', en: 'Experts drawn' },
  'expert-invitation.accepted': { zh: '专家接受邀请', en: 'Expert accepted' },
  'expert-invitation.declined': { zh: '专家谢绝邀请', en: 'Expert declined' },
  'heat.advanced': { zh: '确认晋级', en: 'Advancement decided' },
  'heat.advancement-rule-set': { zh: '设置晋级规则', en: 'Advancement rule set' },
  'heat.award-tiers-set': { zh: '设置奖项', en: 'Award tiers set' },
  'heat.awarded': { zh: '评定奖项', en: 'Awards decided' },
  'heat.awards-assigned': { zh: '评定奖项', en: 'Awards assigned' },
  'heat.edited': { zh: '修改赛区', en: 'Heat edited' },
  'heat.result-changed': { zh: '更正成绩结果', en: 'Result corrected' },
  'heat.results-released': { zh: '发布赛区结果', en: 'Heat results released' },
  'import.judges': { zh: '导入评委', en: 'Judges imported' },
  'import.projects': { zh: '导入项目', en: 'Projects imported' },
  'pledge.accepted': { zh: '签署回避与保密承诺', en: 'Pledge accepted' },
  'pledge.set': { zh: '设置回避与保密承诺', en: 'Pledge text set' },
  'project.reviewed': { zh: '资格审查', en: 'Eligibility reviewed' },
  'registration-form.saved': { zh: '保存报名表', en: 'Registration form saved' },
  'round.double-marking-set': { zh: '设置双评（2+1）', en: 'Double marking set' },
  'round.double-mark-arbitrated': { zh: '主评专家仲裁评分', en: 'Chief expert arbitrated a score' },
  'round.edited': { zh: '修改评审轮次', en: 'Round edited' },
  'round.third-expert-assigned': { zh: '分差超限，指派第三位专家', en: 'Third expert assigned' },
  'round.force-closed': { zh: '强制结束评审轮次', en: 'Round force-closed' },
  'round.objection-decided': { zh: '处理现场异议', en: 'Objection decided' },
  'round.objection-raised': { zh: '团队提出异议', en: 'Objection raised' },
  'round.result-confirmed': { zh: '团队签字确认无异议', en: 'Result confirmed by the team' },
  'round.sheet-signed': { zh: '评委签署评分表', en: 'Score sheet signed' },
  'round.pitch-order-drawn': { zh: '路演抽签', en: 'Pitch order drawn' },
  'round.pitch-order-redrawn': { zh: '重新抽签', en: 'Pitch order redrawn' },
  'round.pitch-seed-committed': { zh: '锁定抽签种子', en: 'Draw seed committed' },
  'round.project-absent': { zh: '标记缺席', en: 'Project marked absent' },
  'round.qa-extended': { zh: '延长答辩', en: 'Q&A extended' },
  'round.roadshow-settings-changed': { zh: '修改路演设置', en: 'Roadshow settings changed' },
  'round.score-revealed': { zh: '亮分', en: 'Score revealed' },
  'round.checked-in-at-desk': { zh: '现场签到（工作人员）', en: 'Checked in at the desk' },
  'round.judge-passes-issued': {
    zh: '生成评委一次性登录二维码',
    en: 'Judge sign-in QR codes issued',
  },
  'round.judge-pass-revoked': { zh: '作废评委登录二维码', en: 'Judge sign-in QR code revoked' },
  'round.meeting-link-set': { zh: '设置线上路演会议链接', en: 'Meeting link set' },
  'round.rooms-set': { zh: '设置分会场', en: 'Rooms set' },
  'round.supervisor-note-added': { zh: '监督记录', en: 'Supervisor note added' },
  'competition.supervisor-appointed': { zh: '指定监督', en: 'Supervisor appointed' },
  'competition.supervisor-removed': { zh: '撤销监督', en: 'Supervisor removed' },
  'round.screen-ticket-issued': { zh: '发放大屏链接', en: 'Screen link issued' },
  'round.screen-ticket-revoked': { zh: '收回大屏链接', en: 'Screen link revoked' },
  'rubric.edited': { zh: '修改评分标准', en: 'Rubric edited' },
  'score.removed-by-conflict': { zh: '因回避移除评分', en: 'Score removed (conflict)' },
  'score.removed-with-assignment': { zh: '随分配移除评分', en: 'Score removed with assignment' },
  'score.reopened': { zh: '退回评分', en: 'Score reopened' },
  'signing.created': { zh: '登记签约', en: 'Signing recorded' },
  'signing.transitioned': { zh: '签约状态变更', en: 'Signing status changed' },
  'user.access-changed': { zh: '变更账号权限', en: 'Account access changed' },
  'user.invitation-resent': { zh: '重新发送邀请', en: 'Invitation re-sent' },
};

export const ENTITY_LABELS: Record<AuditEntityType, Label> = {
  publicity: { zh: '公示', en: 'Public notice' },
  objection: { zh: '异议', en: 'Objection' },
  appeal: { zh: '申诉', en: 'Appeal' },
  offer: { zh: '递补', en: 'Offered place' },
  diligence: { zh: '尽职调查', en: 'Due diligence' },
  competition: { zh: '赛事', en: 'Competition' },
  expert: { zh: '专家', en: 'Expert' },
  'expert-draw': { zh: '专家抽取', en: 'Expert draw' },
  heat: { zh: '赛区', en: 'Heat' },
  import: { zh: '导入', en: 'Import' },
  project: { zh: '项目', en: 'Project' },
  round: { zh: '评审轮次', en: 'Round' },
  rubric: { zh: '评分标准', en: 'Rubric' },
  score: { zh: '评分', en: 'Score' },
  signing: { zh: '签约', en: 'Signing' },
  user: { zh: '用户', en: 'User' },
};

export const MAIL_LABELS: Record<MailType, Label> = {
  PUBLICITY_STARTED: { zh: '结果公示', en: 'Public notice' },
  PUBLICITY_FINAL: { zh: '公示结束', en: 'Public notice ended' },
  OBJECTION_RECEIPT: { zh: '异议回执', en: 'Objection receipt' },
  OBJECTION_OUTCOME: { zh: '异议处理结果', en: 'Objection outcome' },
  PLACE_OFFERED: { zh: '递补通知', en: 'Place offered' },
  PLACE_LOST: { zh: '取消名额通知', en: 'Place lost' },
  APPEAL_OUTCOME: { zh: '申诉处理结果', en: 'Appeal outcome' },
  DILIGENCE_OUTCOME: { zh: '尽职调查结果', en: 'Due diligence outcome' },
  ACCOUNT_NAMED: { zh: '导入名单通知', en: 'Named in an import' },
  ADVANCEMENT_RESULT: { zh: '晋级结果', en: 'Advancement result' },
  ELIGIBILITY_DECISION: { zh: '资格审查结果', en: 'Eligibility decision' },
  INVITATION: { zh: '评委邀请', en: 'Judge invitation' },
  JUDGE_ASSIGNMENT: { zh: '评审任务', en: 'Judging assignment' },
  OBJECTION_DECISION: { zh: '异议处理结果', en: 'Objection decision' },
  PASSWORD_RESET: { zh: '重设密码', en: 'Password reset' },
  PROJECT_SUBMITTED: { zh: '项目已提交', en: 'Project submitted' },
  SCORE_REMINDER: { zh: '评分提醒', en: 'Scoring reminder' },
  SIGNING_UPDATE: { zh: '签约进展', en: 'Signing update' },
  SIGNUP: { zh: '注册成功', en: 'Sign-up' },
};

const zh = (language: string) => language.startsWith('zh');

function labelOf(labels: Record<string, Label>, code: string, language: string): string {
  const label = Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : undefined;
  return label ? (zh(language) ? label.zh : label.en) : code;
}

export const auditActionLabel = (code: string, language: string): string =>
  labelOf(ACTION_LABELS, code, language);

export const entityLabel = (type: string | null | undefined, language: string): string =>
  type ? labelOf(ENTITY_LABELS, type, language) : '';

export const mailTypeLabel = (code: string, language: string): string =>
  labelOf(MAIL_LABELS, code, language);
