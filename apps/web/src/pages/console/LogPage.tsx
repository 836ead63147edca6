import { Card, Table, Tabs, Tag } from 'antd';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { items } from './http';
import { formatTime, useCompetitionId, useConsoleT, useLoad } from './hooks';
import type { AuditEntry, NotificationRow } from './types';
import { auditActionLabel, entityLabel, mailTypeLabel } from './audit-labels';

export default function LogPage() {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const audit = useLoad(() => items<AuditEntry>(`/competitions/${cid}/audit`), [cid]);
  const notifications = useLoad(() => items<NotificationRow>('/notifications'), [cid]);
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
                    loading={audit.loading}
                    dataSource={[...(audit.data ?? [])].reverse()}
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
                        title: t('log.entity'),
                        render: (_, a) =>
                          `${entityLabel(a.entityType, i18n.language)} ${a.entityId.slice(0, 8)}`,
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
                    loading={notifications.loading}
                    dataSource={notifications.data ?? []}
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
