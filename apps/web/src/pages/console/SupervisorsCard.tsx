import { Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { ConfirmDialog } from './ConfirmDialog';
import { byId, formatTime, useConsoleT } from './hooks';

type Supervisor = components['schemas']['SupervisorDto'];

/**
 * 监督: the organisers appoint supervisors (an account with the supervisor
 * role, invited by mail like a judge) and remove them.
 */
export function SupervisorsCard({
  competitionId,
  timeZone,
}: {
  competitionId: string;
  timeZone?: string;
}) {
  const { t } = useConsoleT();
  const action = useAction();
  const list = $api.useQuery('get', '/api/v1/competitions/{id}/supervisors', byId(competitionId));
  const [form] = Form.useForm<{ name: string; email: string }>();
  const [removing, setRemoving] = useState<Supervisor | null>(null);

  const appoint = async ({ name, email }: { name: string; email: string }) => {
    const done = await action.run('appoint', async () => {
      const { user } = await call(
        api.POST('/api/v1/users', {
          body: { name: name.trim(), email: email.trim(), roles: ['SUPERVISOR'] },
        }),
      );
      return call(
        api.POST('/api/v1/competitions/{id}/supervisors', {
          ...byId(competitionId),
          body: { userId: user.id },
        }),
      );
    });
    if (done) form.resetFields();
  };
  const remove = async () => {
    if (!removing) return;
    const done = await action.run('remove', () =>
      call(
        api.DELETE('/api/v1/competitions/{id}/supervisors/{userId}', {
          params: { path: { id: competitionId, userId: removing.userId } },
        }),
      ),
    );
    if (done) setRemoving(null);
  };

  return (
    <Card title={t('supervisors.title')} className="console-section" data-testid="supervisors-card">
      <ErrorAlert error={removing ? null : (action.error ?? list.error)} />
      <Typography.Paragraph type="secondary">{t('supervisors.hint')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void appoint(v)}>
        <Form.Item name="name" label={t('supervisors.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('supervisors.email')}
          rules={[{ required: true, type: 'email' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={action.busy === 'appoint'}>
            {t('supervisors.appoint')}
          </Button>
        </Space>
      </Form>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        style={{ marginTop: 16 }}
        locale={{ emptyText: t('supervisors.none') }}
        dataSource={list.data?.supervisors ?? []}
        columns={[
          { title: t('supervisors.name'), dataIndex: 'name' },
          { title: t('supervisors.email'), dataIndex: 'email' },
          {
            title: t('supervisors.appointedAt'),
            dataIndex: 'appointedAt',
            render: (at: string) => formatTime(at, timeZone),
          },
          {
            title: '',
            render: (_, s: Supervisor) => (
              <Button size="small" danger onClick={() => setRemoving(s)}>
                {t('supervisors.remove')}
              </Button>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={!!removing}
        title={t('supervisors.removeTitle', { name: removing?.name ?? '' })}
        okText={t('supervisors.remove')}
        danger
        busy={action.busy === 'remove'}
        error={action.error}
        onOk={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          action.reset();
        }}
      >
        {t('supervisors.removeBody')}
      </ConfirmDialog>
    </Card>
  );
}
