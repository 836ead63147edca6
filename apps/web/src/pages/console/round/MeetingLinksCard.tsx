import { Button, Card, Input, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
import type { Assignment, Round } from './types';
import './rooms-i18n';

interface Row {
  projectId: string;
  title: string;
  position: number | null;
  url: string | null;
}

/**
 * 线上路演: each slot's meeting link (https only, checked by the server), set
 * or cleared by the organiser; the project's judges and team see it on their
 * own pages. Slots in the drawn order, else by title.
 */
export function MeetingLinksCard({
  round,
  assignments,
}: {
  round: Round;
  assignments: Assignment[];
}) {
  const { t } = useConsoleT();
  const links = $api.useQuery('get', '/api/v1/rounds/{id}/meeting-links', byId(round.id));
  const action = useAction();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const closed = round.status === 'CLOSED';

  const rows: Row[] = useMemo(() => {
    const url = new Map((links.data?.links ?? []).map((l) => [l.projectId, l.url]));
    const title = new Map<string, string>();
    for (const a of assignments) title.set(a.projectId, a.title);
    for (const l of links.data?.links ?? []) title.set(l.projectId, l.title);
    const position = new Map(round.pitchOrder.map((id, i) => [id, i + 1]));
    return [...title]
      .map(([projectId, t]) => ({
        projectId,
        title: t,
        position: position.get(projectId) ?? null,
        url: url.get(projectId) ?? null,
      }))
      .sort(
        (a, b) =>
          (a.position ?? 1e9) - (b.position ?? 1e9) || a.title.localeCompare(b.title, 'zh-CN'),
      );
  }, [links.data, assignments, round.pitchOrder]);

  if (round.kind !== 'ROADSHOW') return null;

  const set = async (projectId: string, url: string | null) => {
    const done = await action.run(`link:${projectId}`, () =>
      call(
        api.PUT('/api/v1/rounds/{id}/projects/{projectId}/meeting-link', {
          params: { path: { id: round.id, projectId } },
          body: { url },
        }),
      ),
    );
    if (done)
      setTyped((all) => {
        const { [projectId]: _, ...rest } = all;
        return rest;
      });
  };

  return (
    <Card title={t('meetingCard.title')} className="console-section" data-testid="meeting-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <span className="muted">{t('meetingCard.hint')}</span>
        <Table<Row>
          size="small"
          rowKey="projectId"
          pagination={false}
          locale={{ emptyText: t('meetingCard.none') }}
          dataSource={rows}
          columns={[
            { title: '#', width: 48, render: (_, r) => r.position ?? '' },
            { title: t('meetingCard.project'), dataIndex: 'title' },
            {
              title: t('meetingCard.url'),
              render: (_, r) => (
                <Space wrap>
                  <Input
                    aria-label={`${r.title} ${t('meetingCard.url')}`}
                    placeholder={t('meetingCard.placeholder')}
                    style={{ width: 300 }}
                    type="url"
                    inputMode="url"
                    disabled={closed}
                    value={typed[r.projectId] ?? r.url ?? ''}
                    onChange={(e) => setTyped({ ...typed, [r.projectId]: e.target.value })}
                  />
                  {r.url && (
                    <a href={r.url} target="_blank" rel="noreferrer noopener">
                      {t('meetingCard.join')}
                    </a>
                  )}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, r) => (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    disabled={closed || !typed[r.projectId]?.trim()}
                    loading={action.busy === `link:${r.projectId}`}
                    aria-label={`${t('meetingCard.save')} ${r.title}`}
                    onClick={() => void set(r.projectId, typed[r.projectId].trim())}
                  >
                    {t('meetingCard.save')}
                  </Button>
                  <Button
                    size="small"
                    disabled={closed || !r.url}
                    aria-label={`${t('meetingCard.clear')} ${r.title}`}
                    onClick={() => void set(r.projectId, null)}
                  >
                    {t('meetingCard.clear')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <ErrorAlert error={action.error ?? links.error} />
      </Space>
    </Card>
  );
}
