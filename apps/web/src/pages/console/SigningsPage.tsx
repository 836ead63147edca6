import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { Chart } from './Chart';
import { saveFile } from './download';
import { byId, keepEnterInPickers, percent, useCompetitionId, useConsoleT } from './hooks';
import { useFieldErrors } from './field-errors';

type Schemas = components['schemas'];
type Funnel = Schemas['FunnelDto'];
type RateGroup = Schemas['RateGroupDto'];
type Signing = Schemas['SigningViewDto'];
type SigningStats = Schemas['SigningStatsDto'];
type SigningStatus = Signing['status'];
import { wanToYuan } from './money';

const BOARD: SigningStatus[] = ['INTENT', 'NEGOTIATING', 'SIGNED', 'LANDED'];
// The signing state machine (libs/domain heats/signing.ts): one step forward, or cancel before LANDED.
const NEXT: Partial<Record<SigningStatus, SigningStatus>> = {
  INTENT: 'NEGOTIATING',
  NEGOTIATING: 'SIGNED',
  SIGNED: 'LANDED',
};

export default function SigningsPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const signings = $api.useQuery('get', '/api/v1/competitions/{id}/signings', byId(cid));
  const stats = $api.useQuery('get', '/api/v1/competitions/{id}/signings/stats', byId(cid));
  const funnel = $api.useQuery('get', '/api/v1/competitions/{id}/funnel', byId(cid));
  const files = useAction({ changes: false });
  const fileInit = { ...byId(cid), parseAs: 'blob' as const };

  return (
    <>
      <h1>{t('signings.title')}</h1>
      <div className="console-toolbar">
        <Button
          loading={files.busy === 'xlsx'}
          onClick={() =>
            void files.run('xlsx', () =>
              saveFile(
                api.GET('/api/v1/competitions/{id}/signings.xlsx', fileInit),
                'signings.xlsx',
              ),
            )
          }
        >
          {t('common.export')}（Excel）
        </Button>
        <Button
          loading={files.busy === 'csv'}
          onClick={() =>
            void files.run('csv', () =>
              saveFile(api.GET('/api/v1/competitions/{id}/signings.csv', fileInit), 'signings.csv'),
            )
          }
        >
          {t('common.export')}（CSV）
        </Button>
      </div>
      <ErrorAlert error={signings.error ?? stats.error ?? files.error} />
      <CreateSigning />
      <Board
        signings={signings.data?.items ?? []}
        overdue={new Set((stats.data?.overdue ?? []).map((o) => o.id))}
      />
      <Card title={t('signings.overdue')} className="console-section">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={stats.data?.overdue ?? []}
          locale={{ emptyText: t('signings.empty') }}
          columns={[
            { title: t('signings.project'), dataIndex: 'projectTitle' },
            { title: t('signings.host'), dataIndex: 'host' },
            { title: t('common.status'), render: (_, o) => t(`status.${o.status}`) },
            {
              title: t('signings.deadline'),
              render: (_, o) => <Tag color="red">{o.landingDeadline}</Tag>,
            },
          ]}
        />
      </Card>
      <Charts funnel={funnel.data} stats={stats.data} />
    </>
  );
}

