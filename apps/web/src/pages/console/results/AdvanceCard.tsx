import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { http } from '../http';
import { useConsoleT, useLoad } from '../hooks';
import type { AdvancePreview, AdvanceRow, Heat } from '../types';

interface Choice {
  exclude: Record<string, string | undefined>;
  include: string[];
  includeReason: string;
}

export function AdvanceCard({
  heat,
  heats,
  onDecided,
}: {
  heat: Heat;
  heats: Heat[];
  onDecided: () => void;
}) {
  const { t } = useConsoleT();
  const { modal } = App.useApp();
  const [count, setCount] = useState<number>(heat.advanceQuota ?? 3);
  const preview = useLoad(
    () => http<AdvancePreview>('GET', `/heats/${heat.id}/advance/preview?count=${count}`),
    [heat.id, count],
  );
  const [choice, setChoice] = useState<Choice>({ exclude: {}, include: [], includeReason: '' });
  const [decided, setDecided] = useState<AdvancePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nextHeats = heats.filter((h) => h.stageOrder === heat.stageOrder + 1);
  const [toHeatId, setToHeatId] = useState<string | undefined>(nextHeats[0]?.id);
  const shown = decided ?? preview.data;
  const tied = new Set(shown?.tiedAtCutoff ?? []);
  const rows: AdvanceRow[] = shown ? [...shown.advanced, ...shown.eliminated] : [];
  const excluded = Object.entries(choice.exclude).filter(([, r]) => r !== undefined);
  const missingReason =
    excluded.some(([, r]) => !r?.trim()) ||
    (choice.include.length > 0 && !choice.includeReason.trim());

  function advance() {
    void modal.confirm({
      title: t('results.advance'),
      content: t('results.advanceConfirm'),
      okText: t('results.advance'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const result = await http<AdvancePreview>('POST', `/heats/${heat.id}/advance`, {
            count,
            toHeatId,
            exclude: excluded.map(([projectId, reason]) => ({ projectId, reason: reason!.trim() })),
            include: choice.include.length ? choice.include : undefined,
            includeReason: choice.include.length ? choice.includeReason.trim() : undefined,
          });
          setDecided(result);
          onDecided();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  }

  const alreadyDecided = preview.error instanceof ApiError && preview.error.status === 409;
  return (
    <Card title={t('results.preview')} className="console-section">
      <div className="console-toolbar">
        <label>
          {t('results.count')}{' '}
          <InputNumber
            aria-label={t('results.count')}
            min={0}
            value={count}
            onChange={(v) => setCount(v ?? 0)}
            disabled={!!decided}
          />
        </label>
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
          disabled={!!decided || !rows.length || missingReason || alreadyDecided}
          loading={busy}
          onClick={advance}
        >
          {t('results.advance')}
        </Button>
      </div>
      {decided && (
        <Alert
          type="success"
          showIcon
          message={t('results.decided')}
          style={{ marginBottom: 12 }}
        />
      )}
      <ErrorAlert error={error ?? preview.error} />
      <Table<AdvanceRow>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={rows}
        data-testid="advance-preview"
        rowClassName={(r) =>
          tied.has(r.projectId) ? 'row-tie' : r.result === 'ELIMINATED' ? 'row-out' : ''
        }
        columns={[
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
          { title: t('common.reason'), dataIndex: 'reason' },
          {
            title: t('results.exclude'),
            render: (_, r) =>
              decided ? null : (
                <Space>
                  <Checkbox
                    aria-label={`${t('results.exclude')} ${r.title}`}
                    checked={choice.exclude[r.projectId] !== undefined}
                    disabled={choice.include.includes(r.projectId)}
                    onChange={(e) =>
                      setChoice({
                        ...choice,
                        exclude: {
                          ...choice.exclude,
                          [r.projectId]: e.target.checked ? '' : undefined,
                        },
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
                        setChoice({
                          ...choice,
                          exclude: { ...choice.exclude, [r.projectId]: e.target.value },
                        })
                      }
                    />
                  )}
                </Space>
              ),
          },
          {
            title: t('results.include'),
            render: (_, r) =>
              decided || r.result !== 'ELIMINATED' ? null : (
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
              ),
          },
        ]}
      />
      {!decided && choice.include.length > 0 && (
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
