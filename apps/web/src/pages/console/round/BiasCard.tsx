import { Alert, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { $api } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';

/** The advisory judge-bias report: offsets with standard errors, spreads, order effect. */
export function BiasCard({ roundId }: { roundId: string }) {
  const { t } = useConsoleT();
  const [shown, setShown] = useState(false);
  const report = $api.useQuery('get', '/api/v1/rounds/{id}/bias-report', byId(roundId), {
    enabled: shown,
  });
  const r = report.data;
  return (
    <Card
      title={t('bias.title')}
      className="console-section"
      data-testid="bias-report"
      extra={
        <Button onClick={() => (shown ? void report.refetch() : setShown(true))}>
          {t('bias.load')}
        </Button>
      }
    >
      <p>{t('bias.hint')}</p>
      <ErrorAlert error={report.error} />
      {r && (
        <>
          <Alert
            type={r.connected ? 'success' : 'warning'}
            message={
              r.connected
                ? t('bias.connected')
                : t('bias.disconnected', { count: r.components.length })
            }
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="judgeId"
            pagination={false}
            dataSource={r.judges}
            columns={[
              { title: t('bias.judge'), dataIndex: 'judgeName' },
              ...(r.connected ? [] : [{ title: t('bias.component'), dataIndex: 'component' }]),
              {
                title: t('bias.offset'),
                render: (_, j) => (j.offset > 0 ? `+${j.offset}` : `${j.offset}`),
              },
              { title: t('bias.se'), render: (_, j) => j.standardError ?? '—' },
              {
                title: t('bias.flag'),
                render: (_, j) => (j.flagged ? <Tag color="orange">{t('bias.flag')}</Tag> : null),
              },
            ]}
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="projectId"
            pagination={false}
            dataSource={r.projects}
            columns={[
              { title: t('bias.project'), dataIndex: 'title' },
              { title: t('bias.raw'), dataIndex: 'rawMean' },
              { title: t('bias.calibrated'), dataIndex: 'calibrated' },
              {
                title: t('bias.spread'),
                render: (_, p) => (p.spreadFlag ? <Tag color="orange">{p.spread}</Tag> : p.spread),
              },
            ]}
          />
          {r.orderEffect?.slope != null && (
            <p style={{ marginTop: 12 }}>
              {t('bias.order', { slope: r.orderEffect.slope, r: r.orderEffect.correlation ?? '—' })}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
