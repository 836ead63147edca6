import { useTranslation } from 'react-i18next';
import { $api } from '../../api/query';

/**
 * Online roadshow: the meeting links of the caller's projects in a round
 * (a judge's projects, a team's own), shown only when there are some.
 */
export function MeetingLinks({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const links = $api.useQuery(
    'get',
    '/api/v1/rounds/{id}/meeting-links',
    { params: { path: { id: roundId } } },
    { retry: false, refetchInterval: 30_000 },
  );
  const items = links.data?.links ?? [];
  if (!items.length) return null;
  return (
    <section className="card" data-testid="meeting-links">
      <h2 className="section-title">{t('meeting.title')}</h2>
      <ul className="meeting-links">
        {items.map((l) => (
          <li key={l.projectId}>
            <span>{l.title}</span>{' '}
            <a href={l.url} target="_blank" rel="noreferrer noopener">
              {t('meeting.join')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
