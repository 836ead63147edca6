import { App, Button, Card, Form, Input } from 'antd';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { useConsoleT } from '../hooks';
import { useFieldErrors } from '../field-errors';

interface JudgeForm {
  name: string;
  email: string;
  affiliation?: string;
}

export function AddJudgeCard() {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const [form] = Form.useForm<JudgeForm>();
  const action = useAction();
  useFieldErrors(form, action.error);
  async function add(v: JudgeForm) {
    const done = await action.run('add', () =>
      call(api.POST('/api/v1/users', { body: { ...v, roles: ['JUDGE'] } })),
    );
    if (!done) return;
    form.resetFields();
    void message.success(t('judges.invited'));
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
        <Button htmlType="submit" loading={!!action.busy}>
          {t('judges.addOne')}
        </Button>
      </Form>
      <ErrorAlert error={action.error} />
    </Card>
  );
}
