import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { http } from '../http';
import { useConsoleT } from '../hooks';

export function AddJudgeCard({ onAdded }: { onAdded: () => void }) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; email: string; affiliation?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function add(v: { name: string; email: string; affiliation?: string }) {
    setBusy(true);
    setError(null);
    try {
      await http('POST', '/users', { ...v, roles: ['JUDGE'] });
      form.resetFields();
      void message.success(t('judges.invited'));
      onAdded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('judges.addOne')} className="console-section">
      <Form name="judge" form={form} layout="inline" onFinish={(v) => void add(v)}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('judges.email')}
          rules={[{ required: true, type: 'email' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="affiliation" label={t('judges.affiliation')}>
          <Input />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('judges.addOne')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
    </Card>
  );
}
