import { Card } from 'antd';
import { useEffect, useState } from 'react';
import { $api } from '../../../api/query';
import type { components } from '../../../api/schema';
import { byId, useConsoleT } from '../hooks';
import { AdvancementRecordCard } from './AdvancementRecordCard';
import { AdvancePlanner } from './AdvancePlanner';
import { ErrorAlert } from '../../../layout/ErrorAlert';

/**
 * A heat's advancement: asks first whether it is decided (a 200 either way),
 * then shows the recorded decision, or the preview to decide it, which the
 * API refuses for a decided heat. `onDecided` tells the page the heat has
 * results to release (once, when the decision is first seen).
 */
export function AdvanceCard({
  heat,
  heats,
  timeZone,
  onDecided,
}: {
  heat: components['schemas']['HeatViewDto'];
  heats: components['schemas']['HeatViewDto'][];
  timeZone?: string;
  onDecided: () => void;
}) {
  const { t } = useConsoleT();
  const record = $api.useQuery('get', '/api/v1/heats/{id}/advancement', byId(heat.id));
  const [justDecided, setJustDecided] = useState(false);
  const decided = record.data?.advanced === true;
  useEffect(() => {
    if (decided) onDecided();
  }, [decided]);

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
    <AdvancePlanner
      heat={heat}
      heats={heats}
      onDecided={() => setJustDecided(true)}
      onStale={() => void record.refetch()}
    />
  );
}
