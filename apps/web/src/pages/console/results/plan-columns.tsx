import { Checkbox, Input, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { useConsoleT } from '../hooks';
import type { AdvanceRow } from './types';
import type { components } from '../../../api/schema';
import { basisText } from './basis-text';

export interface Choice {
  exclude: Record<string, string | undefined>;
  include: string[];
  includeReason: string;
}

// The preview's columns: each project's standing, and the organiser's
// exclusions (with a reason each) and inclusions of eliminated projects.
export function planColumns(
  t: ReturnType<typeof useConsoleT>['t'],
  tied: Set<string>,
  choice: Choice,
  setChoice: (c: Choice) => void,
  buckets: components['schemas']['AdvancementBucketDto'][] = [],
  lang = 'zh-CN',
): TableColumnsType<AdvanceRow> {
  const excludeCell = (r: AdvanceRow) => (
    <Space>
      <Checkbox
        aria-label={`${t('results.exclude')} ${r.title}`}
        checked={choice.exclude[r.projectId] !== undefined}
        disabled={choice.include.includes(r.projectId)}
        onChange={(e) =>
          setChoice({
            ...choice,
            exclude: { ...choice.exclude, [r.projectId]: e.target.checked ? '' : undefined },
          })
        }
      />
      {choice.exclude[r.projectId] !== undefined && (
        <Input
          size="small"
          aria-label={`${t('results.excludeReason')} ${r.title}`}
          placeholder={t('results.excludeReason')}
          value={choice.exclude[r.projectId]}
          onChange={(e) =>
            setChoice({ ...choice, exclude: { ...choice.exclude, [r.projectId]: e.target.value } })
          }
        />
      )}
    </Space>
  );
  const includeCell = (r: AdvanceRow) =>
    // A 赛区推荐 stays uncheckable once the preview shows it advanced.
    r.result !== 'ELIMINATED' && !choice.include.includes(r.projectId) ? null : (
      <Checkbox
        aria-label={`${t('results.include')} ${r.title}`}
        checked={choice.include.includes(r.projectId)}
        onChange={(e) =>
          setChoice({
            ...choice,
            include: e.target.checked
              ? [...choice.include, r.projectId]
              : choice.include.filter((id) => id !== r.projectId),
          })
        }
      />
    );
  return [
    { title: t('rounds.project'), dataIndex: 'title' },
    { title: t('results.score'), dataIndex: 'score' },
    {
      title: t('common.status'),
      render: (_, r) => (
        <Space>
          <Tag color={r.result === 'ELIMINATED' ? 'default' : 'gold'}>
            {t(`status.${r.result}`)}
          </Tag>
          {tied.has(r.projectId) && <Tag color="orange">{t('results.tie')}</Tag>}
        </Space>
      ),
    },
    {
      title: lang.startsWith('en') ? 'Rule' : '依据',
      render: (_, r) => basisText(r.basis, buckets, lang),
    },
    { title: t('common.reason'), dataIndex: 'reason' },
    { title: t('results.exclude'), render: (_, r) => excludeCell(r) },
    { title: t('results.include'), render: (_, r) => includeCell(r) },
  ];
}
