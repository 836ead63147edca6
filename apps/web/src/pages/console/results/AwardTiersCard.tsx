import { App, Button, Card, Form, Input, InputNumber, Space, Tag } from 'antd';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { byId, useConsoleT } from '../hooks';
import type { AwardTier } from './types';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { useFieldErrors } from '../field-errors';

// What a final usually awards; the organiser changes it before saving.
const SUGGESTED: AwardTier[] = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 2 },
  { name: '三等奖', count: 3 },
];

/** The final's award tiers, best first: edited here, saved with PUT /heats/:id/award-tiers. */
export function AwardTiersCard({
  heatId,
  saved,
  finalists,
  onSaved,
}: {
  heatId: string;
  saved: AwardTier[];
  finalists: number;
  onSaved: () => void;
}) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ tiers: AwardTier[] }>();
  const tiers = Form.useWatch('tiers', form) ?? [];
  const action = useAction();
  const error = action.error;
  useFieldErrors(form, error);
  const slots = tiers.reduce((s, x) => s + (x?.count ?? 0), 0);
  const dirty =
    !saved.length ||
    tiers.length !== saved.length ||
    tiers.some((x, i) => x?.name?.trim() !== saved[i].name || x?.count !== saved[i].count);

  async function save(v: { tiers: AwardTier[] }) {
    const view = await action.run('save', () =>
      call(
        api.PUT('/api/v1/heats/{id}/award-tiers', {
          ...byId(heatId),
          body: { tiers: v.tiers.map((x) => ({ name: x.name.trim(), count: x.count })) },
        }),
      ),
    );
    if (!view) return;
    void message.success(t('awards.tiersSaved'));
    onSaved();
  }

  return (
    <Card
      title={t('awards.tiers')}
      className="console-section"
      data-testid="award-tiers"
      extra={dirty && <Tag color="warning">{t('awards.unsaved')}</Tag>}
    >
      <p>{t('awards.tiersHint', { slots, finalists })}</p>
      <Form
        name="award-tiers"
        form={form}
        layout="vertical"
        initialValues={{ tiers: saved.length ? saved : SUGGESTED }}
        onFinish={(v) => void save(v)}
      >
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="end" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={`${t('awards.tierName')} ${i + 1}`}
                    rules={[{ required: true, whitespace: true, max: 50 }]}
                  >
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'count']}
                    label={`${t('awards.tierCount')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={1000} precision={0} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      aria-label={`${t('common.remove')} ${t('awards.tierName')} ${i + 1}`}
                      style={{ marginBottom: 24 }}
                      onClick={() => remove(f.name)}
                    >
                      {t('common.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <div className="console-toolbar">
                <Button onClick={() => add({ name: '', count: 1 })} disabled={fields.length >= 20}>
                  {t('awards.addTier')}
                </Button>
                <Button type="primary" htmlType="submit" loading={!!action.busy}>
                  {t('awards.saveTiers')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form>
      <ErrorAlert error={error} />
    </Card>
  );
}
