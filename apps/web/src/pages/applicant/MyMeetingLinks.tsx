import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/query';

/**
 * 线上路演: the meeting links of the team's own projects in rounds not closed
 * yet, on its projects page (a team pitching online never scans the venue's
 * check-in code). Shown only when there are some.
 */
export function MyMeetingLinks() {
  const { t } = useTranslation();
  const links = $api.useQuery('get', '/api/v1/my/meeting-links', {}, { refetchInterval: 60_000 });
  const items = links.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title={t('meeting.title')} size="small" data-testid="my-meeting-links">
      <List
        dataSource={items}
        renderItem={(l) => (
          <List.Item
            actions={[
              <a key="join" href={l.url} target="_blank" rel="noreferrer noopener">
                {t('meeting.join')}
              </a>,
            ]}
          >
            <List.Item.Meta title={`${l.title} · ${l.roundName}`} description={l.url} />
          </List.Item>
        )}
      />
    </Card>
  );
}
