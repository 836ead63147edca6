import { Button, Card, Space, Table, Tag } from 'antd';
import { $api } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, formatTime, useCompetitionId, useConsoleT } from './hooks';
import { AddJudgeCard } from './judges/AddJudgeCard';
import { ImportCard } from './judges/ImportCard';
import { InvitationStatus } from './judges/InvitationStatus';
import { type JudgeUser, useJudgeList } from './judges/list';

type ImportJob = components['schemas']['ImportJobDto'];

export default function JudgesPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const judges = useJudgeList();
  // The competition's judge imports, newest first (refetched when one ends).
  const history = $api.useQuery('get', '/api/v1/competitions/{id}/imports', byId(cid));
  const imports = (history.data?.items ?? []).filter((j) => j.kind === 'JUDGES');
  const count = (status: string) =>
    (judges.data ?? []).filter((j) => j.invitation?.status === status).length;
  return (
    <>
      <h1>{t('judges.title')}</h1>
      <ImportCard />
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
            <Button onClick={() => void judges.refetch()}>{t('common.refresh')}</Button>
          </Space>
        }
      >
        <ErrorAlert error={judges.error} />
        <Table<JudgeUser>
          rowKey="id"
          size="small"
          loading={judges.isLoading}
          dataSource={judges.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('judges.email'), dataIndex: 'email' },
            { title: t('judges.affiliation'), dataIndex: 'affiliation' },
            {
              title: t('invitations.column'),
              render: (_, j) => <InvitationStatus judge={j} />,
            },
          ]}
        />
      </Card>
      <Card title={t('judges.imports')} className="console-section">
        <ErrorAlert error={history.error} />
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={history.isLoading}
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
      <AddJudgeCard />
      <Card title={t('judges.conflicts')}>
        <p>{t('judges.conflictsHint')}</p>
      </Card>
    </>
  );
}
