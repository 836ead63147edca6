import type { components } from '../../../api/schema';

type Basis = components['schemas']['AdvancementBasisDto'];
type Bucket = components['schemas']['AdvancementBucketDto'];

// Which rule placed or stopped a project, in words (zh-CN first, en):
// "组内第2名（团队组 名额3）", "单位上限 2 已满", "赛区推荐：理由", "并列待定".
export function basisText(
  basis: Basis | null | undefined,
  buckets: Bucket[] | undefined,
  lang: string,
): string {
  if (!basis) return '';
  const zh = !lang.startsWith('en');
  const b = basis.bucket !== undefined ? buckets?.[basis.bucket] : undefined;
  const name = b
    ? [b.groupLabel, b.trackName, b.roomNames?.join(zh ? '、' : ', ')]
        .filter(Boolean)
        .join(' · ') || (zh ? '全体' : 'all')
    : zh
      ? '全体'
      : 'all';
  // 分会场: one room's quota ranks within the room; several rooms (normalised) rank together.
  const within = !b?.roomNames ? '组内' : b.roomNames.length === 1 ? '分会场内' : '标准化排名';
  switch (basis.code) {
    case 'QUOTA':
      return zh
        ? `${within}第${basis.rank}名（${name} 名额${basis.quota}）`
        : `No. ${basis.rank} in ${name} (${basis.quota} places)`;
    case 'TIED_AT_CUTOFF':
      return basis.limit === 'UNIT_CAP'
        ? zh
          ? `并列待定（单位上限 ${basis.cap}）`
          : `Tied at the cut-off (cap ${basis.cap} per unit)`
        : zh
          ? `并列待定（${name} 第${basis.rank}名 名额${basis.quota}）`
          : `Tied at the cut-off (No. ${basis.rank} in ${name}, ${basis.quota} places)`;
    case 'QUOTA_FULL':
      return zh
        ? `名额已满（${name} 第${basis.rank}名 名额${basis.quota}）`
        : `Places taken (No. ${basis.rank} in ${name}, ${basis.quota} places)`;
    case 'UNIT_CAP_FULL':
      return zh
        ? `单位上限 ${basis.cap} 已满（${basis.unit}）`
        : `Unit cap ${basis.cap} reached (${basis.unit})`;
    case 'NO_QUOTA':
      return zh ? '不在任何名额组' : 'In no quota group';
    case 'WILDCARD':
      return zh ? `赛区推荐：${basis.reason}` : `Wildcard: ${basis.reason}`;
    case 'WILDCARD_BLOCKED':
      return zh
        ? `赛区推荐未生效：单位上限 ${basis.cap} 已满（${basis.unit}）`
        : `Wildcard blocked: unit cap ${basis.cap} reached (${basis.unit})`;
    case 'EXCLUDED':
      return zh ? `排除：${basis.reason}` : `Excluded: ${basis.reason}`;
    default:
      return '';
  }
}
