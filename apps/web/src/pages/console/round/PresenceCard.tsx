import { Button, Card, Form, Input, Modal, QRCode, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
import type { Round } from './types';

type ProjectPresence = components['schemas']['ProjectPresenceDto'];
type JudgePresence = components['schemas']['JudgePresenceDto'];

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

/**
 * 签到 at the venue: the QR code teams and judges scan with their own phones
 * (shown here to put on the desk or the screen), who is here, the desk's
 * check-in, 缺席 with a reason, and the draw among the teams present.
 */
export function PresenceCard({ round }: { round: Round }) {
  const { t } = useConsoleT();
  const action = useAction();
  const path = byId(round.id);
  const code = $api.useQuery('get', '/api/v1/rounds/{id}/check-in-code', path);
  const presence = $api.useQuery('get', '/api/v1/rounds/{id}/check-ins', path, {
    refetchInterval: 10_000,
  });
  const [absentOf, setAbsentOf] = useState<ProjectPresence | null>(null);
  const [reason, setReason] = useState('');
  const closed = round.status === 'CLOSED';
  const url = code.data ? `${window.location.origin}${code.data.path}` : '';
  const present = (presence.data?.projects ?? []).filter((p) => p.checkedInAt && !p.absent);

  const desk = (body: { projectId: string } | { judgeId: string }) =>
    void action.run('desk', () =>
      call(api.POST('/api/v1/rounds/{id}/check-ins', { ...path, body })),
    );
  const rotate = () =>
    void action.run('rotate', () =>
      call(api.POST('/api/v1/rounds/{id}/check-in-code/rotate', path)),
    );
  const drawPresent = () =>
    void action.run('draw', () =>
      call(api.POST('/api/v1/rounds/{id}/pitch-order', { ...path, body: { checkedInOnly: true } })),
    );
  async function markAbsent() {
    if (!absentOf) return;
    const done = await action.run('absent', () =>
      call(
        api.POST('/api/v1/rounds/{id}/projects/{projectId}/absent', {
          params: { path: { id: round.id, projectId: absentOf.projectId } },
          body: { reason: reason.trim() },
        }),
      ),
    );
    if (done) {
      setAbsentOf(null);
      setReason('');
    }
  }

  const status = (p: { checkedInAt: string | null; method: 'CODE' | 'DESK' | null }) =>
    p.checkedInAt ? (
      <Tag color="green">
        {t('presence.checkedIn', { time: time(p.checkedInAt) })}
        {p.method === 'DESK' ? ` · ${t('presence.atDesk')}` : ''}
      </Tag>
    ) : (
      <Tag>{t('presence.notHere')}</Tag>
    );

  return (
    <Card title={t('presence.title')} className="console-section" data-testid="presence-card">
      <ErrorAlert error={action.error ?? code.error ?? presence.error} />
      <Space align="start" size="large" wrap>
        {url && (
          <Space direction="vertical" align="center">
            <QRCode value={url} size={180} aria-label={t('presence.qr')} />
            <Typography.Text type="secondary">{t('presence.scan')}</Typography.Text>
            <Space>
              <Typography.Link href={url} target="_blank" copyable={{ text: url }}>
                {t('presence.link')}
              </Typography.Link>
              <Button size="small" onClick={rotate} loading={action.busy === 'rotate'}>
                {t('presence.rotate')}
              </Button>
            </Space>
          </Space>
        )}
        <Space direction="vertical" style={{ minWidth: 480, flex: 1 }}>
          <Space wrap>
            <Typography.Text>
              {t('presence.counts', {
                present: present.length,
                total: presence.data?.projects.length ?? 0,
                judges: presence.data?.judges.filter((j) => j.checkedInAt).length ?? 0,
                judgeTotal: presence.data?.judges.length ?? 0,
              })}
            </Typography.Text>
            {round.pitchOrder.length === 0 && (
              <Button
                onClick={drawPresent}
                disabled={closed || present.length === 0}
                loading={action.busy === 'draw'}
              >
                {t('presence.drawPresent')}
              </Button>
            )}
          </Space>
          <Table<ProjectPresence>
            size="small"
            rowKey="projectId"
            pagination={false}
            dataSource={presence.data?.projects ?? []}
            data-testid="presence-projects"
            columns={[
              { title: t('rounds.project'), dataIndex: 'title' },
              { title: t('presence.status'), render: (_, p) => status(p) },
              {
                title: t('presence.absent'),
                render: (_, p) =>
                  p.absent ? (
                    <Tag color="red">{t('presence.absentTag', { reason: p.absent.reason })}</Tag>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('common.actions'),
                render: (_, p) => (
                  <Space>
                    {!p.checkedInAt && (
                      <Button
                        size="small"
                        disabled={closed}
                        onClick={() => desk({ projectId: p.projectId })}
                      >
                        {t('presence.deskCheckIn')}
                      </Button>
                    )}
                    {!p.absent && (
                      <Button size="small" danger disabled={closed} onClick={() => setAbsentOf(p)}>
                        {t('presence.markAbsent')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Table<JudgePresence>
            size="small"
            rowKey="judgeId"
            pagination={false}
            dataSource={presence.data?.judges ?? []}
            columns={[
              { title: t('rounds.judge'), dataIndex: 'name' },
              { title: t('presence.status'), render: (_, j) => status(j) },
              {
                title: t('common.actions'),
                render: (_, j) =>
                  !j.checkedInAt && (
                    <Button
                      size="small"
                      disabled={closed}
                      onClick={() => desk({ judgeId: j.judgeId })}
                    >
                      {t('presence.deskCheckIn')}
                    </Button>
                  ),
              },
            ]}
          />
        </Space>
      </Space>
      <Modal
        open={!!absentOf}
        title={t('presence.absentTitle', { title: absentOf?.title ?? '' })}
        onCancel={() => setAbsentOf(null)}
        onOk={() => void markAbsent()}
        okButtonProps={{ disabled: !reason.trim(), loading: action.busy === 'absent' }}
      >
        <Form layout="vertical">
          <Form.Item label={t('common.reason')} htmlFor="absent-reason" required>
            <Input
              id="absent-reason"
              value={reason}
              placeholder={t('presence.reasonHint')}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
