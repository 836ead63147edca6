import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { DEFAULT_TIME_ZONE, formatInZone } from './deadline';
import { MyMeetingLinks } from './MyMeetingLinks';
import { RoadshowResults } from './RoadshowResults';
import { PlaceOffers } from './PlaceOffers';

type Project = components['schemas']['ProjectViewDto'];
type Competition = components['schemas']['CompetitionViewDto'];

const STATUS_COLOR: Record<Project['status'], string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  ELIGIBLE: 'success',
  INELIGIBLE: 'error',
  ADVANCED: 'success',
  ELIMINATED: 'default',
  AWARDED: 'gold',
  WITHDRAWN: 'default',
};

/** My projects with their status and results; competitions open for registration. */
export function MyProjectsPage() {
  const { t } = useTranslation();
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [competitions, setCompetitions] = useState<Competition[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([call(api.GET('/api/v1/me/projects')), call(api.GET('/api/v1/competitions'))])
      .then(([mine, all]) => {
        setProjects(mine.items);
        setCompetitions(all.items);
      })
      .catch(setError);
  }, []);

  const now = Date.now();
  const open = competitions.filter(
    (c) => Date.parse(c.registrationOpensAt) <= now && now < Date.parse(c.registrationClosesAt),
  );
  const nameOf = (id: string) => competitions.find((c) => c.id === id)?.name ?? '';

  return (
    <AppShell title={t('applicant.myProjects')} wide>
      <ErrorAlert error={error} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <MyMeetingLinks />
        <RoadshowResults />
        <Card title={t('applicant.openCompetitions')} size="small">
          {open.length === 0 ? (
            <Empty description={t('applicant.noneOpen')} />
          ) : (
            <List
              dataSource={open}
              renderItem={(c) => (
                <List.Item
                  actions={[
                    <Link key="new" to={`/applicant/competitions/${c.id}/new`}>
                      <Button type="primary">{t('applicant.register')}</Button>
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={c.name}
                    description={t('applicant.deadline', {
                      time: formatInZone(c.registrationClosesAt, c.timeZone ?? DEFAULT_TIME_ZONE),
                    })}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card title={t('applicant.myProjects')} size="small">
          {projects && projects.length === 0 && <Empty description={t('applicant.noProjects')} />}
          <List
            dataSource={projects ?? []}
            loading={projects === null && !error}
            renderItem={(p) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/applicant/projects/${p.id}`}>
                    {p.status === 'DRAFT' ? t('applicant.edit') : t('applicant.view')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{p.title}</span>
                      <Tag color={STATUS_COLOR[p.status]}>{t(`applicant.status.${p.status}`)}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div>{nameOf(p.competitionId)}</div>
                      <Typography.Text type="secondary">
                        {t(`applicant.result.${p.status}`)}
                      </Typography.Text>
                      {p.reviewReason && (
                        <div>
                          {t('applicant.reason')}: {p.reviewReason}
                        </div>
                      )}
                      {p.status !== 'DRAFT' && (
                        <PlaceOffers
                          projectId={p.id}
                          timeZone={
                            competitions.find((c) => c.id === p.competitionId)?.timeZone ??
                            DEFAULT_TIME_ZONE
                          }
                        />
                      )}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Space>
    </AppShell>
  );
}
