import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { byId, useConsoleT } from '../hooks';
import type { Award, AwardPlan, AwardTier } from './types';
import { type TieChoice, choiceInForce, slotsOf } from './award-plan';
import { TieSettle } from './TieSettle';
import { ErrorAlert } from '../../../layout/ErrorAlert';

/**
 * The awards as the final's standings give them (GET …/awards/preview), the
 * ties at tier boundaries to settle, and the assignment (POST …/awards) with
 * the organiser's tie-breaks. Assigning again is a correction.
 */
export function AwardPreviewCard({
  heatId,
  tiers,
  assigned,
  onAssigned,
}: {
  heatId: string;
  tiers: AwardTier[];
  assigned: Award[];
  onAssigned: (plan: AwardPlan) => void;
}) {
  const { t } = useConsoleT();
  const { modal } = App.useApp();
  const preview = $api.useQuery('get', '/api/v1/heats/{id}/awards/preview', byId(heatId));
  const ties = useMemo(() => preview.data?.ties ?? [], [preview.data]);
  const [choices, setChoices] = useState<TieChoice[]>([]);
  const [result, setResult] = useState<AwardPlan | null>(null);
  const action = useAction();

  // Each tie starts from the decision in force (a correction), else the preview's order.
  useEffect(() => {
    setChoices(
      ties.map(
        (tie) => choiceInForce(tie, assigned, tiers) ?? { order: tie.projectIds, reason: '' },
      ),
    );
    // `assigned` is read once per preview: later assignments answer with their own plan.
  }, [ties, tiers]);

  const slots = slotsOf(preview.data?.tiers ?? tiers);
  const rows = preview.data?.awards ?? [];
  const tied = new Set(ties.flatMap((x) => x.projectIds));
  const shown = result?.awards ?? rows;
  const unsettled = choices.length !== ties.length || choices.some((c) => !c.reason.trim());

  function assign() {
    void modal.confirm({
      title: assigned.length ? t('awards.reassign') : t('awards.assign'),
      content: assigned.length ? t('awards.reassignConfirm') : t('awards.assignConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const plan = await action.run('assign', () =>
          call(
            api.POST('/api/v1/heats/{id}/awards', {
              ...byId(heatId),
              body: {
                tieBreaks: choices.map((c) => ({ projectIds: c.order, reason: c.reason.trim() })),
              },
            }),
          ),
        );
        if (!plan) return;
        setResult(plan);
        onAssigned(plan);
      },
    });
  }

  return (
    <Card title={t('awards.preview')} className="console-section" data-testid="award-preview">
      <ErrorAlert error={preview.error} />
      {preview.data && (
        <>
          <p>{t('awards.previewHint')}</p>
          {ties.map((tie, i) =>
            choices[i] ? (
              <TieSettle
                key={tie.projectIds.join()}
                index={i}
                tie={tie}
                choice={choices[i]}
                rows={rows}
                slots={slots}
                onChange={(c) => setChoices(choices.map((x, j) => (j === i ? c : x)))}
              />
            ) : null,
          )}
          <div className="console-toolbar">
            <Button type="primary" disabled={unsettled} loading={!!action.busy} onClick={assign}>
              {assigned.length || result ? t('awards.reassign') : t('awards.assign')}
            </Button>
          </div>
          {result && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('awards.assignedDone', {
                count: result.awards.filter((a) => a.tier).length,
              })}
            />
          )}
          <ErrorAlert error={action.error} />
          <Table
            size="small"
            rowKey="projectId"
            pagination={false}
            dataSource={shown}
            rowClassName={(r) => (tied.has(r.projectId) ? 'row-tie' : r.tier ? '' : 'row-out')}
            columns={[
              { title: t('awards.position'), width: 70, render: (_, __, i) => i + 1 },
              { title: t('rounds.project'), dataIndex: 'title' },
              { title: t('results.score'), dataIndex: 'score' },
              {
                title: t('awards.award'),
                render: (_, r) => (
                  <Space>
                    {r.tier ? (
                      <Tag color="gold">{r.tier}</Tag>
                    ) : tied.has(r.projectId) && !result ? (
                      <Tag color="orange">{t('awards.pending')}</Tag>
                    ) : (
                      <Tag>{t('awards.none')}</Tag>
                    )}
                    {tied.has(r.projectId) && <Tag color="orange">{t('awards.tie')}</Tag>}
                  </Space>
                ),
              },
              { title: t('awards.reason'), dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
