import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, formatTime, keepEnterInPickers, useCompetitionId, useConsoleT } from './hooks';
import { useFieldErrors } from './field-errors';
import { SupervisorsCard } from './SupervisorsCard';
import './i18n-round';

type Competition = components['schemas']['CompetitionViewDto'];
type Heat = components['schemas']['HeatViewDto'];
type Criterion = components['schemas']['CriterionDto'];

interface HeatForm {
  stageCode: string;
  name: string;
  region?: string;
  city?: string;
  enclave?: string;
  venue?: string;
  startsAt?: Dayjs;
  advanceQuota?: number;
}

export default function SetupPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const c = competition.data;
  return (
    <>
      <h1>{c?.name ?? t('nav.setup')}</h1>
      <ErrorAlert error={competition.error} />
      {c && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="console-section">
          <Descriptions.Item label={t('competitions.opens')}>
            {formatTime(c.registrationOpensAt, c.timeZone)}
          </Descriptions.Item>
          <Descriptions.Item label={t('competitions.closes')}>
            {formatTime(c.registrationClosesAt, c.timeZone)}
          </Descriptions.Item>
          <Descriptions.Item label={t('competitions.tracks')}>
            {c.tracks.map((x) => `${x.name}（${x.code}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('competitions.stages')}>
            {c.stages.map((x) => `${x.order}. ${x.name}`).join(' → ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('competitions.timeZone')}>
            {c.timeZone ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      <HeatsSection competition={c} heats={heats.data?.items ?? []} error={heats.error} />
      <RubricsSection />
      <SupervisorsCard competitionId={cid} timeZone={c?.timeZone} />
    </>
  );
}

function HeatsSection({
  competition,
  heats,
  error: loadError,
}: {
  competition?: Competition;
  heats: Heat[];
  error: unknown;
}) {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const { message } = App.useApp();
  const [form] = Form.useForm<HeatForm>();
  const action = useAction();
  useFieldErrors(form, action.error);
  const [editing, setEditing] = useState<Heat | null>(null);

  async function add(v: HeatForm) {
    const done = await action.run('add', () =>
      call(
        api.POST('/api/v1/competitions/{id}/heats', {
          ...byId(cid),
          body: { ...v, startsAt: v.startsAt?.toISOString() },
        }),
      ),
    );
    if (!done) return;
    form.resetFields();
    void message.success(t('common.saved'));
  }

  return (
    <Card title={t('setup.heats')} className="console-section">
      <ErrorAlert error={loadError} />
      <Table<Heat>
        rowKey="id"
        size="small"
        dataSource={heats}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('setup.heatName'), dataIndex: 'name' },
          {
            title: t('setup.stage'),
            render: (_, h) =>
              competition?.stages.find((s) => s.code === h.stageCode)?.name ?? h.stageCode,
          },
          { title: t('setup.region'), dataIndex: 'region' },
          { title: t('setup.city'), dataIndex: 'city' },
          { title: t('setup.enclave'), dataIndex: 'enclave' },
          { title: t('setup.venue'), dataIndex: 'venue' },
          {
            title: t('setup.startsAt'),
            render: (_, h) => formatTime(h.startsAt, competition?.timeZone),
          },
          { title: t('setup.quota'), dataIndex: 'advanceQuota' },
          {
            title: t('common.actions'),
            render: (_, h) => (
              <Button size="small" onClick={() => setEditing(h)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <h3>{t('setup.addHeat')}</h3>
      <Form<HeatForm>
        name="heat"
        form={form}
        layout="vertical"
        onFinish={(v) => void add(v)}
        onKeyDown={keepEnterInPickers}
      >
        <Space wrap align="start">
          <Form.Item name="stageCode" label={t('setup.stage')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={(competition?.stages ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('setup.heatName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="region" label={t('setup.region')}>
            <Input />
          </Form.Item>
          <Form.Item name="city" label={t('setup.city')}>
            <Input />
          </Form.Item>
          <Form.Item name="enclave" label={t('setup.enclave')}>
            <Input />
          </Form.Item>
          <Form.Item name="venue" label={t('setup.venue')}>
            <Input />
          </Form.Item>
          <Form.Item name="startsAt" label={t('setup.startsAt')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="advanceQuota" label={t('setup.quota')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <ErrorAlert error={action.error} />
        <Button type="primary" htmlType="submit" loading={!!action.busy}>
          {t('setup.addHeat')}
        </Button>
      </Form>
      {editing && (
        <EditHeat
          heat={editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function EditHeat({
  heat,
  onClose,
  onSaved,
}: {
  heat: Heat;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useConsoleT();
  const [form] = Form.useForm<Partial<HeatForm>>();
  const action = useAction();
  const error = action.error;
  useFieldErrors(form, error);
  async function save() {
    const v = await form.validateFields();
    const done = await action.run('save', () =>
      call(
        api.PATCH('/api/v1/heats/{id}', {
          ...byId(heat.id),
          body: { ...v, startsAt: v.startsAt?.toISOString() },
        }),
      ),
    );
    if (done) onSaved();
  }
  return (
    <Modal
      open
      title={`${t('common.edit')} · ${heat.name}`}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={!!action.busy}
    >
      <Form
        name="heatEdit"
        form={form}
        layout="vertical"
        initialValues={{ ...heat, startsAt: undefined }}
      >
        <Form.Item name="name" label={t('setup.heatName')}>
          <Input />
        </Form.Item>
        <Form.Item name="venue" label={t('setup.venue')}>
          <Input />
        </Form.Item>
        <Form.Item name="enclave" label={t('setup.enclave')}>
          <Input />
        </Form.Item>
        <Form.Item name="advanceQuota" label={t('setup.quota')}>
          <InputNumber min={0} />
        </Form.Item>
      </Form>
      {error ? <p>{t('setup.editNotAllowed')}</p> : null}
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** Sum of weights with the float noise of 0.1 + 0.2 removed. */
export const weightSum = (criteria: Partial<Criterion>[]) =>
  Math.round(criteria.reduce((s, c) => s + (Number(c?.weight) || 0), 0) * 10000) / 10000;

function RubricsSection() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const rubrics = $api.useQuery('get', '/api/v1/competitions/{id}/rubrics', byId(cid));
  const [form] = Form.useForm<{ name: string; criteria: Criterion[] }>();
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = weightSum(criteria);
  const action = useAction();
  useFieldErrors(form, action.error);

  async function add(v: { name: string; criteria: Criterion[] }) {
    const done = await action.run('add', () =>
      call(api.POST('/api/v1/competitions/{id}/rubrics', { ...byId(cid), body: v })),
    );
    if (done) form.resetFields();
  }

  return (
    <Card title={t('setup.rubrics')} className="console-section">
      <ErrorAlert error={rubrics.error} />
      {(rubrics.data?.items ?? []).map((r) => (
        <Table<Criterion>
          key={r.id}
          title={() => <strong>{r.name}</strong>}
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={r.criteria}
          columns={[
            { title: t('common.code'), dataIndex: 'code' },
            { title: t('setup.criterion'), dataIndex: 'name' },
            { title: t('setup.weight'), dataIndex: 'weight' },
            { title: t('setup.maxScore'), dataIndex: 'maxScore' },
          ]}
          className="console-section"
        />
      ))}
      <h3>{t('setup.addRubric')}</h3>
      <Form
        name="rubric"
        form={form}
        layout="vertical"
        onFinish={(v) => void add(v)}
        initialValues={{ criteria: [{ code: '', name: '', weight: undefined, maxScore: 100 }] }}
      >
        <Form.Item name="name" label={t('setup.rubricName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.List name="criteria">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item
                    name={[f.name, 'code']}
                    label={`${t('common.code')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={`${t('setup.criterion')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'weight']}
                    label={`${t('setup.weight')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={0} max={1} step={0.05} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'maxScore']}
                    label={`${t('setup.maxScore')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button onClick={() => remove(f.name)}>{t('common.remove')}</Button>
                  )}
                </Space>
              ))}
              <div className="console-toolbar">
                <Button onClick={() => addRow({ code: '', name: '', maxScore: 100 })}>
                  {t('setup.addCriterion')}
                </Button>
                <span
                  role="status"
                  data-testid="weight-sum"
                  className={sum === 1 ? 'weight-sum--ok' : 'weight-sum--bad'}
                >
                  {sum === 1 ? t('setup.weightSumOk') : t('setup.weightSumBad', { sum })}
                </span>
              </div>
            </>
          )}
        </Form.List>
        <ErrorAlert error={action.error} />
        <Button type="primary" htmlType="submit" loading={!!action.busy} disabled={sum !== 1}>
          {t('setup.addRubric')}
        </Button>
      </Form>
    </Card>
  );
}
