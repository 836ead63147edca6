import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, formatTime, useConsoleT } from '../hooks';
import type { StageRoom } from './RoomStageSelect';
import type { Project, Round } from './types';

interface Slot {
  position: number;
  projectId: string;
  title: string;
  organisationName: string;
}

/**
 * The pitch order drawn by lot and the project on stage. Drawn from the
 * round as stored (project ids) with the names of the heat's projects, so a
 * reload shows the same table as the draw did.
 */
export function PitchCard({
  round,
  projects,
  timeZone,
  room = null,
}: {
  round: Round;
  projects: Project[];
  timeZone?: string;
  /** 分会场: the room whose stage and order are shown (null: the round's own). */
  room?: StageRoom | null;
}) {
  const { t } = useConsoleT();
  const action = useAction();
  const [redrawing, setRedrawing] = useState(false);
  const [reason, setReason] = useState('');
  const byProject = new Map(projects.map((p) => [p.id, p]));
  // A room's order: the round's draw restricted to its projects.
  const order = room
    ? round.pitchOrder.filter((id) => room.projects.some((p) => p.id === id))
    : round.pitchOrder;
  const onStageId = room ? room.nowPitchingProjectId : round.nowPitchingProjectId;
  const slots: Slot[] = order.map((projectId, i) => ({
    position: i + 1,
    projectId,
    title: byProject.get(projectId)?.title ?? '',
    organisationName: byProject.get(projectId)?.organisationName ?? '',
  }));
  const drawn = slots.length > 0;

  async function draw(why?: string) {
    const done = await action.run('draw', () =>
      call(
        api.POST('/api/v1/rounds/{id}/pitch-order', {
          ...byId(round.id),
          body: why ? { reason: why } : {},
        }),
      ),
    );
    if (done) setRedrawing(false);
  }

  // 准备抽签: the server draws the seed and keeps it sealed; its SHA-256 is
  // shown (and on the round from now on) to announce before the draw.
  function prepare() {
    void action.run('prepare', () =>
      call(api.POST('/api/v1/rounds/{id}/pitch-order/commitment', byId(round.id))),
    );
  }

  function stage(projectId: string) {
    void action.run('stage', () =>
      call(
        api.POST('/api/v1/rounds/{id}/now-pitching', {
          ...byId(round.id),
          body: room ? { projectId, roomId: room.id } : { projectId },
        }),
      ),
    );
  }

  return (
    <Card
      title={t('rounds.pitchOrder')}
      className="console-section"
      extra={
        <Space>
          {!round.nextPitchSeedHash && round.status !== 'CLOSED' && (
            <Button loading={action.busy === 'prepare'} onClick={prepare}>
              {t('seed.prepare')}
            </Button>
          )}
          <Button
            type="primary"
            loading={action.busy === 'draw'}
            onClick={() => (drawn ? setRedrawing(true) : void draw())}
          >
            {drawn ? t('rounds.redraw') : t('rounds.draw')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={action.error} />
      <SeedNotice round={round} timeZone={timeZone} />
      <Table<Slot>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={slots}
        data-testid="pitch-order"
        columns={[
          { title: t('rounds.position'), dataIndex: 'position', width: 80 },
          { title: t('rounds.project'), dataIndex: 'title' },
          { title: t('applications.organisation'), dataIndex: 'organisationName' },
          {
            title: t('rounds.nowPitching'),
            render: (_, s) =>
              onStageId === s.projectId ? (
                <Tag color="red">{t('rounds.onStage')}</Tag>
              ) : (
                <Button size="small" onClick={() => stage(s.projectId)}>
                  {t('rounds.putOnStage')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={redrawing}
        title={t('rounds.redraw')}
        onCancel={() => setRedrawing(false)}
        onOk={() => void draw(reason.trim())}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Form layout="vertical">
          <Form.Item label={t('common.reason')} htmlFor="redraw-reason" required>
            <Input id="redraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/**
 * The draw's commit-reveal, for anyone to check: before the draw the SHA-256
 * of the sealed seed (announced first), after it the seed itself, whose
 * SHA-256 must equal what was announced, and which reproduces the order.
 */
function SeedNotice({ round, timeZone }: { round: Round; timeZone?: string }) {
  const { t } = useConsoleT();
  const code = (text: string) => <code className="seed-hash">{text}</code>;
  return (
    <div data-testid="pitch-seed" style={{ marginBottom: 12 }}>
      {round.pitchSeed && round.pitchSeedHash && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('seed.drawnTitle', { at: formatTime(round.pitchOrderDrawnAt, timeZone) })}
          description={
            <>
              <div>
                {t('seed.seed')}：{code(round.pitchSeed)}
              </div>
              <div>
                {t('seed.hash')}：{code(round.pitchSeedHash)}
              </div>
              <div>{t('seed.verify')}</div>
            </>
          }
        />
      )}
      {round.nextPitchSeedHash ? (
        <Alert
          type="info"
          showIcon
          message={t(round.pitchSeed ? 'seed.nextTitle' : 'seed.sealedTitle', {
            at: formatTime(round.nextPitchSeedCommittedAt, timeZone),
          })}
          description={
            <>
              <div>
                {t('seed.hash')}：{code(round.nextPitchSeedHash)}
              </div>
              <div>{t(round.pitchSeed ? 'seed.nextHint' : 'seed.sealedHint')}</div>
            </>
          }
        />
      ) : (
        round.status !== 'CLOSED' && (
          <Alert type="warning" showIcon message={t('seed.notPrepared')} />
        )
      )}
    </div>
  );
}
