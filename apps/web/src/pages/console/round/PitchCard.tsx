import { Button, Card, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
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
export function PitchCard({ round, projects }: { round: Round; projects: Project[] }) {
  const { t } = useConsoleT();
  const action = useAction();
  const [redrawing, setRedrawing] = useState(false);
  const [reason, setReason] = useState('');
  const byProject = new Map(projects.map((p) => [p.id, p]));
  const slots: Slot[] = round.pitchOrder.map((projectId, i) => ({
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

  function stage(projectId: string) {
    void action.run('stage', () =>
      call(
        api.POST('/api/v1/rounds/{id}/now-pitching', { ...byId(round.id), body: { projectId } }),
      ),
    );
  }

  return (
    <Card
      title={t('rounds.pitchOrder')}
      className="console-section"
      extra={
        <Button
          type="primary"
          loading={action.busy === 'draw'}
          onClick={() => (drawn ? setRedrawing(true) : void draw())}
        >
          {drawn ? t('rounds.redraw') : t('rounds.draw')}
        </Button>
      }
    >
      <ErrorAlert error={action.error} />
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
              round.nowPitchingProjectId === s.projectId ? (
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
