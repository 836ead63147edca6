import {
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatTime } from '../console/hooks';
import { saveFile } from '../console/download';
import '../sign-off-i18n';

type View = components['schemas']['SupervisorRoundViewDto'];

/**
 * 监督: one round, live and read-only. Each section is one part of the
 * answer (and one sheet of the export): scores by judge as they are
 * submitted, the ranking, the draw and its seed, the timing log, check-ins,
 * the sign-off (signed sheets, confirmations, on-site objections), and the
 * supervisors' notes, the one thing a supervisor writes. A round with rooms
 * (分会场) can be watched one room at a time (?room=, kept in the URL): every
 * section, the notes added and the export follow the room picked.
 */
export function SupervisorRoundPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const roomId = search.get('room') ?? '';
  const path = { params: { path: { id: roundId }, query: roomId ? { roomId } : {} } };
  const view = $api.useQuery('get', '/api/v1/supervisor/rounds/{id}', path, {
    refetchInterval: 3_000,
    // Switching rooms keeps the page (and the picker) until the room's view arrives.
    placeholderData: (previous) => previous,
  });
  const v = view.data;
  const roomOptions = v?.rooms.rooms ?? [];
  const pickRoom = (id: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('room', id);
        else next.delete('room');
        return next;
      },
      { replace: true },
    );
  const action = useAction();
  const download = useAction({ changes: false });
  const [note, setNote] = useState('');

  const addNote = async () => {
    const done = await action.run('note', () =>
      call(
        api.POST('/api/v1/supervisor/rounds/{id}/notes', {
          params: { path: { id: roundId } },
          body: roomId ? { body: note.trim(), roomId } : { body: note.trim() },
        }),
      ),
    );
    if (done) setNote('');
  };
  const exportXlsx = () =>
    void download.run('export', () =>
      saveFile(
        api.GET('/api/v1/supervisor/rounds/{id}/export.xlsx', { ...path, parseAs: 'blob' }),
        'supervision.xlsx',
      ),
    );

  const roomName = (id: string | null) =>
    id ? (roomOptions.find((r) => r.id === id)?.name ?? '') : t('supervisor.noteRoundWide');

  return (
    <AppShell title={v ? `${v.roundName} · ${t('supervisor.title')}` : t('supervisor.title')} wide>
      <ErrorAlert error={view.error ?? action.error ?? download.error} />
      {(roomOptions.length > 0 || roomId) && (
        <div
          className="supervisor-room-picker"
          role="group"
          aria-labelledby="supervisor-room-label"
          data-testid="supervisor-room-picker"
        >
          <Typography.Text strong id="supervisor-room-label">
            {t('supervisor.roomLabel')}
          </Typography.Text>
          <Segmented
            value={roomId}
            onChange={(value) => pickRoom(String(value))}
            options={[
              { label: t('supervisor.allRooms'), value: '' },
              ...roomOptions.map((r) => ({ label: r.name, value: r.id })),
            ]}
          />
        </div>
      )}
      {v && (
        <>
          <Space wrap className="supervisor-card" align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {v.competitionName} · {v.heatName} · {v.roundName}
            </Typography.Title>
            {v.room && (
              <Tag color="blue" data-testid="supervisor-room">
                {t('supervisor.roomView', { name: v.room.name })}
              </Tag>
            )}
            <Tag color={v.status === 'OPEN' ? 'green' : undefined}>
              {t(`supervisor.status.${v.status}`)}
            </Tag>
            <Typography.Text type="secondary">
              {t('supervisor.live')} ·{' '}
              {t('supervisor.readAt', { time: formatTime(v.readAt, v.timeZone) })}
            </Typography.Text>
            <Button onClick={exportXlsx} loading={download.busy === 'export'}>
              {t('supervisor.export')}
            </Button>
          </Space>
          <div className="supervisor-grid">
            <Card
              title={t('supervisor.scoreMatrix')}
              className="supervisor-wide"
              data-testid="supervisor-scores"
            >
              <ScoreMatrix v={v} />
            </Card>
            {v.rooms.rooms.length > 0 && !v.room && (
              <Card
                title={`${t('supervisor.rooms')} · ${t(`supervisor.rule.${v.rooms.rule ?? 'QUOTA'}`)}`}
                className="supervisor-wide"
                data-testid="supervisor-rooms"
              >
                <List
                  size="small"
                  dataSource={v.rooms.rooms}
                  renderItem={(r) => (
                    <List.Item>
                      <div>
                        <Typography.Text strong>{r.name}</Typography.Text>
                        {r.quota !== null && (
                          <Tag style={{ marginLeft: 6 }}>
                            {t('supervisor.quota', { n: r.quota })}
                          </Tag>
                        )}
                        <div>
                          {t('supervisor.judge')}：{r.judges.map((j) => j.name).join('、')}
                        </div>
                        <div>
                          {t('supervisor.project')}：{r.projects.map((p) => p.name).join('、')}
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card
              title={v.room ? t('supervisor.roomRanking') : t('supervisor.ranking')}
              data-testid="supervisor-ranking"
            >
              <Table
                size="small"
                rowKey="projectId"
                pagination={false}
                dataSource={v.ranking}
                columns={[
                  { title: t('supervisor.rank'), dataIndex: 'rank', width: 60 },
                  { title: t('supervisor.project'), dataIndex: 'title' },
                  {
                    title: t('supervisor.score'),
                    render: (_, e) =>
                      `${e.score.toFixed(2)}${e.complete ? '' : ` (${e.judgeCount}/${e.assignedJudges})`}`,
                  },
                ]}
              />
            </Card>
            <Card title={t('supervisor.draw')} data-testid="supervisor-draw">
              {v.draw.seed ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('supervisor.seed')}>
                    <span className="supervisor-seed">{v.draw.seed}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supervisor.drawnAt')}>
                    {formatTime(v.draw.drawnAt, v.timeZone)}
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">{t('supervisor.notDrawn')}</Typography.Text>
              )}
              <ol>
                {v.projects
                  .filter((p) => p.position !== null)
                  .map((p) => (
                    <li key={p.projectId}>
                      {p.title}
                      {p.meetingUrl && (
                        <>
                          {' · '}
                          <a href={p.meetingUrl} target="_blank" rel="noreferrer noopener">
                            {t('supervisor.meeting')}
                          </a>
                        </>
                      )}
                    </li>
                  ))}
              </ol>
            </Card>
            <Card title={t('supervisor.timing')}>
              {v.timing.projects.length ? (
                <List
                  size="small"
                  dataSource={v.timing.projects}
                  renderItem={(p) => (
                    <List.Item>
                      <div>
                        <Typography.Text strong>{p.title}</Typography.Text>
                        {p.phases.map((ph, i) => (
                          <div key={i}>
                            {t(`supervisor.phase.${ph.phase}`)}{' '}
                            {formatTime(ph.startedAt, v.timeZone).slice(11)}
                            {' · '}
                            {Math.round(ph.activeMs / 1000)} s / {Math.round(ph.limitMs / 1000)} s
                            {ph.overrunMs > 0 && (
                              <Tag color="red" style={{ marginLeft: 6 }}>
                                {t('supervisor.overrun', { s: Math.round(ph.overrunMs / 1000) })}
                              </Tag>
                            )}
                            {ph.extensionMinutes > 0 && (
                              <Tag color="orange">
                                {t('supervisor.extended', { m: ph.extensionMinutes })}
                              </Tag>
                            )}
                          </div>
                        ))}
                      </div>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('supervisor.noTiming')}
                />
              )}
            </Card>
            <Card title={t('supervisor.checkIns')}>
              <List
                size="small"
                dataSource={[
                  ...v.checkIns.projects.map((p) => ({
                    key: p.projectId,
                    name: p.title,
                    at: p.checkedInAt,
                    absent: p.absent?.reason,
                  })),
                  ...v.checkIns.judges.map((j) => ({
                    key: j.judgeId,
                    name: `${t('supervisor.judge')} ${j.name}`,
                    at: j.checkedInAt,
                    absent: undefined,
                  })),
                ]}
                renderItem={(x) => (
                  <List.Item>
                    <span>{x.name}</span>
                    {x.absent ? (
                      <Tag color="red">{t('supervisor.absent', { reason: x.absent })}</Tag>
                    ) : x.at ? (
                      <Tag color="green">
                        {t('supervisor.here')} {formatTime(x.at, v.timeZone).slice(11)}
                      </Tag>
                    ) : (
                      <Tag>{t('supervisor.notHere')}</Tag>
                    )}
                  </List.Item>
                )}
              />
            </Card>
            <Card
              title={t('supervisor.signOff')}
              className="supervisor-wide"
              data-testid="supervisor-sign-off"
            >
              <SignOff v={v} />
            </Card>
            <Card
              title={t('supervisor.notes')}
              className="supervisor-wide"
              data-testid="supervisor-notes"
            >
              <List
                size="small"
                locale={{ emptyText: t('supervisor.noNotes') }}
                dataSource={v.notes}
                renderItem={(n) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <>
                          {formatTime(n.createdAt, v.timeZone)} · {n.authorName}{' '}
                          <Tag color={n.roomId ? 'blue' : undefined}>{roomName(n.roomId)}</Tag>
                        </>
                      }
                      description={n.body}
                    />
                  </List.Item>
                )}
              />
              <Form layout="vertical" onFinish={() => void addNote()}>
                <Form.Item
                  label={t('supervisor.noteLabel')}
                  htmlFor="supervisor-note"
                  extra={`${t('supervisor.noteScope')}：${v.room ? v.room.name : t('supervisor.noteRoundWide')}`}
                >
                  <Input.TextArea
                    id="supervisor-note"
                    rows={3}
                    maxLength={2000}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  disabled={!note.trim()}
                  loading={action.busy === 'note'}
                >
                  {t('supervisor.addNote')}
                </Button>
              </Form>
            </Card>
          </div>
        </>
      )}
    </AppShell>
  );
}

