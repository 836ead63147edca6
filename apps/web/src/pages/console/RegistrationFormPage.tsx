import {
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ApiError, fieldErrors } from '../../api/errors';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { byId, useCompetitionId, useConsoleT } from './hooks';
import { changedPaths } from '../../components/changed-paths';

type View = components['schemas']['RegistrationFormViewDto'];
type Body = components['schemas']['PutRegistrationFormDto'];
type Field = components['schemas']['FormFieldDto'];
type Rule = components['schemas']['EligibilityRuleDto'];

// The builder's own shape: file sizes in MB, a rule's list one name a line.
type FieldDraft = Partial<Omit<Field, 'maxBytes'>> & { maxMb?: number };
type RuleDraft = Partial<Omit<Rule, 'values'>> & { valuesText?: string };
interface Draft {
  groups: components['schemas']['FormGroupDto'][];
  fields: FieldDraft[];
  declaration?: { zh?: string; en?: string };
  eligibilityRules: RuleDraft[];
}

const TYPES = [
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'file',
  'table',
] as const;
const LOCKS = ['afterSubmit', 'never', 'afterDeadline', 'afterEligibility'] as const;
const RULE_KINDS = [
  'dateOnOrAfter',
  'dateBefore',
  'numberAbove',
  'numberBelow',
  'yesNo',
  'inList',
] as const;
const CORE_FIELDS = ['organisation.foundedAt', 'organisation.name', 'title'];
// Which attributes each type keeps when saved (a type switch leaves others behind).
const KEEP: Record<string, string[]> = {
  text: ['minLength', 'maxLength'],
  longText: ['minLength', 'maxLength'],
  number: ['min', 'max', 'integer', 'unit'],
  date: ['minDate', 'maxDate'],
  choice: ['options'],
  multiChoice: ['options', 'maxChoices'],
  yesNo: [],
  file: ['accept', 'maxBytes', 'blindCopyOf'],
  table: ['columns', 'maxRows'],
};
const MB = 1024 * 1024;
const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

function toDraft(v: View): Draft {
  return {
    groups: v.groups,
    fields: v.fields.map(({ maxBytes, ...f }) => ({
      ...f,
      ...(maxBytes !== undefined && { maxMb: maxBytes / MB }),
    })),
    declaration: v.declaration ?? undefined,
    eligibilityRules: (v.eligibilityRules ?? []).map(({ values, ...r }) => ({
      ...r,
      ...(values && { valuesText: values.join('\n') }),
    })),
  };
}

function toBody(d: Draft): Body {
  const fields = (d.fields ?? []).map((f) => {
    const type = f.type ?? 'text';
    const out: Record<string, unknown> = {
      key: f.key?.trim() ?? '',
      type,
      label: { zh: f.label?.zh?.trim() ?? '', en: f.label?.en?.trim() ?? '' },
      required: !!f.required,
    };
    if (f.help?.zh?.trim()) out.help = { zh: f.help.zh.trim(), en: f.help.en?.trim() ?? '' };
    if (f.groups?.length) out.groups = f.groups;
    // No lock chosen: the server's default (a file stays replaceable until the
    // deadline, any other answer locks at submit).
    if (f.lock) out.lock = f.lock;
    if (f.identity) out.identity = true;
    const source = { ...f, maxBytes: filled(f.maxMb) ? Math.round(f.maxMb! * MB) : undefined };
    for (const attr of KEEP[type]) {
      const value = (source as Record<string, unknown>)[attr];
      if (attr === 'integer' && !value) continue;
      if (filled(value) && !(Array.isArray(value) && !value.length)) out[attr] = value;
    }
    if (type === 'table')
      out.columns = (f.columns ?? []).map((c) => ({ ...c, required: !!c.required }));
    if (type === 'choice' || type === 'multiChoice') out.options = f.options ?? [];
    return out as unknown as Field;
  });
  const rules = (d.eligibilityRules ?? []).map((r) => {
    const { valuesText, ...rest } = r;
    const out: Record<string, unknown> = { ...rest };
    for (const k of Object.keys(out)) if (!filled(out[k])) delete out[k];
    if (r.kind === 'inList')
      out.values = (valuesText ?? '')
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean);
    if (r.kind !== 'yesNo') delete out.equals;
    else out.equals = !!r.equals;
    return out as unknown as Rule;
  });
  return {
    groups: d.groups ?? [],
    fields,
    ...(d.declaration?.zh?.trim() && {
      declaration: { zh: d.declaration.zh.trim(), en: d.declaration.en?.trim() ?? '' },
    }),
    eligibilityRules: rules,
  };
}

