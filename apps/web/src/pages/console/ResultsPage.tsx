import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { download, http, items } from './http';
import { useCompetitionId, useConsoleT, useLoad } from './hooks';
import { AdvanceCard } from './results/AdvanceCard';
import { AwardsSection } from './results/AwardsSection';
import { ReleaseCard } from './results/ReleaseCard';
import type { Competition, Heat, Standings } from './types';

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
  const competition = useLoad(() => http<Competition>('GET', `/competitions/${cid}`), [cid]);
  // Awards belong to the heat of the competition's last stage (the API's rule too).
  const lastStage = Math.max(...(competition.data?.stages ?? []).map((s) => s.order));
  const [heatId, setHeatId] = useState<string>();
  useEffect(() => {
    if (!heatId && heats.data?.length) setHeatId(heats.data[0].id);
  }, [heats.data, heatId]);
  const heat = heats.data?.find((h) => h.id === heatId);
  return (
    <>
      <h1>{t('results.title')}</h1>
      <ErrorAlert error={heats.error ?? competition.error} />
      <div className="console-toolbar">
        <Select
          aria-label={t('applications.heat')}
          style={{ width: 220 }}
          value={heatId}
          onChange={setHeatId}
          options={(heats.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
      </div>
      {heat && competition.data && (
        <HeatResults
          key={heat.id}
          heat={heat}
          heats={heats.data ?? []}
          final={heat.stageOrder === lastStage}
          timeZone={competition.data.timeZone}
        />
      )}
    </>
  );
}

function HeatResults({
  heat,
  heats,
  final,
  timeZone,
}: {
  heat: Heat;
  heats: Heat[];
  final: boolean;
  timeZone: string;
}) {
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
      {final ? (
        <AwardsSection
          heat={heat}
          finalists={standings.data?.entries.length ?? 0}
          onDecided={() => setDecidedAt(Date.now())}
        />
      ) : (
        <AdvanceCard
          heat={heat}
          heats={heats}
          timeZone={timeZone}
          onDecided={() => {
            setDecidedAt(Date.now());
            void standings.reload();
          }}
        />
      )}
      <ReleaseCard key={decidedAt} heatId={heat.id} decided={decidedAt > 0} />
    </>
  );
}
