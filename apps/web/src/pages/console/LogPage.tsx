import { Card, Table, Tabs, Tag } from 'antd';
import { $api } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, formatTime, useCompetitionId, useConsoleT } from './hooks';
import { auditActionLabel, entityLabel, mailTypeLabel } from './audit-labels';

type AuditEntry = components['schemas']['AuditEntryDto'];
type NotificationRow = components['schemas']['NotificationViewDto'];

export default function LogPage() {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const audit = $api.useQuery('get', '/api/v1/competitions/{id}/audit', byId(cid));
  // This competition's mails only (the log of another competition is on its own page).
  const notifications = $api.useQuery('get', '/api/v1/notifications', {
    params: { query: { competitionId: cid } },
  });
  return (
    <>
      <h1>{t('log.title')}</h1>
      <Card>
        <Tabs
          items={[
            {
              key: 'audit',
              label: t('log.audit'),
              children: (
                <>
                  <ErrorAlert error={audit.error} />
                  <Table<AuditEntry>
                    size="small"
                    rowKey="id"
                    loading={audit.isLoading}
                    dataSource={[...(audit.data?.items ?? [])].reverse()}
                    pagination={{ pageSize: 50 }}
                    scroll={{ x: 800 }}
                    columns={[
                      { title: t('log.at'), render: (_, a) => formatTime(a.at), width: 170 },
                      {
                        title: t('log.action'),
                        render: (_, a) => (
                          <span title={a.action}>{auditActionLabel(a.action, i18n.language)}</span>
                        ),
                      },
                      {
                        title: t('log.actor'),
                        render: (_, a) => a.actorName ?? t('log.system'),
                      },
                      {
                        title: t('log.entity'),
                        render: (_, a) =>
                          [entityLabel(a.entityType, i18n.language), a.entityName]
                            .filter(Boolean)
                            .join(' · '),
                      },
                      { title: t('common.reason'), dataIndex: 'reason' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'notifications',
              label: t('log.notifications'),
              children: (
                <>
                  <ErrorAlert error={notifications.error} />
                  <Table<NotificationRow>
                    size="small"
                    rowKey="id"
                    loading={notifications.isLoading}
                    dataSource={notifications.data?.items ?? []}
                    pagination={{ pageSize: 50 }}
                    scroll={{ x: 800 }}
                    columns={[
                      { title: t('log.at'), render: (_, n) => formatTime(n.createdAt), width: 170 },
                      {
                        title: t('log.type'),
                        render: (_, n) => (
                          <span title={n.type}>{mailTypeLabel(n.type, i18n.language)}</span>
                        ),
                      },
                      { title: t('log.recipient'), dataIndex: 'recipient' },
                      {
                        title: t('common.status'),
                        render: (_, n) => (
                          <Tag
                            color={
                              n.status === 'FAILED'
                                ? 'red'
                                : n.status === 'SENT'
                                  ? 'green'
                                  : undefined
                            }
                          >
                            {t(`status.${n.status}`)}
                          </Tag>
                        ),
                      },
                      { title: t('log.attempts'), dataIndex: 'attempts' },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
