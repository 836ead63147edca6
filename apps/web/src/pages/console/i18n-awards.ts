import { i18next } from '../../i18n';
import { NS } from './i18n';

// The final's awards, invitations' state and the API's refusals in the
// reader's words (reasons.ts): added to the console namespace beside i18n.ts.
const zhCN = {
  awards: {
    tiers: '奖项设置（总决赛）',
    tiersHint:
      '从高到低排列，按总决赛成绩依次授奖。名额合计 {{slots}} 个，总决赛项目 {{finalists}} 个。',
    tierName: '奖项名称',
    tierCount: '名额',
    addTier: '添加奖项',
    saveTiers: '保存奖项设置',
    tiersSaved: '奖项设置已保存',
    unsaved: '未保存',
    preview: '评奖预览',
    previewHint: '分界处同分的项目不会被自动排序：请排定先后并写明理由，再确认评奖。',
    position: '位次',
    award: '奖项',
    none: '未获奖',
    pending: '待定（并列）',
    tie: '分界并列',
    tieTitle: '{{score}} 分并列：{{titles}}（跨 {{tiers}}）',
    tieHint: '上面的优先。理由会记入审计日志，如：加赛答辩，评委会投票决定。',
    moveUp: '上移',
    moveDown: '下移',
    tieReason: '并列处理理由',
    tieOutcome: '排定后：{{outcome}}',
    assign: '确认评奖',
    reassign: '重新评奖（更正）',
    assignConfirm: '评奖结果将记为总决赛结果，发布结果时通知参赛者。确定？',
    reassignConfirm:
      '将替换已评定的奖项。已发布的结果若有变化，下次发布时向相关参赛者发送更正。确定？',
    assignedDone: '已评定 {{count}} 个奖项',
    assigned: '已评定奖项',
    assignedNone: '尚未评奖。',
    reason: '并列处理理由',
  },
  release: {
    mail: '通知',
    RESULT: '结果',
    CORRECTION: '更正',
    previous: '原为 {{was}}',
  },
  invitations: {
    column: '邀请状态',
    PENDING: '待接受',
    ACCEPTED: '已接受',
    EXPIRED: '已过期',
    none: '无需邀请（已有密码）',
    validUntil: '有效至 {{at}}',
    expiredAt: '过期于 {{at}}',
    acceptedAt: '接受于 {{at}}',
    sentAt: '发送于 {{at}}',
    resend: '重新邀请',
    resendConfirm: '给 {{name}}（{{email}}）发送新的邀请邮件？之前的邀请链接随即失效。',
    resent: '已给 {{name}} 重新发送邀请',
    summary: '待接受 {{PENDING}} · 已接受 {{ACCEPTED}} · 已过期 {{EXPIRED}}',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof zhCN> = {
  awards: {
    tiers: 'Award tiers (final)',
    tiersHint:
      'Best first, awarded down the final standings. {{slots}} places in all, {{finalists}} projects in the final.',
    tierName: 'Award',
    tierCount: 'Places',
    addTier: 'Add a tier',
    saveTiers: 'Save the tiers',
    tiersSaved: 'Tiers saved',
    unsaved: 'Not saved',
    preview: 'Award preview',
    previewHint:
      'Projects tied at a tier boundary are never ordered silently: order them, give the reason, then assign.',
    position: 'Place',
    award: 'Award',
    none: 'No award',
    pending: 'Undecided (tie)',
    tie: 'Boundary tie',
    tieTitle: 'Tied on {{score}}: {{titles}} (spanning {{tiers}})',
    tieHint: 'Top first. The reason is audited, e.g. a play-off pitch decided by the jury.',
    moveUp: 'Move up',
    moveDown: 'Move down',
    tieReason: 'Tie-break reason',
    tieOutcome: 'Then: {{outcome}}',
    assign: 'Assign the awards',
    reassign: 'Assign again (correction)',
    assignConfirm:
      "The awards become the final's results; owners are told at the results release. Continue?",
    reassignConfirm:
      'This replaces the awards. Owners whose released result changes get a correction at the next release. Continue?',
    assignedDone: '{{count}} awards assigned',
    assigned: 'Awards assigned',
    assignedNone: 'No awards yet.',
    reason: 'Tie-break reason',
  },
  release: {
    mail: 'Mail',
    RESULT: 'Result',
    CORRECTION: 'Correction',
    previous: 'was {{was}}',
  },
  invitations: {
    column: 'Invitation',
    PENDING: 'Pending',
    ACCEPTED: 'Accepted',
    EXPIRED: 'Expired',
    none: 'Not needed (has a password)',
    validUntil: 'valid until {{at}}',
    expiredAt: 'expired {{at}}',
    acceptedAt: 'accepted {{at}}',
    sentAt: 'sent {{at}}',
    resend: 'Invite again',
    resendConfirm: 'Send {{name}} ({{email}}) a new invitation? Earlier links stop working.',
    resent: 'New invitation sent to {{name}}',
    summary: '{{PENDING}} pending · {{ACCEPTED}} accepted · {{EXPIRED}} expired',
  },
};

// Deep-merged into the bundle i18n.ts added (imported first), once.
if (!i18next.getResource('zh-CN', NS, 'awards.tiers')) {
  i18next.addResourceBundle('zh-CN', NS, zhCN, true);
  i18next.addResourceBundle('en', NS, en, true);
}
