import {
  Button,
  Card,
  Form,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { clock, useCountdown } from '../../../components/countdown';
import { byId, useConsoleT } from '../hooks';
import type { StageRoom } from './RoomStageSelect';
import type { Round } from './types';
import '../../sign-off-i18n';

type Settings = components['schemas']['RoadshowSettingsDto'];
type TimerAction = components['schemas']['TimerActionDto']['action'];
type LogEntry = components['schemas']['TimingLogEntryDto'];

/**
 * 现场计时与亮分: the host's desk for the project on stage — the pitch
 * format and reveal rule, the timer's buttons, 亮分 when the round reveals on
 * the host's click, and the timing log.
 */
export function LiveCard({
  round,
  onStageTitle,
  room = null,
}: {
  round: Round;
  onStageTitle: string | null;
  /** 分会场: the room whose stage this desk drives (null: the round's own). */
  room?: StageRoom | null;
}) {
  const { t } = useConsoleT();
  const action = useAction();
  const path = byId(round.id);
  const roomId = room?.id;
  const nowPitching = room ? room.nowPitchingProjectId : round.nowPitchingProjectId;
  const settings = $api.useQuery('get', '/api/v1/rounds/{id}/roadshow-settings', path);
  const timerPath = { params: { path: { id: round.id }, query: roomId ? { roomId } : {} } };
  const timer = $api.useQuery('get', '/api/v1/rounds/{id}/timer', timerPath, {
    refetchInterval: 5000,
  });
  const log = $api.useQuery('get', '/api/v1/rounds/{id}/timing-log', path);
  const [form] = Form.useForm<Settings>();
  const [minutes, setMinutes] = useState<number | null>(2);
  const remaining = useCountdown(timer.data, 500);
  const live = timer.data;
  const open = round.status === 'OPEN';
  const onStage = !!nowPitching;

  // The stored settings fill the form when they arrive, never over what the
  // organiser is typing (a refetch after another action answers the same).
  useEffect(() => {
    if (settings.data && !form.isFieldsTouched()) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const act = (kind: TimerAction, extra?: { minutes: number }) =>
    void action.run(kind, () =>
      call(
        api.POST('/api/v1/rounds/{id}/timer', {
          ...path,
          body: { action: kind, ...extra, ...(roomId ? { roomId } : {}) },
        }),
      ),
    );
  const save = (values: Settings) =>
    void action.run('settings', () =>
      call(api.PUT('/api/v1/rounds/{id}/roadshow-settings', { ...path, body: values })),
    );
  const reveal = () =>
    void action.run('reveal', () =>
      call(
        api.POST('/api/v1/rounds/{id}/projects/{projectId}/reveal', {
          params: { path: { id: round.id, projectId: nowPitching! } },
        }),
      ),
    );

  const phase = live?.phase ?? 'READY';
  const running = phase === 'PITCH' || phase === 'QA';
  const level =
    remaining < 0
      ? 'red'
      : live && remaining <= live.format.warningSeconds * 1000
        ? 'orange'
        : 'blue';
  const seconds = (ms: number) => clock(ms);
  const phaseOf = (e: LogEntry, p: 'PITCH' | 'QA') => e.phases.find((x) => x.phase === p);

  return (
    <Card title={t('live.title')} className="console-section" data-testid="live-card">
      <ErrorAlert error={action.error ?? settings.error ?? timer.error} />
      <Form<Settings> form={form} layout="inline" onFinish={save} aria-label={t('live.format')}>
        <Form.Item name="pitchMinutes" label={t('live.pitchMinutes')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
        <Form.Item name="qaMinutes" label={t('live.qaMinutes')} rules={[{ required: true }]}>
          <InputNumber min={0} max={60} precision={0} />
        </Form.Item>
        <Form.Item
          name="warningSeconds"
          label={t('live.warningSeconds')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={600} precision={0} />
        </Form.Item>
        <Form.Item name="revealMode" label={t('live.revealMode')}>
          <Select
            style={{ minWidth: 220 }}
            options={[
              { value: 'AUTO', label: t('live.revealAuto') },
              { value: 'HOST', label: t('live.revealHost') },
            ]}
          />
        </Form.Item>
        <Form.Item name="judgeLabels" label={t('live.judgeLabels')}>
          <Select
            style={{ minWidth: 160 }}
            options={[
              { value: 'NUMBER', label: t('live.labelsNumber') },
              { value: 'NAME', label: t('live.labelsName') },
            ]}
          />
        </Form.Item>
        <Form.Item name="objectionMinutes" label={t('signOff.objectionMinutes')}>
          <InputNumber id="objectionMinutes" min={1} max={240} />
        </Form.Item>
        <Form.Item name="signOffRequired" label={t('signOff.requireLabel')} valuePropName="checked">
          <Switch id="signOffRequired" />
        </Form.Item>
        <Form.Item>
          <Button
            htmlType="submit"
            loading={action.busy === 'settings'}
            disabled={round.status === 'CLOSED'}
          >
            {t('live.saveSettings')}
          </Button>
        </Form.Item>
      </Form>

      <div className="live-desk" style={{ marginTop: 16 }}>
        {!onStage ? (
          <Typography.Text type="secondary">{t('live.nobodyOnStage')}</Typography.Text>
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap align="center">
              <Typography.Text strong>
                {t('live.onStage', { title: onStageTitle ?? '' })}
              </Typography.Text>
              <Tag color={running ? level : 'default'} data-testid="live-phase">
                {t(`live.phase.${phase}`)}
              </Tag>
              {live?.paused && <Tag>{t('live.paused')}</Tag>}
              {running && remaining < 0 && <Tag color="red">{t('live.overrun')}</Tag>}
              {running && (
                <Typography.Text
                  data-testid="live-clock"
                  style={{ fontSize: 28, fontVariantNumeric: 'tabular-nums' }}
                >
                  {seconds(remaining)}
                </Typography.Text>
              )}
            </Space>
            <Space wrap>
              <Button
                type="primary"
                disabled={!open || phase !== 'READY'}
                loading={action.busy === 'START_PITCH'}
                onClick={() => act('START_PITCH')}
              >
                {t('live.startPitch')}
              </Button>
              <Button
                disabled={!open || phase !== 'PITCH' || live?.paused}
                loading={action.busy === 'START_QA'}
                onClick={() => act('START_QA')}
              >
                {t('live.startQa')}
              </Button>
              {live?.paused ? (
                <Button
                  disabled={!open || !running}
                  loading={action.busy === 'RESUME'}
                  onClick={() => act('RESUME')}
                >
                  {t('live.resume')}
                </Button>
              ) : (
                <Button
                  disabled={!open || !running}
                  loading={action.busy === 'PAUSE'}
                  onClick={() => act('PAUSE')}
                >
                  {t('live.pause')}
                </Button>
              )}
              <Space.Compact>
                <InputNumber
                  aria-label={t('live.extendBy')}
                  min={1}
                  max={30}
                  precision={0}
                  value={minutes}
                  onChange={setMinutes}
                  style={{ width: 80 }}
                />
                <Button
                  disabled={!open || !running || !minutes}
                  loading={action.busy === 'EXTEND_QA'}
                  onClick={() => act('EXTEND_QA', { minutes: minutes! })}
                >
                  {t('live.extend')}
                </Button>
              </Space.Compact>
              <Button
                danger
                disabled={!open || !running}
                loading={action.busy === 'END'}
                onClick={() => act('END')}
              >
                {t('live.end')}
              </Button>
              {settings.data?.revealMode === 'HOST' && (
                <Button
                  type="primary"
                  loading={action.busy === 'reveal'}
                  onClick={reveal}
                  data-testid="reveal-button"
                >
                  {t('live.reveal')}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </div>

      {(log.data?.projects.length ?? 0) > 0 && (
        <Table<LogEntry>
          style={{ marginTop: 16 }}
          size="small"
          rowKey="projectId"
          pagination={false}
          title={() => t('live.timingLog')}
          dataSource={log.data!.projects}
          columns={[
            { title: t('rounds.project'), dataIndex: 'title' },
            {
              title: t('live.pitchTime'),
              render: (_, e) => {
                const p = phaseOf(e, 'PITCH');
                return p ? `${seconds(p.activeMs)} / ${seconds(p.limitMs)}` : '—';
              },
            },
            {
              title: t('live.qaTime'),
              render: (_, e) => {
                const p = phaseOf(e, 'QA');
                return p ? `${seconds(p.activeMs)} / ${seconds(p.limitMs)}` : '—';
              },
            },
            {
              title: t('live.over'),
              render: (_, e) => {
                const over = e.phases.reduce((s, p) => s + p.overrunMs, 0);
                return over > 0 ? <Tag color="red">{seconds(over)}</Tag> : '—';
              },
            },
            {
              title: t('live.extended'),
              render: (_, e) => {
                const m = phaseOf(e, 'QA')?.extensionMinutes ?? 0;
                return m > 0 ? `+${m}′` : '—';
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
