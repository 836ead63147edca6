import { Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/query';
import '../sign-off-i18n';

/**
 * The caller's projects in live roadshow rounds once revealed: each links to
 * the page where the team confirms (无异议) or objects within the window.
 */
export function RoadshowResults({ projectId }: { projectId?: string }) {
  const { t } = useTranslation();
  const results = $api.useQuery('get', '/api/v1/my/roadshow-results');
  const items = (results.data?.items ?? []).filter(
    (r) => r.state !== 'NOT_REVEALED' && (!projectId || r.projectId === projectId),
  );
  if (!items.length) return null;
  return (
    <Card title={t('signOff.myResults')} size="small" data-testid="roadshow-results">
      <List
        dataSource={items}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Link key="open" to={`/applicant/rounds/${r.roundId}/projects/${r.projectId}/result`}>
                {t('signOff.open')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={`${r.title} · ${r.roundName}`}
              description={
                <Tag color={r.state === 'OBJECTED' || r.state === 'RESCORING' ? 'orange' : 'blue'}>
                  {t(`signOff.states.${r.state}`)}
                </Tag>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
