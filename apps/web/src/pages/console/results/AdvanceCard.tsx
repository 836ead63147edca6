import { Card } from 'antd';
import { useState } from 'react';
import { $api } from '../../../api/query';
import type { components } from '../../../api/schema';
import { byId, useConsoleT } from '../hooks';
import { AdvancementRecordCard } from './AdvancementRecordCard';
import { AdvancePlanner } from './AdvancePlanner';
import { AdvancementRuleCard } from './AdvancementRuleCard';
import { ErrorAlert } from '../../../layout/ErrorAlert';

/**
 * A heat's advancement: asks first whether it is decided (a 200 either way),
 * then shows the recorded decision, or the preview to decide it, which the
 * API refuses for a decided heat. The page reads the same cached record to
 * know whether there are results to release.
 */
export function AdvanceCard({
  heat,
  heats,
  timeZone,
}: {
  heat: components['schemas']['HeatViewDto'];
  heats: components['schemas']['HeatViewDto'][];
  timeZone?: string;
}) {
  const { t } = useConsoleT();
  const record = $api.useQuery('get', '/api/v1/heats/{id}/advancement', byId(heat.id));
  const [justDecided, setJustDecided] = useState(false);

  if (!record.data)
    return (
      <Card title={t('results.preview')} className="console-section" loading={record.isLoading}>
        <ErrorAlert error={record.error} />
      </Card>
    );
  if (record.data.advanced)
    return (
      <AdvancementRecordCard record={record.data} timeZone={timeZone} justDecided={justDecided} />
    );
  return (
    <>
      <AdvancementRuleCard heatId={heat.id} />
      <AdvancePlanner
        heat={heat}
        heats={heats}
        onDecided={() => setJustDecided(true)}
        onStale={() => void record.refetch()}
      />
    </>
  );
}
