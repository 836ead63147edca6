// A form's answers as spreadsheet cells (the registration list export): one
// column per field, headed by its label and unit, each answer in words
// (options by their labels, yes/no as 是/否, a table as "列: 值" rows). A file
// answer is its file id until the files module names it.
import type { AnswerValue, FormField, RegistrationForm } from './form.types';

export type AnswerCell = string | number | null;
type Lang = 'zh' | 'en';

/** The header of a field's column: its label, and its unit in brackets. */
export function answerHeader(field: FormField, lang: Lang): string {
  const label = lang === 'zh' ? field.label.zh : field.label.en || field.label.zh;
  if (field.type !== 'number' || !field.unit) return label;
  return lang === 'zh' ? `${label}（${field.unit}）` : `${label} (${field.unit})`;
}

const yesNo = (v: unknown, lang: Lang) =>
  v === true ? (lang === 'zh' ? '是' : 'Yes') : v === false ? (lang === 'zh' ? '否' : 'No') : '';

const optionLabel = (field: FormField, value: string, lang: Lang) => {
  const o = field.options?.find((x) => x.value === value);
  if (!o) return value;
  return lang === 'zh' ? o.label.zh : o.label.en || o.label.zh;
};

/** One answer as a cell; an empty answer is an empty cell. */
export function answerCell(
  field: FormField,
  value: AnswerValue | undefined,
  lang: Lang,
): AnswerCell {
  if (value === null || value === undefined || value === '') return null;
  const sep = lang === 'zh' ? '、' : ', ';
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'yesNo':
      return yesNo(value, lang) || null;
    case 'choice':
      return typeof value === 'string' ? optionLabel(field, value, lang) : null;
    case 'multiChoice':
      return Array.isArray(value)
        ? (value as unknown[]).map((v) => optionLabel(field, String(v), lang)).join(sep) || null
        : null;
    case 'table': {
      if (!Array.isArray(value) || !value.length) return null;
      const columns = field.columns ?? [];
      return (value as Record<string, unknown>[])
        .map((row) =>
          columns
            .filter((c) => row[c.key] !== undefined && row[c.key] !== null && row[c.key] !== '')
            .map((c) => {
              const label = lang === 'zh' ? c.label.zh : c.label.en || c.label.zh;
              const cell = c.type === 'yesNo' ? yesNo(row[c.key], lang) : String(row[c.key]);
              return `${label}: ${cell}`;
            })
            .join(', '),
        )
        .join(lang === 'zh' ? '；' : '; ');
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
}

/** Headers and cells of every field of the form, in form order. */
export function answerColumns(
  form: RegistrationForm,
  lang: Lang,
): { headers: string[]; cells: (answers: Record<string, AnswerValue>) => AnswerCell[] } {
  return {
    headers: form.fields.map((f) => answerHeader(f, lang)),
    cells: (answers) => form.fields.map((f) => answerCell(f, answers[f.key], lang)),
  };
}
