import { Card, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/query';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';

export function SupervisorHomePage() {
  const { t } = useTranslation();
  const mine = $api.useQuery('get', '/api/v1/supervisor/competitions');
  const items = mine.data?.items ?? [];
  return (
    <AppShell title={t('supervisor.title')} wide>
      <ErrorAlert error={mine.error} />
      {mine.data && !items.length && <Empty description={t('supervisor.none')} />}
      {items.map((c) => (
        <Card key={c.id} title={c.name} className="supervisor-card">
          <List
            dataSource={c.rounds}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/supervisor/rounds/${r.id}`}>
                    {t('supervisor.open')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={`${r.heatName} · ${r.name}`}
                  description={
                    <Tag color={r.status === 'OPEN' ? 'green' : undefined}>
                      {t(`supervisor.status.${r.status}`)}
                    </Tag>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </AppShell>
  );
}
