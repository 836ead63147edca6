import { Alert, Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { $api } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, formatTime, useCompetitionId, useConsoleT } from './hooks';
import { auditActionLabel, entityLabel, mailTypeLabel } from './audit-labels';

type AuditEntry = components['schemas']['AuditEntryDto'];
type NotificationRow = components['schemas']['NotificationViewDto'];
type Verify = components['schemas']['AuditVerifyDto'];

// 校验: recomputes the audit log's hash chain (GET …/audit/verify) and says
// ok with the count, or names the first broken row.
function VerifyChain({ cid }: { cid: string }) {
  const { i18n } = useConsoleT();
  const zh = !i18n.language.startsWith('en');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verify | null>(null);
  const [failed, setFailed] = useState(false);
  const run = async () => {
    setBusy(true);
    setFailed(false);
    const res = await api.GET('/api/v1/competitions/{id}/audit/verify', byId(cid));
    setBusy(false);
    if (res.data) setResult(res.data);
    else setFailed(true);
  };
  const b = result?.broken;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Button onClick={() => void run()} loading={busy} data-testid="audit-verify">
        {zh ? '校验' : 'Verify'}
      </Button>
      {failed && (
        <Alert
          type="error"
          message={zh ? '校验未能完成，请重试。' : 'Could not verify: try again.'}
        />
      )}
      {result?.ok && (
        <Alert
          type="success"
          data-testid="audit-verify-result"
          message={
            zh
              ? `日志完整：${result.count} 条记录的哈希链校验通过。`
              : `Intact: the hash chain of ${result.count} entries verifies.`
          }
          description={`SHA-256 ${result.headHash}`}
        />
      )}
      {b && (
        <Alert
          type="error"
          data-testid="audit-verify-result"
          message={
            zh
              ? `日志被改动：第 ${b.seq} 条起校验失败（${b.at ? formatTime(b.at) : '末尾'} ${b.action ? auditActionLabel(b.action, i18n.language) : ''}）。`
              : `Tampered: the chain breaks at entry ${b.seq} (${b.at ? formatTime(b.at) : 'end'} ${b.action ? auditActionLabel(b.action, i18n.language) : ''}).`
          }
        />
      )}
    </Space>
  );
}

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
                  <VerifyChain cid={cid} />
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
