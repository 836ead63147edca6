import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { saveFile } from './download';
import { byId, useCompetitionId, useConsoleT } from './hooks';
import { AdvanceCard } from './results/AdvanceCard';
import { AwardsSection } from './results/AwardsSection';
import { ReleaseCard } from './results/ReleaseCard';

type Heat = components['schemas']['HeatViewDto'];

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
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const heatList = heats.data?.items ?? [];
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  // Awards belong to the heat of the competition's last stage (the API's rule too).
  const lastStage = Math.max(...(competition.data?.stages ?? []).map((s) => s.order));
  const [chosen, setHeatId] = useState<string>();
  const heatId = chosen ?? heatList[0]?.id;
  const heat = heatList.find((h) => h.id === heatId);
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
          options={heatList.map((h) => ({ value: h.id, label: h.name }))}
        />
      </div>
      {heat && competition.data && (
        <HeatResults
          key={heat.id}
          heat={heat}
          heats={heatList}
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
  const standings = $api.useQuery('get', '/api/v1/heats/{id}/standings', byId(heat.id));
  const flags = useMemo(() => spreadFlags(standings.data?.entries ?? []), [standings.data]);
  // Results to release once the heat is decided: the same cached answers its
  // cards show (the awards in force on the final, else the recorded advancement).
  const record = $api.useQuery('get', '/api/v1/heats/{id}/advancement', byId(heat.id), {
    enabled: !final,
  });
  const awards = $api.useQuery('get', '/api/v1/heats/{id}/awards', byId(heat.id), {
    enabled: final,
  });
  const decided = final ? !!awards.data?.awards.length : record.data?.advanced === true;
  const files = useAction({ changes: false });
  const init = { ...byId(heat.id), parseAs: 'blob' as const };
  return (
    <>
      <Card
        title={t('results.standings')}
        className="console-section"
        extra={
          <Space>
            <Button
              loading={files.busy === 'xlsx'}
              onClick={() =>
                void files.run('xlsx', () =>
                  saveFile(api.GET('/api/v1/heats/{id}/standings.xlsx', init), 'standings.xlsx'),
                )
              }
            >
              {t('common.export')}（Excel）
            </Button>
            <Button
              loading={files.busy === 'csv'}
              onClick={() =>
                void files.run('csv', () =>
                  saveFile(api.GET('/api/v1/heats/{id}/standings.csv', init), 'standings.csv'),
                )
              }
            >
              {t('common.export')}（CSV）
            </Button>
          </Space>
        }
      >
        <ErrorAlert error={standings.error ?? files.error} />
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
          loading={standings.isLoading}
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
        <AwardsSection heat={heat} finalists={standings.data?.entries.length ?? 0} />
      ) : (
        <AdvanceCard heat={heat} heats={heats} timeZone={timeZone} />
      )}
      <ReleaseCard heatId={heat.id} decided={decided} />
    </>
  );
}
