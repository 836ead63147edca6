import { App, Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, formatTime, keepEnterInPickers, useConsoleT } from './hooks';
import { useFieldErrors } from './field-errors';

type Competition = components['schemas']['CompetitionViewDto'];

/** Before registration opens nobody but its organisers has anything to do with it: a draft. */
function phaseOf(c: Competition, now = Date.now()) {
  if (now < Date.parse(c.registrationOpensAt)) return 'DRAFT';
  return now < Date.parse(c.registrationClosesAt) ? 'REGISTERING' : 'REGISTRATION_CLOSED';
}
const PHASE_COLOR = { DRAFT: 'default', REGISTERING: 'processing', REGISTRATION_CLOSED: 'success' };

// Named as the API names them, so a refused field's sentence lands on it.
interface CreateForm {
  name: string;
  registrationOpensAt: Dayjs;
  registrationClosesAt: Dayjs;
  tracks: { code: string; name: string }[];
  stages: { code: string; name: string }[];
}

export default function CompetitionsPage() {
  const { t } = useConsoleT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const list = $api.useQuery('get', '/api/v1/competitions');
  const creation = useAction();
  const [form] = Form.useForm<CreateForm>();
  useFieldErrors(form, creation.error);
  const deletion = useAction();

  async function create(values: CreateForm) {
    const created = await creation.run('create', () =>
      call(
        api.POST('/api/v1/competitions', {
          body: {
            name: values.name,
            registrationOpensAt: values.registrationOpensAt.toISOString(),
            registrationClosesAt: values.registrationClosesAt.toISOString(),
            tracks: values.tracks,
            stages: values.stages.map((s, i) => ({ ...s, order: i + 1 })),
          },
        }),
      ),
    );
    if (created) void navigate(`/console/c/${created.id}/setup`);
  }

  function remove(c: Competition) {
    void modal.confirm({
      title: t('competitions.delete'),
      content: t('competitions.deleteConfirm', { name: c.name }),
      okText: t('competitions.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        const gone = await deletion.run(c.id, () =>
          call(api.DELETE('/api/v1/competitions/{id}', byId(c.id))),
        );
        if (gone) void message.success(t('competitions.deleted', { name: gone.name }));
      },
    });
  }

  return (
    <>
      <h1>{t('competitions.title')}</h1>
      <ErrorAlert error={list.error} />
      <ErrorAlert error={deletion.error} />
      <Table<Competition>
        className="console-section"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('competitions.empty') }}
        pagination={false}
        columns={[
          {
            title: t('competitions.name'),
            dataIndex: 'name',
            render: (name: string, c) => <Link to={`/console/c/${c.id}/setup`}>{name}</Link>,
          },
          {
            title: t('competitions.tracks'),
            render: (_, c) => c.tracks.map((tr) => tr.name).join('、'),
          },
          {
            title: t('competitions.closes'),
            render: (_, c) => formatTime(c.registrationClosesAt, c.timeZone),
          },
          {
            title: t('competitions.phase'),
            render: (_, c) => (
              <Tag color={PHASE_COLOR[phaseOf(c)]}>{t(`competitions.${phaseOf(c)}`)}</Tag>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, c) => (
              <Button
                size="small"
                danger
                loading={deletion.busy === c.id}
                title={t('competitions.deleteOnlyEmpty')}
                onClick={() => remove(c)}
              >
                {t('competitions.delete')}
              </Button>
            ),
          },
        ]}
      />
      <Card title={t('competitions.create')}>
        <Form<CreateForm>
          name="competition"
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          onKeyDown={keepEnterInPickers}
          initialValues={{ tracks: [{ code: '', name: '' }], stages: [{ code: '', name: '' }] }}
        >
          <Form.Item name="name" label={t('competitions.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="registrationOpensAt"
              label={t('competitions.opens')}
              rules={[{ required: true }]}
            >
              <DatePicker showTime />
            </Form.Item>
            <Form.Item
              name="registrationClosesAt"
              label={t('competitions.closes')}
              rules={[{ required: true }]}
            >
              <DatePicker showTime />
            </Form.Item>
          </Space>
          <CodeNameList name="tracks" label={t('competitions.tracks')} prefix="track" />
          <CodeNameList name="stages" label={t('competitions.stages')} prefix="stage" />
          <ErrorAlert error={creation.error} />
          <Button type="primary" htmlType="submit" loading={!!creation.busy}>
            {t('competitions.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

function CodeNameList({
  name,
  label,
  prefix,
}: {
  name: string;
  label: string;
  prefix: 'track' | 'stage';
}) {
  const { t } = useConsoleT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <fieldset className="console-section">
          <legend>{label}</legend>
          {fields.map((field, i) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item
                name={[field.name, 'code']}
                label={`${t(`competitions.${prefix}Code`)} ${i + 1}`}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                label={`${t(`competitions.${prefix}Name`)} ${i + 1}`}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
              {fields.length > 1 && (
                <Button onClick={() => remove(field.name)}>{t('common.remove')}</Button>
              )}
            </Space>
          ))}
          <Button onClick={() => add({ code: '', name: '' })}>
            {t(`competitions.add${prefix === 'track' ? 'Track' : 'Stage'}`)}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}
