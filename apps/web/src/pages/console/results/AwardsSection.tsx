import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { $api } from '../../../api/query';
import type { components } from '../../../api/schema';
import { byId, useConsoleT } from '../hooks';

type Award = components['schemas']['AwardDto'];
type AwardTier = components['schemas']['AwardTierDto'];
type Heat = components['schemas']['HeatViewDto'];
import { AwardPreviewCard } from './AwardPreviewCard';
import { AwardTiersCard } from './AwardTiersCard';
import { ErrorAlert } from '../../../layout/ErrorAlert';

/**
 * The final's awards: its tiers, the preview with ties to settle, and the
 * awards in force (the page reads the same cached answer to know whether
 * there are results to release).
 */
export function AwardsSection({ heat, finalists }: { heat: Heat; finalists: number }) {
  const { t } = useConsoleT();
  const view = $api.useQuery('get', '/api/v1/heats/{id}/awards', byId(heat.id));
  // A new preview after the tiers change.
  const [tiersSavedAt, setTiersSavedAt] = useState(0);

  if (!view.data)
    return (
      <Card title={t('awards.tiers')} className="console-section" loading={view.isLoading}>
        <ErrorAlert error={view.error} />
      </Card>
    );
  return (
    <>
      <AwardTiersCard
        heatId={heat.id}
        saved={view.data.tiers}
        finalists={finalists}
        onSaved={() => setTiersSavedAt(Date.now())}
      />
      {view.data.tiers.length > 0 && (
        <AwardPreviewCard
          key={tiersSavedAt}
          heatId={heat.id}
          tiers={view.data.tiers}
          assigned={view.data.awards}
        />
      )}
      <AssignedAwardsCard awards={view.data.awards} tiers={view.data.tiers} />
    </>
  );
}

function AssignedAwardsCard({ awards, tiers }: { awards: Award[]; tiers: AwardTier[] }) {
  const { t } = useConsoleT();
  const rank = (tier: string | null) => {
    const i = tiers.findIndex((x) => x.name === tier);
    return i < 0 ? tiers.length : i;
  };
  const sorted = [...awards].sort((a, b) => rank(a.tier) - rank(b.tier) || b.score - a.score);
  return (
    <Card title={t('awards.assigned')} className="console-section" data-testid="awards-assigned">
      {sorted.length ? (
        <Table
          size="small"
          rowKey="projectId"
          pagination={false}
          dataSource={sorted}
          columns={[
            {
              title: t('awards.award'),
              width: 140,
              render: (_, a) => <Tag color="gold">{a.tier}</Tag>,
            },
            { title: t('rounds.project'), dataIndex: 'title' },
            { title: t('results.score'), dataIndex: 'score' },
            { title: t('awards.reason'), dataIndex: 'reason' },
          ]}
        />
      ) : (
        <p>{t('awards.assignedNone')}</p>
      )}
    </Card>
  );
}
