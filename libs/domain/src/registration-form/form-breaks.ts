// What a new version of a registration form would do to answers already
// stored: a form never invalidates them silently. Each break names the field
// (its labels), what breaks and how many projects hold such an answer, so the
// organiser sees "删除“注册资本”：3 个项目已填写" and decides.
import type { FormBreakRef } from '../errors/error-codes';
import { answerRef, fieldApplies, isEmptyAnswer, validateAnswer } from './answers';
import type { Answers, FormField, RegistrationForm } from './form.types';

export interface StoredAnswers {
  answers: Answers;
  groupKey: string | null;
  /** Submitted (or further): a newly required field it lacks is a break; a draft fills it at submit. */
  submitted: boolean;
}

type Kind = FormBreakRef['kind'];

/** Breaks of replacing `before` by `after` for the stored answers, in form order. */
export function formBreaks(
  before: RegistrationForm,
  after: RegistrationForm,
  projects: StoredAnswers[],
): FormBreakRef[] {
  const counts = new Map<string, { kind: Kind; field: FormField; projects: number }>();
  const add = (kind: Kind, field: FormField) => {
    const id = `${kind}:${field.key}`;
    const entry = counts.get(id) ?? { kind, field, projects: 0 };
    entry.projects += 1;
    counts.set(id, entry);
  };
  const oldFields = new Map(before.fields.map((f) => [f.key, f]));
  const newFields = new Map(after.fields.map((f) => [f.key, f]));
  const newGroups = new Set((after.groups ?? []).map((g) => g.key));
  const oldGroups = new Map((before.groups ?? []).map((g) => [g.key, g]));

  for (const p of projects) {
    if (p.groupKey && !newGroups.has(p.groupKey)) {
      const g = oldGroups.get(p.groupKey);
      add('groupRemoved', {
        key: p.groupKey,
        type: 'text',
        label: g?.label ?? { zh: p.groupKey, en: p.groupKey },
        required: false,
      });
    }
    const seen = new Set<string>();
    for (const [key, value] of Object.entries(p.answers)) {
      if (isEmptyAnswer(value)) continue;
      const kind = breakOf(oldFields.get(key), newFields.get(key), value, p.groupKey);
      if (kind) add(kind, newFields.get(key) ?? oldFields.get(key) ?? textField(key));
      if (kind) seen.add(key);
    }
    if (!p.submitted) continue;
    for (const f of after.fields) {
      if (seen.has(f.key) || !f.required || !fieldApplies(f, p.groupKey)) continue;
      if (!isEmptyAnswer(p.answers[f.key])) continue;
      const was = oldFields.get(f.key);
      // Required before too (and asked of this group): the answer was missing already.
      if (was?.required && fieldApplies(was, p.groupKey)) continue;
      add('requiredAdded', f);
    }
  }
  const order = new Map(
    [...after.fields, ...before.fields].map((f, i) => [f.key, i] as [string, number]).reverse(),
  );
  return [...counts.values()]
    .sort((a, b) => (order.get(a.field.key) ?? -1) - (order.get(b.field.key) ?? -1))
    .map(({ kind, field, projects }) => ({ kind, ...refOf(field), projects }));
}

function breakOf(
  old: FormField | undefined,
  next: FormField | undefined,
  value: unknown,
  groupKey: string | null,
): Kind | null {
  if (!next) return 'removed';
  const texts = ['text', 'longText'];
  if (old && old.type !== next.type && !(texts.includes(old.type) && texts.includes(next.type)))
    return 'typeChanged';
  if (!fieldApplies(next, groupKey)) return 'groupChanged';
  const problems = validateAnswer(next, value);
  if (!problems.length) return null;
  if (problems.some((p) => p.code === 'ANSWER_NOT_AN_OPTION')) return 'optionRemoved';
  if (!old) return 'typeChanged';
  return 'narrowed';
}

const textField = (key: string): FormField => ({
  key,
  type: 'text',
  label: { zh: key, en: key },
  required: false,
});

const refOf = (f: FormField) => {
  const { key, label, labelEn } = answerRef(f);
  return { key, label, labelEn };
};
