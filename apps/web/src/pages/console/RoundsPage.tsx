import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, useCompetitionId, useConsoleT } from './hooks';
import { useFieldErrors } from './field-errors';

type Round = components['schemas']['RoundViewDto'];

interface RoundForm {
  heatId: string;
  name: string;
  kind: Round['kind'];
  rubricId: string;
  method: Round['method'];
  trim: number;
  weight: number;
}

export const ROUND_COLOR = { DRAFT: 'default', OPEN: 'processing', CLOSED: 'success' } as const;

export default function RoundsPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const heatList = heats.data?.items ?? [];
  const rubrics = $api.useQuery('get', '/api/v1/competitions/{id}/rubrics', byId(cid));
  const roundsByHeat = useQueries({
    queries: heatList.map((h) => $api.queryOptions('get', '/api/v1/heats/{id}/rounds', byId(h.id))),
  });
  const rounds = roundsByHeat.flatMap((q) => q.data?.items ?? []);
  const roundsError = roundsByHeat.find((q) => q.error)?.error;
  const [form] = Form.useForm<RoundForm>();
  const method = Form.useWatch('method', form);
  const action = useAction();
  useFieldErrors(form, action.error);
  const heatName = (id: string) => heatList.find((h) => h.id === id)?.name ?? '';

  async function create(v: RoundForm) {
    const { heatId, ...body } = v;
    const done = await action.run('create', () =>
      call(
        api.POST('/api/v1/heats/{id}/rounds', {
          ...byId(heatId),
          body: { ...body, trim: body.method === 'TRIMMED_MEAN' ? body.trim : undefined },
        }),
      ),
    );
    if (done) form.resetFields(['name']);
  }

  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <ErrorAlert error={heats.error ?? roundsError} />
      <Table<Round>
        className="console-section"
        rowKey="id"
        loading={heats.isLoading || roundsByHeat.some((q) => q.isLoading)}
        dataSource={rounds}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('rounds.heat'), render: (_, r) => heatName(r.heatId) },
          {
            title: t('rounds.name'),
            render: (_, r) => <Link to={`/console/c/${cid}/rounds/${r.id}`}>{r.name}</Link>,
          },
          { title: t('rounds.kind'), render: (_, r) => t(`rounds.${r.kind}`) },
          { title: t('rounds.method'), render: (_, r) => t(`rounds.${r.method}`) },
          { title: t('rounds.weight'), dataIndex: 'weight' },
          {
            title: t('common.status'),
            render: (_, r) => <Tag color={ROUND_COLOR[r.status]}>{t(`status.${r.status}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Link to={`/console/c/${cid}/rounds/${r.id}`}>{t('rounds.detail')}</Link>
            ),
          },
        ]}
      />
      <Card title={t('rounds.create')}>
        <Form<RoundForm>
          name="round"
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ kind: 'ROADSHOW', method: 'MEAN', trim: 1, weight: 1 }}
        >
          <Space wrap align="start">
            <Form.Item name="heatId" label={t('rounds.heat')} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                options={heatList.map((h) => ({ value: h.id, label: h.name }))}
              />
            </Form.Item>
            <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" label={t('rounds.kind')}>
              <Select
                style={{ width: 120 }}
                options={(['ROADSHOW', 'EXPERT_REVIEW'] as const).map((k) => ({
                  value: k,
                  label: t(`rounds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="rubricId" label={t('rounds.rubric')} rules={[{ required: true }]}>
              <Select
                style={{ width: 200 }}
                options={(rubrics.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="method" label={t('rounds.method')}>
              <Select
                style={{ width: 200 }}
                options={(['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] as const).map((m) => ({
                  value: m,
                  label: t(`rounds.${m}`),
                }))}
              />
            </Form.Item>
            {method === 'TRIMMED_MEAN' && (
              <Form.Item name="trim" label={t('rounds.trim')}>
                <InputNumber min={1} max={3} />
              </Form.Item>
            )}
            <Form.Item name="weight" label={t('rounds.weight')}>
              <InputNumber min={0} max={1} step={0.1} />
            </Form.Item>
          </Space>
          <ErrorAlert error={action.error} />
          <Button type="primary" htmlType="submit" loading={!!action.busy}>
            {t('rounds.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