// An API path (`fields[2].maxBytes`) as the builder's name path.
const namePath = (field: string) =>
  field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\.maxBytes$/, '.maxMb')
    .replace(/\.values$/, '.valuesText')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function Localised({
  name,
  label,
  area,
}: {
  name: (string | number)[];
  label: string;
  area?: boolean;
}) {
  const { t } = useConsoleT();
  const Control = area ? Input.TextArea : Input;
  return (
    <Space wrap align="start">
      <Form.Item name={[...name, 'zh']} label={`${label}（${t('regForm.zh')}）`}>
        <Control style={{ minWidth: 220 }} />
      </Form.Item>
      <Form.Item name={[...name, 'en']} label={`${label}（${t('regForm.en')}）`}>
        <Control style={{ minWidth: 220 }} />
      </Form.Item>
    </Space>
  );
}

/** A file field may be the anonymised copy of another (judges of blind rounds get it instead). */
function BlindCopySelect({ index }: { index: number }) {
  const { t } = useConsoleT();
  const fields = (Form.useWatch('fields') ?? []) as FieldDraft[];
  const own = fields[index]?.key;
  const others = fields.filter(
    (f) => f.type === 'file' && f.key && f.key !== own && !f.blindCopyOf,
  );
  return (
    <Form.Item
      name={[index, 'blindCopyOf']}
      label={t('regForm.blindCopyOf')}
      tooltip={t('regForm.blindCopyOfHelp')}
    >
      <Select
        allowClear
        style={{ minWidth: 200 }}
        placeholder={t('regForm.blindCopyNone')}
        options={others.map((f) => ({ value: f.key, label: f.label?.zh || f.key }))}
      />
    </Form.Item>
  );
}

