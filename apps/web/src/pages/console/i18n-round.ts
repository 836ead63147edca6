import { i18next } from '../../i18n';
import { NS } from './i18n';

// The round page's big-screen links and the pitch-order draw's seed:
// added to the console namespace beside i18n.ts.
const zhCN = {
  supervisors: {
    title: '监督',
    hint: '监督可实时查看本赛事每一轮的评分、抽签、计时和签到，可添加监督记录并导出，不能修改任何内容。新监督会收到邀请邮件设置密码。',
    name: '姓名',
    email: '邮箱',
    appoint: '指定监督',
    appointedAt: '指定时间',
    remove: '撤销',
    removeTitle: '撤销 {{name}} 的监督身份？',
    removeBody: '撤销后，TA 将不能再查看本赛事的评审。',
    none: '尚未指定监督',
  },
  passes: {
    title: '评委一次性登录二维码',
    hint: '每位评委一个二维码：用手机扫码即登录并进入本轮评审页面，无需密码。二维码首次使用即绑定该手机，其他手机无法再用；当天 24:00（赛事时区）失效；可随时作废。二维码只在生成时显示，请当场打印。',
    issue: '生成并打印二维码',
    print: '打印',
    sheetTitle: '{{round}} · 评委登录二维码',
    validUntil: '有效至 {{at}}',
    judge: '评委',
    status: { UNUSED: '未使用', BOUND: '已绑定手机', EXPIRED: '已过期', REVOKED: '已作废' },
    boundAt: '绑定时间',
    revoke: '作废',
    revokeTitle: '作废 {{name}} 的登录二维码？',
    revokeBody: '作废后，用该二维码登录的手机会立即退出登录，二维码不能再使用。',
    none: '尚未生成二维码',
  },
  screens: {
    title: '大屏链接',
    hint: '用大屏链接在会场大屏上显示本轮的路演顺序、台上项目和实时排名，无需登录。新链接 15 分钟内有效，大屏打开期间自动续期；链接只在生成时显示一次，请及时复制。停用后，用它打开的大屏会立即停止更新并提示链接已停用。',
    issue: '生成大屏链接',
    issued: '已生成新的大屏链接（{{at}} 前打开有效）：',
    url: '大屏链接地址',
    copy: '复制',
    copied: '已复制',
    open: '打开大屏',
    none: '尚未生成大屏链接',
    link: '链接',
    label: '大屏链接 {{n}}',
    new: '刚生成',
    issuedBy: '生成人',
    issuedAt: '生成时间',
    expiresAt: '有效期至',
    status: {
      ACTIVE: '有效',
      EXPIRED: '已过期',
      REVOKED: '已停用',
      ISSUER_LOST_ACCESS: '已失效（生成人已无管理权限）',
    },
    revokedBy: '{{name}} 于 {{at}} 停用',
    endedAt: '{{at}} 失效',
    revoke: '停用',
    revokeTitle: '停用{{label}}',
    revokeConfirm:
      '停用后此链接不能再打开大屏，正在用它显示的大屏会立即停止更新并提示链接已停用。此操作不能撤销，如需继续投屏请生成新链接。确定停用？',
  },
  seed: {
    prepare: '准备抽签',
    notPrepared:
      '抽签前可先点“准备抽签”：系统生成随机种子并封存，先公布它的 SHA-256 校验值，抽签后再公开种子，任何人都能核验抽签结果没有被改动。',
    sealedTitle: '抽签种子已封存（{{at}}），请在抽签前公布以下校验值',
    sealedHint: '抽签后将公开种子本身：它的 SHA-256 与此值一致，即证明抽签用的是事先封存的种子。',
    drawnTitle: '本次抽签（{{at}}）使用的种子已公开',
    seed: '种子',
    hash: 'SHA-256',
    verify:
      '核验：种子的 SHA-256 应与抽签前公布的校验值一致；用同一种子按公开的抽签算法可重现下方的顺序。',
    nextTitle: '如需重新抽签，新的种子已封存（{{at}}）',
    nextHint: '重新抽签前请先公布此校验值。',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof zhCN> = {
  supervisors: {
    title: 'Supervisors',
    hint: 'A supervisor sees every round of this competition live (scores, draw, timing, check-in), adds notes and exports them, and can change nothing. A new supervisor gets an invitation mail to set a password.',
    name: 'Name',
    email: 'Email',
    appoint: 'Appoint supervisor',
    appointedAt: 'Appointed',
    remove: 'Remove',
    removeTitle: 'Remove {{name}} as a supervisor?',
    removeBody: 'They will no longer see this competition’s judging.',
    none: 'No supervisor yet',
  },
  passes: {
    title: 'One-time judge sign-in QR codes',
    hint: 'One QR code per judge: scanning it with a phone signs the judge in, straight onto this round, with no password. The first phone that uses it is bound to it and no other phone can; it ends at midnight (the competition’s time zone) and can be revoked at any time. The codes are shown only when made: print them now.',
    issue: 'Make and print QR codes',
    print: 'Print',
    sheetTitle: '{{round}} · judge sign-in QR codes',
    validUntil: 'Valid until {{at}}',
    judge: 'Judge',
    status: { UNUSED: 'unused', BOUND: 'bound to a phone', EXPIRED: 'expired', REVOKED: 'revoked' },
    boundAt: 'Bound at',
    revoke: 'Revoke',
    revokeTitle: 'Revoke the sign-in QR code of {{name}}?',
    revokeBody: 'The phone signed in with it is signed out at once and the code stops working.',
    none: 'No QR codes yet',
  },
  screens: {
    title: 'Big-screen links',
    hint: 'A big-screen link shows this round’s pitch order, the project on stage and the live ranking on the venue’s screen, with no login. A new link must be opened within 15 minutes and renews itself while the screen is open; it is shown only once, so copy it now. Once revoked, a screen opened with it stops updating at once and says the link was revoked.',
    issue: 'New big-screen link',
    issued: 'New big-screen link (open it before {{at}}):',
    url: 'Big-screen link address',
    copy: 'Copy',
    copied: 'Copied',
    open: 'Open big screen',
    none: 'No big-screen link yet',
    link: 'Link',
    label: 'Screen link {{n}}',
    new: 'new',
    issuedBy: 'Issued by',
    issuedAt: 'Issued',
    expiresAt: 'Valid until',
    status: {
      ACTIVE: 'Active',
      EXPIRED: 'Expired',
      REVOKED: 'Revoked',
      ISSUER_LOST_ACCESS: 'Ended (its issuer no longer manages the round)',
    },
    revokedBy: 'revoked by {{name}} at {{at}}',
    endedAt: 'ended at {{at}}',
    revoke: 'Revoke',
    revokeTitle: 'Revoke {{label}}',
    revokeConfirm:
      'The link will no longer open the big screen, and screens showing it stop updating at once and say the link was revoked. This cannot be undone; issue a new link to go on showing the screen. Revoke it?',
  },
  seed: {
    prepare: 'Prepare the draw',
    notPrepared:
      'Before drawing, click “Prepare the draw”: the server picks a random seed and seals it; announce its SHA-256 first, and after the draw the seed is published, so anyone can check that the draw was not altered.',
    sealedTitle: 'The draw’s seed is sealed ({{at}}): announce this hash before the draw',
    sealedHint:
      'After the draw the seed itself is published: its SHA-256 equal to this hash proves the draw used the seed sealed beforehand.',
    drawnTitle: 'The seed of this draw ({{at}}) is published',
    seed: 'Seed',
    hash: 'SHA-256',
    verify:
      'To check: the seed’s SHA-256 equals the hash announced before the draw; the published draw algorithm with this seed gives the order below.',
    nextTitle: 'For a redraw, a new seed is sealed ({{at}})',
    nextHint: 'Announce this hash before redrawing.',
  },
};

// Deep-merged into the bundle i18n.ts added (imported first), once.
if (!i18next.getResource('zh-CN', NS, 'screens.title')) {
  i18next.addResourceBundle('zh-CN', NS, zhCN, true);
  i18next.addResourceBundle('en', NS, en, true);
}
