import type { components } from '../../api/schema';

// The applicant's answers to a competition's registration form: pure code,
// shared by the page and its tests.
type FormField = components['schemas']['FormFieldDto'];
type Text = components['schemas']['LocalisedTextDto'];
export type RegistrationForm = components['schemas']['RegistrationFormViewDto'];
export type AnswerValue = string | number | boolean | string[] | Record<string, unknown>[] | null;

/** zh first; en when the reader reads English and the form has it. */
export const pick = (text: Text | undefined, lang: string) =>
  !text ? '' : lang.startsWith('en') && text.en ? text.en : text.zh;

/** Whether a field is asked of a project in `groupKey` (no groups on it: everyone). */
export const applies = (f: FormField, groupKey: string | undefined | null) =>
  !f.groups?.length || (!!groupKey && f.groups.includes(groupKey));

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && !v.trim()) ||
  (Array.isArray(v) && !v.length);

/**
 * The answers as the API takes them: empty ones and fields of another group
 * are cleared (null: PATCH merges), table rows without a value dropped.
 */
export function cleanAnswers(
  form: RegistrationForm,
  values: Record<string, unknown> | undefined,
  groupKey: string | undefined | null,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const f of form.fields) {
    let v = values?.[f.key];
    if (f.type === 'table' && Array.isArray(v)) {
      v = (v as Record<string, unknown>[])
        .map((row) => Object.fromEntries(Object.entries(row ?? {}).filter(([, c]) => !empty(c))))
        .filter((row) => Object.keys(row).length);
    }
    if (typeof v === 'string' && f.type !== 'file') v = v.trim();
    out[f.key] = !applies(f, groupKey) || empty(v) ? null : (v as AnswerValue);
  }
  return out;
}

export type FieldLock = 'never' | 'afterSubmit' | 'afterDeadline' | 'afterEligibility';
const REVIEWED = ['ELIGIBLE', 'INELIGIBLE', 'ADVANCED', 'ELIMINATED', 'AWARDED'];

/** The same rule as the server (libs/domain lockOf): files replaceable until the deadline, other answers lock at submit. */
export const lockOf = (f: FormField): FieldLock =>
  f.lock ?? (f.type === 'file' ? 'afterDeadline' : 'afterSubmit');

/** The lock that holds a field now, or null while it may change. */
export function lockedBy(
  f: FormField,
  stage: { status: string; deadlinePassed: boolean },
): FieldLock | null {
  const lock = lockOf(f);
  const locked =
    lock === 'afterSubmit'
      ? stage.status !== 'DRAFT'
      : lock === 'afterDeadline'
        ? stage.deadlinePassed
        : lock === 'afterEligibility'
          ? REVIEWED.includes(stage.status)
          : false;
  return locked ? lock : null;
}