// Projects down, judges across: each judge's total as it arrives.
function ScoreMatrix({ v }: { v: View }) {
  const { t } = useTranslation();
  const judges = [...new Map(v.scores.map((s) => [s.judgeId, s.judgeName])).entries()];
  const cell = new Map(v.scores.map((s) => [`${s.projectId}:${s.judgeId}`, s]));
  return (
    <div className="supervisor-scores">
      <table>
        <thead>
          <tr>
            <th>{t('supervisor.project')}</th>
            {judges.map(([id, name]) => (
              <th key={id}>{name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {v.projects.map((p) => (
            <tr key={p.projectId}>
              <td>
                {p.position !== null ? `${p.position}. ` : ''}
                {p.title}
              </td>
              {judges.map(([id]) => {
                const s = cell.get(`${p.projectId}:${id}`);
                return (
                  <td key={id}>
                    {!s ? (
                      ''
                    ) : s.status === 'SUBMITTED' ? (
                      <span title={formatTime(s.submittedAt, v.timeZone)}>
                        {s.total?.toFixed(2)}
                      </span>
                    ) : (
                      <span className="supervisor-pending">{t('supervisor.pending')}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// 签字确认: each judge's sheet signed or not, each team's confirmation or its
// on-site objection with the decision, its reasons and who decided.
function SignOff({ v }: { v: View }) {
  const { t } = useTranslation();
  const s = v.signOff;
  const at = (d: string | null) => formatTime(d, v.timeZone);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tag color={s.complete ? 'green' : 'orange'}>
        {s.complete ? t('supervisor.signOffComplete') : t('supervisor.signOffIncomplete')}
      </Tag>
      <List
        size="small"
        header={<Typography.Text strong>{t('supervisor.sheets')}</Typography.Text>}
        dataSource={s.sheets}
        renderItem={(j) => (
          <List.Item>
            <span>
              {t('supervisor.judge')} {j.name}
            </span>
            <Tag color={j.state === 'SIGNED' ? 'green' : j.state === 'VOID' ? 'orange' : undefined}>
              {t(`signOff.state.${j.state}`)}
              {j.state === 'SIGNED' && j.signedAt ? ` · ${at(j.signedAt)}` : ''}
            </Tag>
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<Typography.Text strong>{t('supervisor.confirmations')}</Typography.Text>}
        dataSource={s.results}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{r.title}</Typography.Text>
                <Tag
                  color={
                    r.state === 'CONFIRMED'
                      ? 'green'
                      : r.state === 'OBJECTED' || r.state === 'RESCORING'
                        ? 'orange'
                        : undefined
                  }
                >
                  {t(`signOff.states.${r.state}`)}
                </Tag>
              </Space>
              {r.confirmedAt && (
                <div className="supervisor-muted">
                  {t('supervisor.confirmedAt', { at: at(r.confirmedAt) })}
                </div>
              )}
              {r.objection && (
                <div className="supervisor-objection">
                  <div>
                    {t('supervisor.objection')}：{r.objection.text}
                  </div>
                  <div className="supervisor-muted">
                    {t('supervisor.raised', {
                      name: r.objection.raisedByName,
                      at: at(r.objection.raisedAt),
                    })}
                  </div>
                  <Tag color={r.objection.status === 'PENDING' ? 'orange' : 'blue'}>
                    {t(`signOff.decision.${r.objection.status}`)}
                  </Tag>
                  {r.objection.handling && (
                    <div>
                      {t('signOff.handling')}：{r.objection.handling}
                    </div>
                  )}
                  {r.objection.reason && (
                    <div>
                      {t('signOff.reason')}：{r.objection.reason}
                    </div>
                  )}
                  {r.objection.decidedAt && (
                    <div className="supervisor-muted">
                      {t('supervisor.decided', {
                        name: r.objection.decidedByName ?? '',
                        at: at(r.objection.decidedAt),
                      })}
                    </div>
                  )}
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
    </Space>
  );
}
