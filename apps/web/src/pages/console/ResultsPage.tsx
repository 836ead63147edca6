import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { useCapability } from './capabilities';
import { download, http, items } from './http';
import { useCompetitionId, useConsoleT, useLoad } from './hooks';
import type { AdvancePreview, AdvanceRow, Heat, Standings } from './types';

/**
 * Projects whose judges disagree most: spread in the top fifth of the heat,
 * above its mean and at least twice its median, so a heat where judges
 * broadly agree flags none.
 */
export function spreadFlags(entries: { projectId: string; spread: number }[]): Set<string> {
  if (!entries.length) return new Set();
  const spreads = entries.map((e) => e.spread).sort((a, b) => b - a);
  const mean = spreads.reduce((s, x) => s + x, 0) / spreads.length;
  const median = spreads[Math.floor(spreads.length / 2)];
  const threshold = spreads[Math.max(0, Math.ceil(spreads.length / 5) - 1)];
  return new Set(
    entries
      .filter(
        (e) => e.spread > 0 && e.spread >= threshold && e.spread > mean && e.spread >= 2 * median,
      )
      .map((e) => e.projectId),
  );
}

export default function ResultsPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const heats = useLoad(() => items<Heat>(`/competitions/${cid}/heats`), [cid]);
  const [heatId, setHeatId] = useState<string>();
  useEffect(() => {
    if (!heatId && heats.data?.length) setHeatId(heats.data[0].id);
  }, [heats.data, heatId]);
  const heat = heats.data?.find((h) => h.id === heatId);
  return (
    <>
      <h1>{t('results.title')}</h1>
      <ErrorAlert error={heats.error} />
      <div className="console-toolbar">
        <Select
          aria-label={t('applications.heat')}
          style={{ width: 220 }}
          value={heatId}
          onChange={setHeatId}
          options={(heats.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
      </div>
      {heat && <HeatResults key={heat.id} heat={heat} heats={heats.data ?? []} />}
    </>
  );
}

function HeatResults({ heat, heats }: { heat: Heat; heats: Heat[] }) {
  const { t } = useConsoleT();
  const standings = useLoad(() => http<Standings>('GET', `/heats/${heat.id}/standings`), [heat.id]);
  const flags = useMemo(() => spreadFlags(standings.data?.entries ?? []), [standings.data]);
  const [decidedAt, setDecidedAt] = useState(0);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Card
        title={t('results.standings')}
        className="console-section"
        extra={
          <Space>
            <Button
              onClick={() =>
                void download(`/heats/${heat.id}/standings.xlsx`, 'standings.xlsx').catch(setError)
              }
            >
              {t('common.export')} Excel
            </Button>
            <Button
              onClick={() =>
                void download(`/heats/${heat.id}/standings.csv`, 'standings.csv').catch(setError)
              }
            >
              CSV
            </Button>
          </Space>
        }
      >
        <ErrorAlert error={standings.error ?? error} />
        {standings.data && (
          <p>
            <Tag color={standings.data.final ? 'success' : 'warning'}>
              {standings.data.final ? t('results.final') : t('results.notFinal')}
            </Tag>
            {t('results.rounds')}：
            {standings.data.rounds
              .map((r) => `${r.name}（×${r.weight}，${t(`status.${r.status}`)}）`)
              .join('、') || '—'}
          </p>
        )}
        <Table
          size="small"
          rowKey="projectId"
          pagination={false}
          loading={standings.loading}
          dataSource={standings.data?.entries ?? []}
          data-testid="standings"
          columns={[
            { title: t('results.rank'), dataIndex: 'rank', width: 70 },
            { title: t('rounds.project'), dataIndex: 'title' },
            { title: t('results.score'), dataIndex: 'score' },
            { title: t('results.judgeCount'), dataIndex: 'judgeCount' },
            {
              title: t('results.spread'),
              render: (_, e) => (
                <Space>
                  {e.spread}
                  {flags.has(e.projectId) && <Tag color="orange">{t('results.spreadFlag')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <AdvanceCard
        heat={heat}
        heats={heats}
        onDecided={() => {
          setDecidedAt(Date.now());
          void standings.reload();
        }}
      />
      <ReleaseCard key={decidedAt} heatId={heat.id} decided={decidedAt > 0} />
    </>
  );
}

interface Choice {
  exclude: Record<string, string | undefined>;
  include: string[];
  includeReason: string;
}

function AdvanceCard({
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
      <p style={{ marginTop: 8 }}>
        {excluded.length > 0 && `${t('results.exclude')}：${excluded.length} `}
        {nextHeats.length === 0 && `${t('results.awards')}：${t('results.awarded')}`}
      </p>
    </Card>
  );
}

interface ResultsReleasePreview {
  recipients: {
    ownerId: string;
    email: string;
    mail: string;
    results: { title: string; result: string; award: string | null }[];
  }[];
}

// The release follows the decision: its preview is asked for once the heat is decided.
function ReleaseCard({ heatId, decided }: { heatId: string; decided: boolean }) {
  const { t } = useConsoleT();
  const offered = useCapability('get', '/api/v1/heats/{id}/results/release/preview');
  const preview = useLoad(
    () =>
      offered && decided
        ? http<ResultsReleasePreview>('GET', `/heats/${heatId}/results/release/preview`)
        : Promise.resolve(undefined),
    [heatId, offered, decided],
  );
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [released, setReleased] = useState(false);
  const missing = offered === false;
  const recipients = preview.data?.recipients ?? [];
  async function release() {
    setBusy(true);
    try {
      await http('POST', `/heats/${heatId}/results/release`);
      setReleased(true);
      setOpen(false);
      await preview.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('results.release')} className="console-section">
      {missing ? (
        <p>{t('results.releaseWithDecision')}</p>
      ) : (
        <>
          <ErrorAlert error={preview.error ?? error} />
          {released && (
            <Alert
              type="success"
              showIcon
              message={t('results.released')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Button type="primary" disabled={!recipients.length} onClick={() => setOpen(true)}>
            {t('results.release')}（{recipients.length}）
          </Button>
          <Modal
            open={open}
            title={t('results.releasePreview')}
            onCancel={() => setOpen(false)}
            onOk={() => void release()}
            confirmLoading={busy}
          >
            <Table
              size="small"
              rowKey="ownerId"
              pagination={false}
              dataSource={recipients}
              columns={[
                { title: t('judges.email'), dataIndex: 'email' },
                {
                  title: t('rounds.project'),
                  render: (_, r) =>
                    r.results
                      .map((i) => `${i.title}（${i.award ?? t(`status.${i.result}`)}）`)
                      .join('、'),
                },
              ]}
            />
          </Modal>
        </>
      )}
    </Card>
  );
}
