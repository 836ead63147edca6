import { Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';

/** Double marking (2+1) of an online-review round: the rule while DRAFT, then the results. */
export function DoubleMarkingCard({ roundId, draft }: { roundId: string; draft: boolean }) {
  const { t } = useConsoleT();
  const results = $api.useQuery('get', '/api/v1/rounds/{id}/double-marking', byId(roundId));
  const rule = results.data?.rule;
  const [tolerance, setTolerance] = useState(10);
  const [thirdMarkRule, setThird] = useState<'CLOSEST_PAIR' | 'MEAN_OF_ALL' | 'ARBITRATION'>(
    'CLOSEST_PAIR',
  );
  const [pairTieRule, setTie] = useState<
    'MEAN_OF_ALL' | 'HIGHER_PAIR' | 'LOWER_PAIR' | 'ARBITRATION'
  >('MEAN_OF_ALL');
  const action = useAction();
  useEffect(() => {
    if (rule && rule.toleranceKind === 'ABSOLUTE') setTolerance(rule.tolerance);
  }, [rule]);
  const save = (enabled: boolean) =>
    action.run('double', () =>
      call(
        api.PUT('/api/v1/rounds/{id}/double-marking', {
          ...byId(roundId),
          body: { tolerance, toleranceKind: 'ABSOLUTE', thirdMarkRule, pairTieRule, enabled },
        }),
      ),
    );
  return (
    <Card title={t('double.title')} className="console-section" data-testid="double-marking">
      <p>{rule ? t('double.on', { tolerance: results.data?.tolerance }) : t('double.off')}</p>
      {draft && (
        <Space wrap>
          <label>
            {t('double.tolerance')}{' '}
            <InputNumber
              min={0}
              max={100}
              value={tolerance}
              onChange={(v) => setTolerance(v ?? 0)}
            />
          </label>
          <Select
            aria-label={t('double.third')}
            value={thirdMarkRule}
            onChange={setThird}
            options={(['CLOSEST_PAIR', 'MEAN_OF_ALL', 'ARBITRATION'] as const).map((v) => ({
              value: v,
              label: t(`double.rule.${v}`),
            }))}
          />
          <Select
            aria-label={t('double.tie')}
            value={pairTieRule}
            onChange={setTie}
            options={(['MEAN_OF_ALL', 'HIGHER_PAIR', 'LOWER_PAIR', 'ARBITRATION'] as const).map(
              (v) => ({ value: v, label: t(`double.tieRule.${v}`) }),
            )}
          />
          <Button type="primary" loading={action.busy === 'double'} onClick={() => void save(true)}>
            {t('double.enable')}
          </Button>
          {rule && <Button onClick={() => void save(false)}>{t('double.disable')}</Button>}
        </Space>
      )}
      <ErrorAlert error={action.error ?? results.error} />
      {rule && (results.data?.entries.length ?? 0) > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="projectId"
          pagination={false}
          dataSource={results.data!.entries}
          columns={[
            { title: t('double.rank'), render: (_, e) => e.rank ?? '—', width: 70 },
            { title: t('bias.project'), dataIndex: 'title' },
            {
              title: t('double.marks'),
              render: (_, e) =>
                e.marks.map((m) => (m.total === null ? '…' : String(m.total))).join(' / '),
            },
            { title: t('double.score'), render: (_, e) => e.score ?? '—' },
            {
              title: t('double.third'),
              render: (_, e) =>
                e.needsThird ? <Tag color="orange">{t('double.needsThird')}</Tag> : null,
            },
          ]}
        />
      )}
    </Card>
  );
}
