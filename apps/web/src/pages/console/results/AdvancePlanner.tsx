import { Alert, Button, Card, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { byId, useConsoleT } from '../hooks';
import type { AdvanceRow, Heat } from './types';
import { type Choice, planColumns } from './plan-columns';
import { ConfirmDialog } from '../ConfirmDialog';
import '../round/rooms-i18n';

/**
 * A heat not advanced yet: the preview for a count and target heat, the
 * organiser's exclusions and inclusions, and the decision. `onDecided` runs
 * once the API recorded it; `onStale` when the API refused it for the heat's
 * state (409), which may mean another organiser decided first.
 */
export function AdvancePlanner({
  heat,
  heats,
  onDecided,
  onStale,
}: {
  heat: Heat;
  heats: Heat[];
  onDecided: () => void;
  onStale: () => void;
}) {
  const { t, i18n } = useConsoleT();
  const [count, setCount] = useState<number>(heat.advanceQuota ?? 3);
  // Not asked again once deciding: a decided heat's preview is refused (409).
  const [deciding, setDeciding] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const stored = $api.useQuery('get', '/api/v1/heats/{id}/advancement-rule', byId(heat.id));
  const byQuota = !!stored.data?.rule?.quotas?.length;
  const [choice, setChoice] = useState<Choice>({ exclude: {}, include: [], includeReason: '' });
  // The preview weighs the overrides that have their reasons (赛区推荐 and
  // exclusions), so the 依据 column shows what the decision would record.
  const reasoned = Object.entries(choice.exclude).flatMap(([projectId, reason]) =>
    reason?.trim() ? [{ projectId, reason: reason.trim() }] : [],
  );
  const wildcards = choice.includeReason.trim()
    ? choice.include.map((projectId) => ({ projectId, reason: choice.includeReason.trim() }))
    : [];
  const preview = $api.useQuery(
    'post',
    '/api/v1/heats/{id}/advance/preview',
    { params: { path: { id: heat.id } }, body: { count, exclude: reasoned, wildcards } },
    { enabled: !deciding, placeholderData: keepPreviousData },
  );
  const action = useAction();
  const nextHeats = heats.filter((h) => h.stageOrder === heat.stageOrder + 1);
  const [toHeatId, setToHeatId] = useState<string | undefined>(nextHeats[0]?.id);
  const shown = preview.data;
  const tied = new Set(shown?.tiedAtCutoff ?? []);
  const rows: AdvanceRow[] = shown ? [...shown.advanced, ...shown.eliminated] : [];
  const excluded = Object.entries(choice.exclude).filter(([, r]) => r !== undefined);
  const missingReason =
    excluded.some(([, r]) => !r?.trim()) ||
    (choice.include.length > 0 && !choice.includeReason.trim());

  // Sent with the choices as they stand when the dialog's button is pressed;
  // the dialog shows progress, closes once the API recorded the decision, and
  // keeps a refusal in words (a 409 also has the record read again).
  async function decide() {
    setDeciding(true);
    const done = await action.run('advance', () =>
      call(
        api.POST('/api/v1/heats/{id}/advance', {
          ...byId(heat.id),
          body: {
            count,
            toHeatId,
            exclude: excluded.map(([projectId, reason]) => ({ projectId, reason: reason!.trim() })),
            include: choice.include.length ? choice.include : undefined,
            includeReason: choice.include.length ? choice.includeReason.trim() : undefined,
          },
        }),
      ).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 409) onStale();
        throw e;
      }),
    );
    if (!done) {
      setDeciding(false);
      return;
    }
    setConfirming(false);
    onDecided();
  }

  function ask() {
    action.reset();
    setConfirming(true);
  }

  return (
    <Card title={t('results.preview')} className="console-section">
      <div className="console-toolbar">
        {/* Places come from the rule's quotas (or the round's rooms) when it has them. */}
        {!byQuota && !preview.data?.rooms && (
          <label>
            {t('results.count')}{' '}
            <InputNumber
              aria-label={t('results.count')}
              min={0}
              value={count}
              onChange={(v) => setCount(v ?? 0)}
            />
          </label>
        )}
        {nextHeats.length > 0 && (
          <Select
            aria-label={t('rounds.heat')}
            style={{ width: 200 }}
            value={toHeatId}
            onChange={setToHeatId}
            options={nextHeats.map((h) => ({ value: h.id, label: `→ ${h.name}` }))}
          />
        )}
        {shown?.cutoffScore != null && (
          <Tag>{t('results.cutoff', { score: shown.cutoffScore })}</Tag>
        )}
        <Button
          type="primary"
          disabled={!rows.length || missingReason || !!preview.error}
          loading={!!action.busy}
          onClick={ask}
        >
          {t('results.advance')}
        </Button>
      </div>
      {preview.data?.rooms && (
        <Alert
          type="info"
          showIcon
          data-testid="advance-by-rooms"
          style={{ marginBottom: 12 }}
          message={t('roomsCard.advancement', {
            round: preview.data.rooms.roundName,
            rule: t(`roomsCard.rules.${preview.data.rooms.rule}`),
          })}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={t('results.advance')}
        okText={t('results.advance')}
        busy={action.busy === 'advance'}
        error={action.error}
        onOk={() => void decide()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('results.advanceConfirm')}</p>
      </ConfirmDialog>
      <ErrorAlert error={(confirming ? null : action.error) ?? preview.error} />
      <Table<AdvanceRow>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={rows}
        data-testid="advance-preview"
        rowClassName={(r) =>
          tied.has(r.projectId) ? 'row-tie' : r.result === 'ELIMINATED' ? 'row-out' : ''
        }
        columns={planColumns(t, tied, choice, setChoice, preview.data?.buckets, i18n.language)}
      />
      {choice.include.length > 0 && (
        <Input
          style={{ marginTop: 12 }}
          aria-label={t('results.includeReason')}
          placeholder={t('results.includeReason')}
          value={choice.includeReason}
          onChange={(e) => setChoice({ ...choice, includeReason: e.target.value })}
        />
      )}
      {excluded.length > 0 && (
        <p style={{ marginTop: 8 }}>{`${t('results.exclude')}：${excluded.length}`}</p>
      )}
    </Card>
  );
}
