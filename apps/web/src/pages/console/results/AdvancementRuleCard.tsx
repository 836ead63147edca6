import { Button, Card, InputNumber, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';

type Quota = { groupKey?: string | null; trackCode?: string | null; quota: number };
type Rule = components['schemas']['AdvancementRuleDto'];

const words = {
  zh: {
    title: '晋级规则',
    plain: '未设置规则：按晋级数量取前 N 名',
    quotas: '名额（按组别和/或赛道）',
    group: '组别',
    track: '赛道',
    anyGroup: '任意组别',
    anyTrack: '任意赛道',
    quota: '名额',
    addQuota: '添加名额',
    remove: '删除',
    count: '晋级数量（无名额分组时）',
    unitCap: '每单位上限',
    noCap: '不限',
    wildcards: '赛区推荐名额',
    save: '保存规则',
    saved: '已保存',
    help: '按分数从高到低：组内名额未满且单位未达上限者晋级；并列者一同晋级并标为并列待定；赛区推荐在名额之后，计入单位上限。',
  },
  en: {
    title: 'Advancement rule',
    plain: 'No rule: the top N by the count',
    quotas: 'Places (by group and/or track)',
    group: 'Group',
    track: 'Track',
    anyGroup: 'Any group',
    anyTrack: 'Any track',
    quota: 'Places',
    addQuota: 'Add places',
    remove: 'Remove',
    count: 'Count (without quotas)',
    unitCap: 'Cap per unit',
    noCap: 'None',
    wildcards: 'Wildcard places',
    save: 'Save rule',
    saved: 'Saved',
    help: 'Highest score first: a project advances while its group has places and its unit is under the cap; ties advance together, flagged; wildcards come after the quotas and count towards the cap.',
  },
};

/** The heat's advancement rule: quotas per group and track, a cap per unit, wildcard places. */
export function AdvancementRuleCard({ heatId }: { heatId: string }) {
  const { i18n } = useConsoleT();
  const w = i18n.language.startsWith('en') ? words.en : words.zh;
  const view = $api.useQuery('get', '/api/v1/heats/{id}/advancement-rule', byId(heatId));
  const action = useAction();
  const [quotas, setQuotas] = useState<Quota[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [unitCap, setUnitCap] = useState<number | null>(null);
  const [wildcards, setWildcards] = useState(0);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  // The stored rule fills the form once per heat; the organiser's typing is kept after.
  useEffect(() => {
    if (!view.data || loadedFor === heatId) return;
    const r = view.data.rule;
    setQuotas(r?.quotas ?? []);
    setCount(r?.count ?? view.data.advanceQuota ?? null);
    setUnitCap(r?.unitCap ?? null);
    setWildcards(r?.wildcards ?? 0);
    setLoadedFor(heatId);
  }, [view.data, heatId, loadedFor]);
  const groups = view.data?.groups ?? [];
  const tracks = view.data?.tracks ?? [];
  const lang = i18n.language.startsWith('en');
  const set = (i: number, q: Partial<Quota>) =>
    setQuotas(quotas.map((x, k) => (k === i ? { ...x, ...q } : x)));

  async function save() {
    const body: Rule = {
      count,
      quotas: quotas.map((q) => ({
        groupKey: q.groupKey || null,
        trackCode: q.trackCode || null,
        quota: q.quota,
      })),
      unitCap,
      wildcards,
    };
    await action.run('rule', () =>
      call(api.PUT('/api/v1/heats/{id}/advancement-rule', { ...byId(heatId), body })),
    );
  }

  return (
    // Until the stored rule has filled the form, a skeleton: typing into an empty form
    // that the load then overwrites would lose the organiser's input.
    <Card
      title={w.title}
      className="console-section"
      data-testid="advancement-rule"
      loading={loadedFor !== heatId && !view.error}
    >
      <ErrorAlert error={view.error ?? action.error} />
      <p style={{ color: '#666' }}>{view.data?.rule ? w.help : w.plain}</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <strong>{w.quotas}</strong>
        {quotas.map((q, i) => (
          <Space key={i} wrap>
            <Select
              aria-label={`${w.group} ${i + 1}`}
              style={{ width: 160 }}
              value={q.groupKey ?? ''}
              onChange={(v) => set(i, { groupKey: v || null })}
              options={[
                { value: '', label: w.anyGroup },
                ...groups.map((g) => ({ value: g.key, label: lang ? g.labelEn : g.label })),
              ]}
            />
            <Select
              aria-label={`${w.track} ${i + 1}`}
              style={{ width: 160 }}
              value={q.trackCode ?? ''}
              onChange={(v) => set(i, { trackCode: v || null })}
              options={[
                { value: '', label: w.anyTrack },
                ...tracks.map((t) => ({ value: t.code, label: t.name })),
              ]}
            />
            <label>
              {w.quota}{' '}
              <InputNumber
                aria-label={`${w.quota} ${i + 1}`}
                min={0}
                value={q.quota}
                onChange={(v) => set(i, { quota: v ?? 0 })}
              />
            </label>
            <Button onClick={() => setQuotas(quotas.filter((_, k) => k !== i))}>{w.remove}</Button>
          </Space>
        ))}
        <Button
          onClick={() =>
            setQuotas([...quotas, { groupKey: groups[0]?.key ?? null, trackCode: null, quota: 3 }])
          }
        >
          {w.addQuota}
        </Button>
        <Space wrap>
          {quotas.length === 0 && (
            <label>
              {w.count}{' '}
              <InputNumber
                aria-label={w.count}
                min={0}
                value={count}
                onChange={(v) => setCount(v)}
              />
            </label>
          )}
          <label>
            {w.unitCap}{' '}
            <InputNumber
              aria-label={w.unitCap}
              min={1}
              placeholder={w.noCap}
              value={unitCap}
              onChange={(v) => setUnitCap(v)}
            />
          </label>
          <label>
            {w.wildcards}{' '}
            <InputNumber
              aria-label={w.wildcards}
              min={0}
              value={wildcards}
              onChange={(v) => setWildcards(v ?? 0)}
            />
          </label>
          <Button type="primary" loading={action.busy === 'rule'} onClick={() => void save()}>
            {w.save}
          </Button>
          {view.data?.updatedAt && <Tag color="green">{w.saved}</Tag>}
        </Space>
      </Space>
    </Card>
  );
}
