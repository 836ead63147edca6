import { Button, Card, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
import type { RoundJudge } from './types';

/** Double marking (2+1) of an online-review round: the rule while DRAFT, then the results. */
export function DoubleMarkingCard({
  roundId,
  draft,
  judges,
}: {
  roundId: string;
  draft: boolean;
  /** The round's judge pool: the chief expert (主评专家) is one of them. */
  judges: RoundJudge[];
}) {
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
  const [chiefJudgeId, setChief] = useState<string | null>(null);
  const action = useAction();
  // The chief expert's arbitration of a project that awaits one (主评专家仲裁).
  const [arbiter, setArbiter] = useState<{
    projectId: string;
    total: number | null;
    reason: string;
  }>({ projectId: '', total: null, reason: '' });
  const arbitrate = () =>
    action.run('arbitrate', async () => {
      await call(
        api.PUT('/api/v1/rounds/{id}/double-marking/{projectId}/arbitration', {
          params: { path: { id: roundId, projectId: arbiter.projectId } },
          body: { total: arbiter.total ?? 0, reason: arbiter.reason },
        }),
      );
      setArbiter({ projectId: '', total: null, reason: '' });
    });
  useEffect(() => {
    if (rule && rule.toleranceKind === 'ABSOLUTE') setTolerance(rule.tolerance);
    if (rule) setChief(rule.chiefJudgeId ?? null);
  }, [rule]);
  const chiefName = (id: string) => judges.find((j) => j.judgeId === id)?.name ?? id;
  const save = (enabled: boolean) =>
    action.run('double', () =>
      call(
        api.PUT('/api/v1/rounds/{id}/double-marking', {
          ...byId(roundId),
          body: {
            tolerance,
            toleranceKind: 'ABSOLUTE',
            thirdMarkRule,
            pairTieRule,
            enabled,
            chiefJudgeId,
          },
        }),
      ),
    );
  return (
    <Card title={t('double.title')} className="console-section" data-testid="double-marking">
      <p>{rule ? t('double.on', { tolerance: results.data?.tolerance }) : t('double.off')}</p>
      {rule?.chiefJudgeId && (
        <p data-testid="double-chief">
          {t('double.chiefIs', { name: chiefName(rule.chiefJudgeId) })}
        </p>
      )}
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
          <label>
            {t('double.chief')}{' '}
            <Select
              aria-label={t('double.chief')}
              style={{ minWidth: 200 }}
              value={chiefJudgeId ?? ''}
              onChange={(v: string) => setChief(v || null)}
              options={[
                { value: '', label: t('double.chiefNone') },
                ...judges.map((j) => ({ value: j.judgeId, label: j.name })),
              ]}
            />
          </label>
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
            {
              title: t('double.arbitrate'),
              render: (_, e) =>
                e.arbitration ? (
                  t('double.arbitrated', { total: e.arbitration.total })
                ) : e.status !== 'NEEDS_ARBITRATION' ? null : arbiter.projectId !== e.projectId ? (
                  <Button
                    size="small"
                    onClick={() => setArbiter({ projectId: e.projectId, total: null, reason: '' })}
                  >
                    {t('double.arbitrate')}
                  </Button>
                ) : (
                  <Space wrap>
                    <InputNumber
                      aria-label={t('double.arbitrationTotal')}
                      min={0}
                      max={100}
                      value={arbiter.total}
                      onChange={(v) => setArbiter({ ...arbiter, total: v })}
                    />
                    <Input
                      aria-label={t('double.arbitrationReason')}
                      placeholder={t('double.arbitrationReason')}
                      value={arbiter.reason}
                      onChange={(ev) => setArbiter({ ...arbiter, reason: ev.target.value })}
                    />
                    <Button
                      type="primary"
                      size="small"
                      disabled={arbiter.total === null || !arbiter.reason.trim()}
                      loading={action.busy === 'arbitrate'}
                      onClick={() => void arbitrate()}
                    >
                      {t('double.arbitrate')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
