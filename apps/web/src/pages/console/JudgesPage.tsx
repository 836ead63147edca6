import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { http } from './http';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatTime, useCompetitionId, useConsoleT, useLoad } from './hooks';
import type { ImportJob, JudgeUser } from './types';
import { AddJudgeCard } from './judges/AddJudgeCard';
import { ImportCard } from './judges/ImportCard';
import { InvitationStatus } from './judges/InvitationStatus';
import { judgeList } from './judges/list';
import { ReasonAlert } from './ReasonAlert';

export default function JudgesPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const judges = useLoad(() => judgeList(), []);
  // The competition's earlier judge imports (newest first), and those started on this page.
  const history = useLoad(
    () =>
      http<{ items: ImportJob[] }>('GET', `/competitions/${cid}/imports`).then((r) =>
        r.items.filter((j) => j.kind === 'JUDGES'),
      ),
    [cid],
  );
  const [started, setStarted] = useState<ImportJob[]>([]);
  const imports = [
    ...started,
    ...(history.data ?? []).filter((j) => !started.some((s) => s.id === j.id)),
  ];
  const [inviteError, setInviteError] = useState<unknown>(null);
  const reload = () => judges.reload();
  const count = (status: string) =>
    (judges.data ?? []).filter((j) => j.invitation?.status === status).length;
  return (
    <>
      <h1>{t('judges.title')}</h1>
      <ImportCard
        onImported={(job) => {
          setStarted((list) => [job, ...list.filter((j) => j.id !== job.id)]);
          void reload();
        }}
      />
      <Card
        title={t('judges.title')}
        className="console-section"
        extra={
          <Space>
            <span role="status" data-testid="invitation-summary">
              {t('invitations.summary', {
                PENDING: count('PENDING'),
                ACCEPTED: count('ACCEPTED'),
                EXPIRED: count('EXPIRED'),
              })}
            </span>
            <Button onClick={() => void reload()}>{t('common.refresh')}</Button>
          </Space>
        }
      >
        <ErrorAlert error={judges.error} />
        <ReasonAlert error={inviteError} notFound="judgeNotFound" />
        <Table<JudgeUser>
          rowKey="id"
          size="small"
          loading={judges.loading}
          dataSource={judges.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('judges.email'), dataIndex: 'email' },
            { title: t('judges.affiliation'), dataIndex: 'affiliation' },
            {
              title: t('invitations.column'),
              render: (_, j) => (
                <InvitationStatus
                  judge={j}
                  onError={setInviteError}
                  onResent={(next) =>
                    judges.setData((list) => list?.map((x) => (x.id === next.id ? next : x)))
                  }
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('judges.imports')} className="console-section">
        <ErrorAlert error={history.error} />
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={imports}
          pagination={false}
          columns={[
            { title: t('log.at'), render: (_, j) => formatTime(j.createdAt) },
            { title: t('judges.file'), dataIndex: 'fileName' },
            { title: t('common.status'), render: (_, j) => <Tag>{t(`status.${j.status}`)}</Tag> },
            {
              title: t('judges.invitation'),
              render: (_, j) =>
                t('judges.importDone', { created: j.created, added: j.added, updated: j.updated }),
            },
          ]}
        />
      </Card>
      <AddJudgeCard onAdded={() => void reload()} />
      <Card title={t('judges.conflicts')}>
        <p>{t('judges.conflictsHint')}</p>
      </Card>
    </>
  );
}
