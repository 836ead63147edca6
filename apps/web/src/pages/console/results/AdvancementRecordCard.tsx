import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import { formatTime, useConsoleT } from '../hooks';
import type { AdvanceRow, RecordedAdvancement } from './types';

const COLOURS: Record<string, string> = {
  ADVANCED: 'gold',
  AWARDED: 'gold',
  ELIMINATED: 'default',
};

/** A heat's advancement as recorded: read-only, results as they stand now. */
export function AdvancementRecordCard({
  record,
  timeZone,
  justDecided,
}: {
  record: RecordedAdvancement;
  timeZone?: string;
  justDecided: boolean;
}) {
  const { t } = useConsoleT();
  return (
    <Card title={t('recorded.title')} className="console-section" data-testid="advancement-record">
      {justDecided && (
        <Alert
          type="success"
          showIcon
          message={t('results.decided')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'by', label: t('recorded.decidedBy'), children: record.decidedBy.name || '—' },
          {
            key: 'at',
            label: t('recorded.decidedAt'),
            children: formatTime(record.decidedAt, timeZone),
          },
          { key: 'count', label: t('recorded.count'), children: record.count },
          {
            key: 'next',
            label: t('recorded.nextHeat'),
            children: record.nextHeat?.name ?? t('recorded.noNextHeat'),
          },
        ]}
      />
      <Table<AdvanceRow>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={record.results}
        rowClassName={(r) => (r.result === 'ELIMINATED' ? 'row-out' : '')}
        columns={[
          { title: t('rounds.project'), dataIndex: 'title' },
          { title: t('results.score'), dataIndex: 'score' },
          {
            title: t('recorded.result'),
            render: (_, r) => <Tag color={COLOURS[r.result]}>{t(`recorded.${r.result}`)}</Tag>,
          },
          {
            title: t('common.reason'),
            render: (_, r) => (
              <Space>
                {r.override && <Tag color="orange">{t(`recorded.${r.override}`)}</Tag>}
                {r.reason}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