function CreateSigning() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const [form] = Form.useForm<{
    projectId: string;
    host: string;
    enclave?: string;
    investmentAmount?: number;
    landingDeadline?: Dayjs;
  }>();
  // Projects that went on from their first heat (now in a later stage's heat) or won an award.
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const pages = useQueries({
    queries: (['ELIGIBLE', 'ADVANCED', 'AWARDED'] as const).map((status) =>
      $api.queryOptions('get', '/api/v1/competitions/{id}/projects', {
        params: { path: { id: cid }, query: { status, pageSize: 100 } },
      }),
    ),
  });
  const later = new Set((heats.data?.items ?? []).filter((h) => h.stageOrder > 1).map((h) => h.id));
  const candidates = pages
    .flatMap((page) => page.data?.items ?? [])
    .filter((p) => p.status !== 'ELIGIBLE' || later.has(p.heatId));
  const action = useAction();
  useFieldErrors(form, action.error);
  async function create(v: {
    projectId: string;
    host: string;
    enclave?: string;
    investmentAmount?: number;
    landingDeadline?: Dayjs;
  }) {
    const done = await action.run('create', () =>
      call(
        api.POST('/api/v1/competitions/{id}/signings', {
          ...byId(cid),
          body: {
            projectId: v.projectId,
            host: v.host,
            enclave: v.enclave || undefined,
            // Typed in 万元, sent in 元 (defect 6: 500 万元 was stored as 500 元).
            investmentAmount:
              v.investmentAmount != null ? wanToYuan(v.investmentAmount) : undefined,
            landingDeadline: v.landingDeadline?.format('YYYY-MM-DD'),
          },
        }),
      ),
    );
    if (done) form.resetFields();
  }
  return (
    <Card title={t('signings.create')} className="console-section">
      <Form
        name="signing"
        form={form}
        layout="vertical"
        onFinish={(v) => void create(v)}
        onKeyDown={keepEnterInPickers}
      >
        <Space wrap align="start">
          <Form.Item name="projectId" label={t('signings.project')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              options={candidates.map((p) => ({ value: p.id, label: p.title }))}
            />
          </Form.Item>
          <Form.Item name="host" label={t('signings.host')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="enclave" label={t('signings.enclave')}>
            <Input />
          </Form.Item>
          <Form.Item name="investmentAmount" label={t('signings.amount')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="landingDeadline" label={t('signings.deadline')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <ErrorAlert error={action.error} />
        <Button type="primary" htmlType="submit" loading={!!action.busy}>
          {t('signings.create')}
        </Button>
      </Form>
    </Card>
  );
}

function Board({ signings, overdue }: { signings: Signing[]; overdue: Set<string> }) {
  const { t } = useConsoleT();
  const { modal } = App.useApp();
  const [landing, setLanding] = useState<Signing | null>(null);
  const action = useAction();
  const error = action.error;

  /** The transition's answer, or undefined when refused (the refusal is shown on the board). */
  function move(s: Signing, to: SigningStatus, extra: Record<string, string> = {}) {
    return action.run(s.id, () =>
      call(api.POST('/api/v1/signings/{id}/transition', { ...byId(s.id), body: { to, ...extra } })),
    );
  }

  return (
    <Card title={t('signings.board')} className="console-section">
      <ErrorAlert error={error} />
      <div className="board">
        {BOARD.map((status) => (
          <section
            key={status}
            className="board__column"
            aria-label={t(`status.${status}`)}
            data-testid={`board-${status}`}
          >
            <h3>
              {t(`status.${status}`)}（{signings.filter((s) => s.status === status).length}）
            </h3>
            {signings
              .filter((s) => s.status === status)
              .map((s) => {
                const next = NEXT[s.status];
                return (
                  <Card key={s.id} size="small" style={{ marginBottom: 8 }} title={s.projectTitle}>
                    <div>
                      {s.host}
                      {s.enclave ? ` · ${s.enclave}` : ''}
                    </div>
                    {s.landingDeadline && (
                      <div>
                        {t('signings.deadline')}：
                        <Tag color={overdue.has(s.id) ? 'red' : undefined}>{s.landingDeadline}</Tag>
                      </div>
                    )}
                    {s.companyName && <div>{s.companyName}</div>}
                    <Space wrap style={{ marginTop: 8 }}>
                      {next && (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => (next === 'LANDED' ? setLanding(s) : void move(s, next))}
                        >
                          {t('signings.move')} {t(`status.${next}`)}
                        </Button>
                      )}
                      {s.status !== 'LANDED' && (
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            void modal.confirm({
                              title: `${t('signings.cancel')} · ${s.projectTitle}`,
                              okText: t('signings.cancel'),
                              cancelText: t('common.cancel'),
                              onOk: () => move(s, 'CANCELLED'),
                            })
                          }
                        >
                          {t('signings.cancel')}
                        </Button>
                      )}
                    </Space>
                  </Card>
                );
              })}
          </section>
        ))}
      </div>
      {landing && (
        <LandModal
          signing={landing}
          onClose={() => setLanding(null)}
          onLand={(extra) =>
            move(landing, 'LANDED', extra).then((done) => done && setLanding(null))
          }
        />
      )}
    </Card>
  );
}

function LandModal({
  signing,
  onClose,
  onLand,
}: {
  signing: Signing;
  onClose: () => void;
  onLand: (extra: Record<string, string>) => Promise<unknown>;
}) {
  const { t } = useConsoleT();
  const [form] = Form.useForm<{ companyName: string; registrationNo: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  async function ok() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onLand({
        companyName: v.companyName.trim(),
        registrationNo: v.registrationNo.trim(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
    } catch {
      // shown by the board
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={`${t('signings.move')} ${t('status.LANDED')} · ${signing.projectTitle}`}
      onCancel={onClose}
      onOk={() => void ok()}
      confirmLoading={busy}
    >
      <Form name="landing" form={form} layout="vertical">
        <Form.Item
          name="companyName"
          label={t('signings.companyName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="registrationNo"
          label={t('signings.registrationNo')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('signings.note')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Charts({ funnel, stats }: { funnel?: Funnel; stats?: SigningStats }) {
  const { t } = useConsoleT();
  const funnelData = useMemo(() => {
    if (!funnel) return [];
    const stages = [
      ['registered', funnel.registered],
      ['eligible', funnel.eligible],
      ['advanced', funnel.advanced + funnel.awarded],
      ['signed', funnel.signed],
      ['landed', funnel.landed],
    ] as const;
    return stages.map(([key, value]) => ({ key, name: t(`signings.funnelStage.${key}`), value }));
  }, [funnel, t]);
  const funnelOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          minSize: '10%',
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: funnelData.map(({ name, value }) => ({ name, value })),
        },
      ],
    }),
    [funnelData],
  );
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={t('signings.funnel')} className="console-section">
          <Chart
            option={funnelOption}
            data={funnelData}
            label={t('signings.funnel')}
            testId="funnel-chart"
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={t('signings.landingRate')}
          className="console-section"
          extra={
            stats && (
              <span data-testid="landing-rate">
                {t('signings.rateSummary', {
                  signed: stats.signed,
                  landed: stats.landed,
                  rate: percent(stats.landingRate),
                })}
              </span>
            )
          }
        >
          <Tabs
            items={(['byHeat', 'byTrack', 'byEnclave'] as const).map((key) => ({
              key,
              label: t(`signings.${key}`),
              children: (
                <RateChart
                  groups={stats?.[key] ?? {}}
                  label={`${t('signings.landingRate')} · ${t(`signings.${key}`)}`}
                  testId={`rate-${key}`}
                />
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function RateChart({
  groups,
  label,
  testId,
}: {
  groups: Record<string, RateGroup>;
  label: string;
  testId: string;
}) {
  const data = useMemo(
    () =>
      Object.entries(groups).map(([name, g]) => ({
        name,
        landingRate: g.landingRate,
        signed: g.signed,
        landed: g.landed,
      })),
    [groups],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(v) },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: data.map((d) => d.name) },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => percent(v) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: data.map((d) => d.landingRate),
          label: {
            show: true,
            position: 'top',
            formatter: ({ value }: { value: number }) => percent(value),
          },
        },
      ],
    }),
    [data],
  );
  return <Chart option={option} data={data} label={label} testId={testId} />;
}
