import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { http, items } from './http';
import { useCompetitionId, useConsoleT, useLoad } from './hooks';
import type { Heat, Round, Rubric } from './types';

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
  const heats = useLoad(() => items<Heat>(`/competitions/${cid}/heats`), [cid]);
  const rubrics = useLoad(() => items<Rubric>(`/competitions/${cid}/rubrics`), [cid]);
  const rounds = useLoad(async () => {
    const all = await Promise.all(
      (heats.data ?? []).map((h) => items<Round>(`/heats/${h.id}/rounds`)),
    );
    return all.flat();
  }, [heats.data]);
  const [form] = Form.useForm<RoundForm>();
  const method = Form.useWatch('method', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heatName = (id: string) => heats.data?.find((h) => h.id === id)?.name ?? '';

  async function create(v: RoundForm) {
    setBusy(true);
    setError(null);
    try {
      const { heatId, ...body } = v;
      await http('POST', `/heats/${heatId}/rounds`, {
        ...body,
        trim: body.method === 'TRIMMED_MEAN' ? body.trim : undefined,
      });
      form.resetFields(['name']);
      await rounds.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <ErrorAlert error={heats.error ?? rounds.error} />
      <Table<Round>
        className="console-section"
        rowKey="id"
        loading={rounds.loading}
        dataSource={rounds.data ?? []}
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
                options={(heats.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
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
                options={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
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
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('rounds.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
