import { i18next } from '../../../i18n';
import { NS } from '../i18n';

// Each room's stage (分会场) on the console's round page: which stage the
// now-pitching and timer controls drive.
const zhCN = {
  roomStage: {
    label: '控制的会场',
    whole: '主会场（全轮）',
    hint: '“正在路演”和计时按所选分会场分别进行，各分会场大屏只显示本会场。',
  },
};
const en: typeof zhCN = {
  roomStage: {
    label: 'Stage controlled',
    whole: 'Main stage (whole round)',
    hint: 'Now pitching and the timer run per room; each room’s screen shows its own stage.',
  },
};

if (!i18next.getResource('zh-CN', NS, 'roomStage.label')) {
  i18next.addResourceBundle('zh-CN', NS, zhCN, true);
  i18next.addResourceBundle('en', NS, en, true);
}
