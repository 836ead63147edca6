import { App, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, useCompetitionId } from './hooks';

type Settings = components['schemas']['DueProcessSettingsDto'];

// The competition's due-process settings (docs/due-process.md): the contacts
// printed on every 公示 (the organiser's and the supervising office's), the
// 公示 period, the appeal window, how long a 递补 offer stays open, what
// happens to a freed place, and the due-diligence checklist. Audited.
const TEXT = {
  zh: {
    title: '程序设置',
    intro: '公示、申诉、递补与尽职调查的规则，适用于本大赛各阶段。修改将记入操作日志。',
    contacts: '公示联系方式',
    organiserContact: '组委会联系方式',
    organiserHint: '印在每份公示上，例如：大赛组委会办公室 0510-86000000',
    supervisorContact: '监督电话（纪检监督部门）',
    supervisorHint: '例如：纪检监督电话 0510-86000001',
    periods: '期限',
    publicityDays: '公示期（天）',
    appealWindowHours: '申诉期（结果发布后，小时）',
    offerHours: '递补确认期限（小时）',
    vacancyRule: '名额空出时（弃赛、取消资格、尽职调查未通过）',
    OFFER_NEXT: '按成绩依序递补',
    LEAVE_EMPTY: '名额空缺，不递补',
    checklist: '尽职调查核查清单',
    code: '代码',
    label: '核查项',
    add: '添加核查项',
    remove: '删除',
    save: '保存',
    saved: '已保存',
  },
  en: {
    title: 'Due-process settings',
    intro:
      "The rules of public notice, appeals, substitution and due diligence for the competition's stages. Changes are audited.",
    contacts: 'Contacts on the public notice',
    organiserContact: "Organiser's contact",
    organiserHint: 'Printed on every notice, e.g. Organising committee office 0510-86000000',
    supervisorContact: 'Supervising office phone',
    supervisorHint: 'e.g. Supervision hotline 0510-86000001',
    periods: 'Periods',
    publicityDays: 'Public notice (days)',
    appealWindowHours: 'Appeal window after release (hours)',
    offerHours: 'Time to accept an offered place (hours)',
    vacancyRule: 'When a place is freed (withdrawal, disqualification, failed check)',
    OFFER_NEXT: 'Offer it to the next in the ranking',
    LEAVE_EMPTY: 'Leave it empty',
    checklist: 'Due-diligence checklist',
    code: 'Code',
    label: 'Item',
    add: 'Add an item',
    remove: 'Remove',
    save: 'Save',
    saved: 'Saved',
  },
};

export default function DueProcessSettingsPage() {
  const cid = useCompetitionId();
  const { i18n } = useTranslation();
  const T = TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh'];
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const settings = $api.useQuery(
    'get',
    '/api/v1/competitions/{id}/due-process-settings',
    byId(cid),
  );
  const { run, busy, error } = useAction();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = (values: Settings) =>
    void run('save', () =>
      call(
        api.PUT('/api/v1/competitions/{id}/due-process-settings', {
          params: { path: { id: cid } },
          body: values,
        }),
      ),
    ).then((r) => r && void message.success(T.saved));

  return (
    <div className="due-settings">
      <Typography.Title level={3}>{T.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{T.intro}</Typography.Paragraph>
      <ErrorAlert error={settings.error ?? error} />
      <Form
        form={form}
        layout="vertical"
        name="due-settings"
        onFinish={save}
        disabled={!settings.data || busy === 'save'}
        style={{ maxWidth: 720 }}
      >
        <Card size="small" title={T.contacts} style={{ marginBottom: 12 }}>
          <Form.Item name="organiserContact" label={T.organiserContact} extra={T.organiserHint}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="supervisorContact" label={T.supervisorContact} extra={T.supervisorHint}>
            <Input maxLength={200} />
          </Form.Item>
        </Card>
        <Card size="small" title={T.periods} style={{ marginBottom: 12 }}>
          <Space wrap size="large">
            <Form.Item name="publicityDays" label={T.publicityDays} rules={[{ required: true }]}>
              <InputNumber min={1} max={30} precision={0} />
            </Form.Item>
            <Form.Item
              name="appealWindowHours"
              label={T.appealWindowHours}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={720} precision={0} />
            </Form.Item>
            <Form.Item name="offerHours" label={T.offerHours} rules={[{ required: true }]}>
              <InputNumber min={1} max={720} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="vacancyRule" label={T.vacancyRule}>
            <Radio.Group
              options={(['OFFER_NEXT', 'LEAVE_EMPTY'] as const).map((v) => ({
                value: v,
                label: T[v],
              }))}
            />
          </Form.Item>
        </Card>
        <Card size="small" title={T.checklist} style={{ marginBottom: 12 }}>
          <Form.List name="diligenceChecklist">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item
                      name={[f.name, 'label']}
                      label={T.label}
                      rules={[{ required: true, max: 100 }]}
                    >
                      <Input style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'code']}
                      label={T.code}
                      rules={[{ required: true, max: 40 }]}
                    >
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{T.remove}</Button>
                  </Space>
                ))}
                <div>
                  <Button type="dashed" onClick={() => add({ code: '', label: '' })}>
                    {T.add}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy === 'save'}>
          {T.save}
        </Button>
      </Form>
    </div>
  );
}
