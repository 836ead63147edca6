import { i18next } from '../../../i18n';
import { NS } from '../i18n';

// 分会场 (parallel rooms) and the online roadshow's meeting links on the
// console's round page: added to the console namespace beside i18n.ts.
const zhCN = {
  roomsCard: {
    title: '分会场',
    hint: '一轮路演可分多个分会场同时进行，每个分会场有自己的评委和项目。合并规则须在本轮开始前确定：各分会场按名额晋级（分会场之间不比较），或在分会场之间有共同评委时按标准化得分（评委 z 分数）统一排名。',
    none: '本轮未设分会场，全部项目在同一会场路演。',
    rule: '合并规则',
    rules: {
      QUOTA: '各分会场按名额晋级',
      NORMALISED: '标准化得分统一排名（需共同评委）',
    },
    advance: '全轮晋级数',
    room: '分会场 {{n}}',
    name: '分会场名称',
    judges: '评委',
    projects: '项目',
    quota: '晋级名额',
    addRoom: '添加分会场',
    removeRoom: '删除此分会场',
    save: '保存分会场',
    clear: '取消分会场',
    saved: '分会场已保存',
    locked: '本轮已开始，分会场及合并规则不能再修改。',
    unplaced: '尚未分到分会场的项目：{{titles}}',
    screen: '大屏地址',
    order: '出场顺序',
    result: '合并结果',
    resultHint: '按本轮开始前确定的规则合并各分会场成绩；本赛区晋级以此为准。',
    score: '得分',
    normalised: '标准化得分',
    rank: '名次',
    advances: '晋级',
    yes: '晋级',
    no: '未晋级',
    advancement:
      '本赛区的“{{round}}”设有分会场：晋级按分会场合并结果（{{rule}}）确定，不按总排名。',
  },
  meetingCard: {
    title: '线上路演会议链接',
    hint: '线上路演的项目可设置会议链接（须为加密的安全链接）；该项目的评委和团队会在各自页面看到链接。',
    project: '项目',
    url: '会议链接',
    placeholder: 'https://meeting.tencent.com/dm/…',
    save: '保存',
    clear: '清除',
    join: '打开',
    none: '本轮还没有项目（先分配评委）',
  },
};

const en: typeof zhCN = {
  roomsCard: {
    title: 'Parallel rooms',
    hint: 'A roadshow round may run in several rooms at once, each with its own judges and projects. The rule combining them is fixed before the round opens: a quota per room (rooms are never compared), or, only where rooms share judges, one ranking by a normalised score (each judge’s z-scores).',
    none: 'No rooms: every project pitches in one room.',
    rule: 'Combining rule',
    rules: {
      QUOTA: 'A quota per room',
      NORMALISED: 'One ranking by normalised score (needs shared judges)',
    },
    advance: 'Places in the round',
    room: 'Room {{n}}',
    name: 'Room name',
    judges: 'Judges',
    projects: 'Projects',
    quota: 'Places',
    addRoom: 'Add a room',
    removeRoom: 'Remove this room',
    save: 'Save the rooms',
    clear: 'Remove the rooms',
    saved: 'Rooms saved',
    locked: 'The round has opened: its rooms and rule are fixed.',
    unplaced: 'Projects in no room yet: {{titles}}',
    screen: 'Screen',
    order: 'Order',
    result: 'Combined result',
    resultHint: 'The rooms combined by the rule fixed before the round; the heat advances by it.',
    score: 'Score',
    normalised: 'Normalised',
    rank: 'Rank',
    advances: 'Advances',
    yes: 'Advances',
    no: 'Out',
    advancement:
      '“{{round}}” of this heat ran in parallel rooms: the heat advances by their combined result ({{rule}}), not the overall ranking.',
  },
  meetingCard: {
    title: 'Online roadshow meeting links',
    hint: 'A project pitching online may have a meeting link (https only); its judges and team see it on their pages.',
    project: 'Project',
    url: 'Meeting link',
    placeholder: 'https://meeting.tencent.com/dm/…',
    save: 'Save',
    clear: 'Clear',
    join: 'Open',
    none: 'No projects in the round yet (assign judges first)',
  },
};

if (!i18next.getResource('zh-CN', NS, 'roomsCard.title')) {
  i18next.addResourceBundle('zh-CN', NS, zhCN, true);
  i18next.addResourceBundle('en', NS, en, true);
}
