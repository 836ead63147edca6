import { i18next } from '../../i18n';
import { NS } from './i18n';

// A heat's recorded advancement (results/AdvancementRecordCard), in its own
// group of the console namespace beside i18n.ts.
const zhCN = {
  recorded: {
    title: '晋级结果（已确认）',
    decidedBy: '确认人',
    decidedAt: '确认时间',
    count: '晋级名额',
    nextHeat: '晋级至',
    noNextHeat: '无（总决赛）',
    result: '结果',
    ADVANCED: '已晋级',
    ELIMINATED: '未晋级',
    AWARDED: '已获奖',
    INCLUDED: '破格晋级',
    EXCLUDED: '排除',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof zhCN> = {
  recorded: {
    title: 'Advancement (decided)',
    decidedBy: 'Decided by',
    decidedAt: 'Decided at',
    count: 'Places',
    nextHeat: 'Advanced to',
    noNextHeat: 'None (the final)',
    result: 'Result',
    ADVANCED: 'Advanced',
    ELIMINATED: 'Eliminated',
    AWARDED: 'Awarded',
    INCLUDED: 'Included',
    EXCLUDED: 'Excluded',
  },
};

// Deep-merged into the bundle i18n.ts added (imported first), once.
if (!i18next.getResource('zh-CN', NS, 'recorded.title')) {
  i18next.addResourceBundle('zh-CN', NS, zhCN, true);
  i18next.addResourceBundle('en', NS, en, true);
}