function TypeSettings({ index }: { index: number }) {
  const { t } = useConsoleT();
  const type = Form.useWatch(['fields', index, 'type']) as string | undefined;
  const num = (name: string, label: string) => (
    <Form.Item name={[index, name]} label={label}>
      <InputNumber style={{ width: 140 }} />
    </Form.Item>
  );
  if (type === 'text' || type === 'longText')
    return (
      <Space wrap>
        {num('minLength', t('regForm.minLength'))}
        {num('maxLength', t('regForm.maxLength'))}
      </Space>
    );
  if (type === 'number')
    return (
      <Space wrap align="end">
        {num('min', t('regForm.min'))}
        {num('max', t('regForm.max'))}
        <Form.Item name={[index, 'unit']} label={t('regForm.unit')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={['万元', '元', '人', '件', '%', '年'].map((u) => ({ value: u, label: u }))}
          />
        </Form.Item>
        <Form.Item name={[index, 'integer']} valuePropName="checked">
          <Checkbox>{t('regForm.integer')}</Checkbox>
        </Form.Item>
      </Space>
    );
  if (type === 'date')
    return (
      <Space wrap>
        <Form.Item name={[index, 'minDate']} label={t('regForm.minDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name={[index, 'maxDate']} label={t('regForm.maxDate')}>
          <Input type="date" />
        </Form.Item>
      </Space>
    );
  if (type === 'choice' || type === 'multiChoice')
    return (
      <>
        <Form.List name={[index, 'options']}>
          {(options, { add, remove }, { errors }) => (
            <>
              {options.map((o) => (
                <Space key={o.key} wrap align="end">
                  <Form.Item name={[o.name, 'value']} label={t('regForm.optionValue')}>
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[o.name, 'label', 'zh']} label={t('regForm.optionZh')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[o.name, 'label', 'en']} label={t('regForm.optionEn')}>
                    <Input />
                  </Form.Item>
                  <Form.Item>
                    <Button onClick={() => remove(o.name)}>{t('common.remove')}</Button>
                  </Form.Item>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button onClick={() => add({ value: '', label: { zh: '', en: '' } })}>
                {t('regForm.addOption')}
              </Button>
            </>
          )}
        </Form.List>
        {type === 'multiChoice' && num('maxChoices', t('regForm.maxChoices'))}
      </>
    );
  if (type === 'file')
    return (
      <Space wrap align="end">
        <Form.Item name={[index, 'accept']} label={t('regForm.accept')}>
          <Select
            mode="multiple"
            style={{ minWidth: 240 }}
            options={['pdf', 'image', 'office', 'video'].map((k) => ({
              value: k,
              label: t(`regForm.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {num('maxMb', t('regForm.maxMb'))}
        <BlindCopySelect index={index} />
      </Space>
    );
  if (type === 'table')
    return (
      <>
        <Form.List name={[index, 'columns']}>
          {(columns, { add, remove }, { errors }) => (
            <>
              {columns.map((c) => (
                <Space key={c.key} wrap align="end">
                  <Form.Item name={[c.name, 'key']} label={t('regForm.columnKey')}>
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[c.name, 'type']} label={t('regForm.type')}>
                    <Select
                      style={{ width: 110 }}
                      options={['text', 'number', 'date', 'yesNo'].map((k) => ({
                        value: k,
                        label: t(`regForm.types.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[c.name, 'label', 'zh']} label={t('regForm.columnZh')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[c.name, 'label', 'en']} label={t('regForm.columnEn')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[c.name, 'required']} valuePropName="checked">
                    <Checkbox>{t('regForm.required')}</Checkbox>
                  </Form.Item>
                  <Form.Item>
                    <Button onClick={() => remove(c.name)}>{t('common.remove')}</Button>
                  </Form.Item>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                onClick={() =>
                  add({ key: '', type: 'text', label: { zh: '', en: '' }, required: false })
                }
              >
                {t('regForm.addColumn')}
              </Button>
            </>
          )}
        </Form.List>
        {num('maxRows', t('regForm.maxRows'))}
      </>
    );
  return null;
}

function FieldCard({
  index,
  count,
  move,
  remove,
  groupOptions,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: (i: number) => void;
  groupOptions: { value: string; label: string }[];
}) {
  const { t } = useConsoleT();
  const label = Form.useWatch(['fields', index, 'label', 'zh']) as string | undefined;
  return (
    <Card
      size="small"
      className="console-section"
      title={`${index + 1}. ${label || t('regForm.untitled')}`}
      extra={
        <Space>
          <Button
            size="small"
            disabled={index === 0}
            onClick={() => move(index, index - 1)}
            aria-label={t('regForm.up')}
          >
            ↑
          </Button>
          <Button
            size="small"
            disabled={index === count - 1}
            onClick={() => move(index, index + 1)}
            aria-label={t('regForm.down')}
          >
            ↓
          </Button>
          <Button size="small" danger onClick={() => remove(index)}>
            {t('common.remove')}
          </Button>
        </Space>
      }
    >
      <Space wrap align="end">
        <Form.Item name={[index, 'key']} label={t('regForm.key')} tooltip={t('regForm.keyHelp')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name={[index, 'type']} label={t('regForm.type')}>
          <Select
            style={{ width: 140 }}
            options={TYPES.map((k) => ({ value: k, label: t(`regForm.types.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name={[index, 'required']} label={t('regForm.required')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name={[index, 'lock']} label={t('regForm.lock')}>
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('regForm.lockDefault')}
            options={LOCKS.map((k) => ({ value: k, label: t(`regForm.locks.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name={[index, 'identity']}
          label={t('regForm.identity')}
          tooltip={t('regForm.identityHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        {groupOptions.length > 0 && (
          <Form.Item name={[index, 'groups']} label={t('regForm.fieldGroups')}>
            <Select
              mode="multiple"
              style={{ minWidth: 180 }}
              options={groupOptions}
              placeholder={t('regForm.allGroups')}
            />
          </Form.Item>
        )}
      </Space>
      <Localised name={[index, 'label']} label={t('regForm.label')} />
      <Localised name={[index, 'help']} label={t('regForm.help')} />
      <TypeSettings index={index} />
    </Card>
  );
}

export default function RegistrationFormPage() {
  const { t } = useConsoleT();
  const { t: tApp } = useTranslation();
  const cid = useCompetitionId();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const view = $api.useQuery('get', '/api/v1/competitions/{id}/registration-form', byId(cid));
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  const competitions = $api.useQuery('get', '/api/v1/competitions');
  const action = useAction();
  const [source, setSource] = useState<string>();
  const groups = Form.useWatch('groups', form) ?? [];
  const fields = Form.useWatch('fields', form) ?? [];

  useEffect(() => {
    if (view.data) form.setFieldsValue(toDraft(view.data));
  }, [view.data, form]);

  // Coded refusals land on the input they name (fields[2].options → that field's options).
  useEffect(() => {
    if (!(action.error instanceof ApiError)) return;
    form.setFields(
      Object.entries(fieldErrors(action.error, tApp)).map(([field, sentence]) => ({
        name: namePath(field) as never,
        errors: [sentence],
      })),
    );
  }, [action.error, form, tApp]);

  const save = async () => {
    // The version this editor loaded: someone else's newer save is not
    // overwritten (409 REGISTRATION_FORM_STALE, shown as a sentence).
    const body = {
      ...toBody(form.getFieldsValue(true) as Draft),
      version: view.data?.version ?? 0,
    };
    const saved = await action.run('save', () =>
      call(api.PUT('/api/v1/competitions/{id}/registration-form', { ...byId(cid), body })),
    );
    if (saved) {
      form.setFieldsValue(toDraft(saved));
      void message.success(t('regForm.saved', { version: saved.version }));
    }
  };

  const copy = async () => {
    if (!source) return;
    const copied = await action.run('copy', () =>
      call(
        api.POST('/api/v1/competitions/{id}/registration-form/copy-from/{otherId}', {
          params: { path: { id: cid, otherId: source } },
        }),
      ),
    );
    if (copied) {
      form.setFieldsValue(toDraft(copied));
      void message.success(t('regForm.copied'));
    }
  };

  const groupOptions = groups
    .filter((g) => g?.key)
    .map((g) => ({ value: g.key, label: g.label?.zh || g.key }));
  const ruleFieldOptions = [
    ...fields.filter((f) => f?.key).map((f) => ({ value: f.key!, label: f.label?.zh || f.key! })),
    ...CORE_FIELDS.map((k) => ({ value: k, label: t(`regForm.core.${k}`) })),
  ];

  return (
    <>
      <h1>{t('regForm.title')}</h1>
      <Typography.Paragraph type="secondary">{t('regForm.intro')}</Typography.Paragraph>
      <ErrorAlert error={view.error ?? action.error} />
      <Card size="small" className="console-section" title={t('regForm.copyTitle')}>
        <Space wrap>
          <Select
            aria-label={t('regForm.copyFrom')}
            placeholder={t('regForm.copyFrom')}
            style={{ minWidth: 280 }}
            value={source}
            onChange={setSource}
            options={(competitions.data?.items ?? [])
              .filter((c) => c.id !== cid)
              .map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button disabled={!source} loading={action.busy === 'copy'} onClick={() => void copy()}>
            {t('regForm.copy')}
          </Button>
        </Space>
      </Card>
      <Form
        form={form}
        layout="vertical"
        name="registration-form"
        onFinish={() => void save()}
        // A server's refusal stays under a field until that field changes.
        onValuesChange={(changed) =>
          form.setFields(changedPaths(changed).map((name) => ({ name: name as never, errors: [] })))
        }
      >
        <Collapse
          defaultActiveKey={['fields']}
          items={[
            {
              key: 'groups',
              label: t('regForm.groups'),
              children: (
                <Form.List name="groups">
                  {(items, { add, remove }) => (
                    <>
                      {items.map((g) => (
                        <Space key={g.key} wrap align="end">
                          <Form.Item name={[g.name, 'key']} label={t('regForm.key')}>
                            <Input style={{ width: 120 }} />
                          </Form.Item>
                          <Form.Item name={[g.name, 'label', 'zh']} label={t('regForm.groupZh')}>
                            <Input />
                          </Form.Item>
                          <Form.Item name={[g.name, 'label', 'en']} label={t('regForm.groupEn')}>
                            <Input />
                          </Form.Item>
                          <Form.Item name={[g.name, 'tracks']} label={t('regForm.groupTracks')}>
                            <Select
                              mode="multiple"
                              style={{ minWidth: 200 }}
                              placeholder={t('regForm.allTracks')}
                              options={(competition.data?.tracks ?? []).map((x) => ({
                                value: x.code,
                                label: x.name,
                              }))}
                            />
                          </Form.Item>
                          <Form.Item>
                            <Button onClick={() => remove(g.name)}>{t('common.remove')}</Button>
                          </Form.Item>
                        </Space>
                      ))}
                      <Button onClick={() => add({ key: '', label: { zh: '', en: '' } })}>
                        {t('regForm.addGroup')}
                      </Button>
                    </>
                  )}
                </Form.List>
              ),
            },
            {
              key: 'fields',
              label: t('regForm.fields', { count: fields.length }),
              children: (
                <Form.List name="fields">
                  {(items, { add, remove, move }) => (
                    <>
                      {items.map((f) => (
                        <FieldCard
                          key={f.key}
                          index={f.name}
                          count={items.length}
                          move={move}
                          remove={remove}
                          groupOptions={groupOptions}
                        />
                      ))}
                      <Button
                        type="dashed"
                        block
                        onClick={() =>
                          add({
                            key: `field${items.length + 1}`,
                            type: 'text',
                            label: { zh: '', en: '' },
                            required: false,
                          })
                        }
                      >
                        {t('regForm.addField')}
                      </Button>
                    </>
                  )}
                </Form.List>
              ),
            },
            {
              key: 'declaration',
              label: t('regForm.declaration'),
              children: (
                <Localised name={['declaration']} label={t('regForm.declarationText')} area />
              ),
            },
            {
              key: 'rules',
              label: t('regForm.rules'),
              children: (
                <Form.List name="eligibilityRules">
                  {(items, { add, remove }) => (
                    <>
                      <Typography.Paragraph type="secondary">
                        {t('regForm.rulesIntro')}
                      </Typography.Paragraph>
                      {items.map((r) => (
                        <RuleRow
                          key={r.key}
                          index={r.name}
                          remove={remove}
                          fieldOptions={ruleFieldOptions}
                        />
                      ))}
                      <Button
                        onClick={() =>
                          add({
                            key: `rule${items.length + 1}`,
                            kind: 'dateOnOrAfter',
                            label: { zh: '', en: '' },
                          })
                        }
                      >
                        {t('regForm.addRule')}
                      </Button>
                    </>
                  )}
                </Form.List>
              ),
            },
          ]}
        />
        <Space className="console-section" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
            {t('regForm.save')}
          </Button>
          {view.data && (
            <Typography.Text type="secondary">
              {t('regForm.version', { version: view.data.version })}
            </Typography.Text>
          )}
        </Space>
      </Form>
    </>
  );
}

function RuleRow({
  index,
  remove,
  fieldOptions,
}: {
  index: number;
  remove: (i: number) => void;
  fieldOptions: { value: string; label: string }[];
}) {
  const { t } = useConsoleT();
  const kind = Form.useWatch(['eligibilityRules', index, 'kind']) as string | undefined;
  return (
    <Card size="small" className="console-section">
      <Space wrap align="end">
        <Form.Item name={[index, 'key']} label={t('regForm.key')}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name={[index, 'label', 'zh']} label={t('regForm.flagZh')}>
          <Input placeholder="初创组" />
        </Form.Item>
        <Form.Item name={[index, 'label', 'en']} label={t('regForm.flagEn')}>
          <Input />
        </Form.Item>
        <Form.Item name={[index, 'field']} label={t('regForm.ruleField')}>
          <Select style={{ minWidth: 180 }} options={fieldOptions} />
        </Form.Item>
        <Form.Item name={[index, 'kind']} label={t('regForm.ruleKind')}>
          <Select
            style={{ minWidth: 160 }}
            options={RULE_KINDS.map((k) => ({ value: k, label: t(`regForm.kinds2.${k}`) }))}
          />
        </Form.Item>
        {(kind === 'dateOnOrAfter' || kind === 'dateBefore') && (
          <Form.Item name={[index, 'date']} label={t('regForm.ruleDate')}>
            <Input type="date" />
          </Form.Item>
        )}
        {(kind === 'numberAbove' || kind === 'numberBelow') && (
          <Form.Item name={[index, 'value']} label={t('regForm.ruleValue')}>
            <InputNumber />
          </Form.Item>
        )}
        {kind === 'yesNo' && (
          <Form.Item
            name={[index, 'equals']}
            label={t('regForm.ruleEquals')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        )}
        <Form.Item>
          <Button onClick={() => remove(index)}>{t('common.remove')}</Button>
        </Form.Item>
      </Space>
      {kind === 'inList' && (
        <Form.Item name={[index, 'valuesText']} label={t('regForm.ruleValues')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    </Card>
  );
}
