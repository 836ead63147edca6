import { Button, Card, DatePicker, Form, Input, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { http, items } from './http';
import { formatTime, useConsoleT, useLoad } from './hooks';
import type { Competition } from './types';

interface CreateForm {
  name: string;
  opens: Dayjs;
  closes: Dayjs;
  tracks: { code: string; name: string }[];
  stages: { code: string; name: string }[];
}

export default function CompetitionsPage() {
  const { t } = useConsoleT();
  const navigate = useNavigate();
  const list = useLoad(() => items<Competition>('/competitions'), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(values: CreateForm) {
    setBusy(true);
    setError(null);
    try {
      const created = await http<Competition>('POST', '/competitions', {
        name: values.name,
        registrationOpensAt: values.opens.toISOString(),
        registrationClosesAt: values.closes.toISOString(),
        tracks: values.tracks,
        stages: values.stages.map((s, i) => ({ ...s, order: i + 1 })),
      });
      void navigate(`/console/c/${created.id}/setup`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('competitions.title')}</h1>
      <ErrorAlert error={list.error} />
      <Table<Competition>
        className="console-section"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
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
        ]}
      />
      <Card title={t('competitions.create')}>
        <Form<CreateForm>
          name="competition"
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ tracks: [{ code: '', name: '' }], stages: [{ code: '', name: '' }] }}
        >
          <Form.Item name="name" label={t('competitions.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="opens" label={t('competitions.opens')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <Form.Item name="closes" label={t('competitions.closes')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
          </Space>
          <CodeNameList name="tracks" label={t('competitions.tracks')} prefix="track" />
          <CodeNameList name="stages" label={t('competitions.stages')} prefix="stage" />
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
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
