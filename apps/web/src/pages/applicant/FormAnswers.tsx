import {
  Button,
  Checkbox,
  ConfigProvider,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { FileUploadField } from '../../components/FileUploadField';
import { applies, lockedBy, pick, type RegistrationForm } from './answers';

type FormField = components['schemas']['FormFieldDto'];
type Column = components['schemas']['TableColumnDto'];

export { cleanAnswers, pick, type RegistrationForm } from './answers';

// Form.Item hands value, onChange and id to the child it wraps: passed on
// to the input itself.
interface Bound {
  value?: never;
  onChange?: never;
  id?: string;
  disabled?: boolean;
}

function Cell({ column, lang, ...input }: { column: Column; lang: string } & Bound) {
  const { t } = useTranslation();
  if (column.type === 'number') return <InputNumber {...input} style={{ width: '100%' }} />;
  if (column.type === 'date') return <Input {...input} type="date" />;
  if (column.type === 'yesNo')
    return (
      <Radio.Group
        {...input}
        options={[
          { value: true, label: t('common.yes') },
          { value: false, label: t('common.no') },
        ]}
      />
    );
  return <Input {...input} aria-label={pick(column.label, lang)} />;
}

function TableAnswer({ field, lang }: { field: FormField; lang: string }) {
  const { t } = useTranslation();
  const max = field.maxRows ?? 100;
  return (
    <Form.List name={['answers', field.key]}>
      {(rows, { add, remove }) => (
        <div className="answer-table">
          {rows.map((row, i) => (
            <fieldset key={row.key} className="answer-table__row">
              <legend>{t('applicant.form.row', { n: i + 1 })}</legend>
              {(field.columns ?? []).map((c) => (
                <Form.Item
                  key={c.key}
                  name={[row.name, c.key]}
                  label={pick(c.label, lang)}
                  required={c.required}
                >
                  <Cell column={c} lang={lang} />
                </Form.Item>
              ))}
              <Button onClick={() => remove(row.name)}>{t('applicant.form.removeRow')}</Button>
            </fieldset>
          ))}
          {rows.length < max && (
            <Button onClick={() => add({})}>{t('applicant.form.addRow')}</Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

function Control({
  field,
  lang,
  projectId,
  ...input
}: {
  field: FormField;
  lang: string;
  projectId: string | null;
} & Bound) {
  const { t } = useTranslation();
  const options = (field.options ?? []).map((o) => ({
    value: o.value,
    label: pick(o.label, lang),
  }));
  switch (field.type) {
    case 'longText':
      return <Input.TextArea {...input} rows={4} showCount maxLength={field.maxLength ?? 20000} />;
    case 'number':
      return (
        <InputNumber
          {...input}
          style={{ width: '100%' }}
          min={field.min}
          max={field.max}
          precision={field.integer ? 0 : undefined}
          addonAfter={field.unit || undefined}
          // With an addon the label's `for` misses the input: name it directly.
          aria-label={pick(field.label, lang)}
          inputMode="decimal"
        />
      );
    case 'date':
      return <Input {...input} type="date" min={field.minDate} max={field.maxDate} />;
    case 'choice':
      return (
        <Select {...input} allowClear options={options} placeholder={t('applicant.form.choose')} />
      );
    case 'multiChoice':
      return <Checkbox.Group {...input} options={options} />;
    case 'yesNo':
      return (
        <Radio.Group
          {...input}
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      );
    case 'file':
      return projectId ? (
        <FileSlot {...input} field={field} projectId={projectId} />
      ) : (
        <Typography.Text type="secondary">{t('applicant.form.saveBeforeUpload')}</Typography.Text>
      );
    default:
      return <Input {...input} maxLength={field.maxLength ?? 500} />;
  }
}

// Form.Item hands its value and onChange to the one child it wraps.
function FileSlot(props: {
  field: FormField;
  projectId: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  disabled?: boolean;
}) {
  return (
    <FileUploadField
      projectId={props.projectId}
      field={props.field}
      value={props.value ?? null}
      onChange={(id) => props.onChange?.(id)}
      disabled={props.disabled}
    />
  );
}

/**
 * The competition's own fields, by type, for the chosen group. Each field
 * follows its own lock (`stage`: the project's status and the deadline): a
 * submitted project's BP and video stay replaceable until the deadline while
 * a locked field is shown read only with the reason.
 */
export function FormAnswers({
  form,
  groupKey,
  projectId,
  stage,
  disabled,
}: {
  form: RegistrationForm;
  groupKey: string | undefined | null;
  projectId: string | null;
  stage: { status: string; deadlinePassed: boolean };
  /** Everything read only (the page is busy). */
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fields = form.fields.filter((f) => applies(f, groupKey));
  if (!fields.length) return null;
  const extra = (f: (typeof fields)[number], lock: string | null) => {
    const help = pick(f.help, lang);
    const reason = lock ? t(`applicant.form.lockedReason.${lock}`) : '';
    return help || reason ? (
      <>
        {help}
        {help && reason && ' '}
        {reason && <span className="answer-locked">{reason}</span>}
      </>
    ) : undefined;
  };
  return (
    // The page disables its core fields after submit; here each field decides.
    <ConfigProvider componentDisabled={false}>
      <fieldset className="form-group">
        <legend>{t('applicant.form.extra')}</legend>
        {fields.map((f) => {
          const lock = lockedBy(f, stage);
          const off = !!lock || !!disabled;
          return f.type === 'table' ? (
            <Form.Item
              key={f.key}
              label={pick(f.label, lang)}
              required={f.required}
              extra={extra(f, lock)}
            >
              <ConfigProvider componentDisabled={off}>
                <TableAnswer field={f} lang={lang} />
              </ConfigProvider>
            </Form.Item>
          ) : (
            <Form.Item
              key={f.key}
              name={['answers', f.key]}
              label={pick(f.label, lang)}
              required={f.required}
              extra={extra(f, lock)}
            >
              <Control field={f} lang={lang} projectId={projectId} disabled={off} />
            </Form.Item>
          );
        })}
      </fieldset>
    </ConfigProvider>
  );
}
