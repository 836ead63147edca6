import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { byId, useConsoleT } from '../hooks';
import type { Award, AwardPlan, AwardTier } from './types';
import { type TieChoice, choiceInForce, slotsOf, tieKey } from './award-plan';
import { TieSettle } from './TieSettle';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * The awards as the final's standings give them (GET …/awards/preview), the
 * ties at tier boundaries to settle, and the assignment (POST …/awards) with
 * the organiser's tie-breaks. Assigning again is a correction.
 */
export function AwardPreviewCard({
  heatId,
  tiers,
  assigned,
}: {
  heatId: string;
  tiers: AwardTier[];
  assigned: Award[];
}) {
  const { t } = useConsoleT();
  const preview = $api.useQuery('get', '/api/v1/heats/{id}/awards/preview', byId(heatId));
  const [result, setResult] = useState<AwardPlan | null>(null);
  // The organiser's own order and reason per tie (by its projects). Kept when
  // the preview or the awards are fetched again (every accepted change anywhere
  // refetches them), so an edit is never silently replaced by the decision in force.
  const [edits, setEdits] = useState<Record<string, TieChoice>>({});
  const [confirming, setConfirming] = useState(false);
  const action = useAction();

  // A tie not edited starts from the decision in force (a correction), the
  // one just assigned first, else from the preview's order.
  const ties = useMemo(() => preview.data?.ties ?? [], [preview.data]);
  const inForce = result?.awards ?? assigned;
  const choices = useMemo(
    () =>
      ties.map(
        (tie) =>
          edits[tieKey(tie)] ??
          choiceInForce(tie, inForce, tiers) ?? { order: tie.projectIds, reason: '' },
      ),
    [ties, edits, inForce, tiers],
  );

  const slots = slotsOf(preview.data?.tiers ?? tiers);
  const rows = preview.data?.awards ?? [];
  const tied = new Set(ties.flatMap((x) => x.projectIds));
  const shown = result?.awards ?? rows;
  const unsettled = choices.some((c) => !c.reason.trim());
  const correction = assigned.length > 0 || !!result;

  function ask() {
    action.reset();
    setConfirming(true);
  }

  // Sent with the choices as they stand when 确定 is pressed.
  async function assign() {
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
    if (!plan) return; // refused: the dialog stays open with the sentence
    setResult(plan);
    setEdits({});
    setConfirming(false);
  }

  return (
    <Card title={t('awards.preview')} className="console-section" data-testid="award-preview">
      <ErrorAlert error={preview.error} />
      {preview.data && (
        <>
          <p>{t('awards.previewHint')}</p>
          {ties.map((tie, i) => (
            <TieSettle
              key={tieKey(tie)}
              index={i}
              tie={tie}
              choice={choices[i]}
              rows={rows}
              slots={slots}
              onChange={(c) => setEdits({ ...edits, [tieKey(tie)]: c })}
            />
          ))}
          <div className="console-toolbar">
            <Button type="primary" disabled={unsettled} loading={!!action.busy} onClick={ask}>
              {correction ? t('awards.reassign') : t('awards.assign')}
            </Button>
          </div>
          <ConfirmDialog
            open={confirming}
            title={correction ? t('awards.reassign') : t('awards.assign')}
            busy={action.busy === 'assign'}
            error={action.error}
            onOk={() => void assign()}
            onCancel={() => setConfirming(false)}
          >
            <p>{correction ? t('awards.reassignConfirm') : t('awards.assignConfirm')}</p>
          </ConfirmDialog>
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
          {!confirming && <ErrorAlert error={action.error} />}
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
