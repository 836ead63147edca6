// Checks a project's answers against its competition's form: types, bounds,
// units, dates, choices, table rows and columns; unknown keys refused. A draft
// may leave required fields empty (`complete: false`); submit asks for every
// required field of the project's group (`complete: true`). Each problem's
// `field` is `answers.<key>` (a table cell: `answers.<key>[row].<column>`) and
// its params carry the key and both labels, so a page names the field.
import { fieldProblem, FieldProblem } from '../domain-error';
import type { AnswerRef } from '../errors/error-codes';
import { isIsoDate } from './form-definition';
import type { AnswerValue, Answers, FieldLock, FormField, RegistrationForm } from './form.types';

export const DEFAULT_TEXT_MAX = 500;
export const DEFAULT_LONG_TEXT_MAX = 20000;
export const DEFAULT_MAX_ROWS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// NUL and lone surrogates: text PostgreSQL cannot store.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (v: string) => v.includes('\u0000') || LONE_SURROGATE.test(v);

export interface AnswerCheck {
  /** The project's group (组别); null when none chosen yet. */
  groupKey?: string | null;
  /** Submit: every required field of the group must be answered. */
  complete: boolean;
}

/** Whether a value counts as not answered (a draft may hold it). */
export function isEmptyAnswer(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

/** Whether a field is asked of a project in `groupKey` (no groups on the field: everyone). */
export function fieldApplies(field: FormField, groupKey: string | null | undefined): boolean {
  if (!field.groups?.length) return true;
  return !!groupKey && field.groups.includes(groupKey);
}

export function answerRef(field: FormField): AnswerRef {
  return { key: field.key, label: field.label.zh, labelEn: field.label.en || field.label.zh };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Every problem of `answers` under `form`; an empty list means they may be stored. */
export function validateAnswers(
  form: RegistrationForm,
  answers: unknown,
  check: AnswerCheck,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isObject(answers)) {
    out.push(fieldProblem('answers', 'FIELD_NOT_OBJECT', 'answers must be an object'));
    return out;
  }
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(answers)) {
    const field = byKey.get(key);
    if (!field) {
      out.push(fieldProblem(`answers.${key}`, 'ANSWER_UNKNOWN_FIELD', `no field ${key}`, { key }));
      continue;
    }
    if (isEmptyAnswer(value)) continue;
    if (!fieldApplies(field, check.groupKey)) {
      out.push(
        fieldProblem(`answers.${key}`, 'ANSWER_NOT_FOR_GROUP', `not asked of this group`, {
          ...answerRef(field),
          group: check.groupKey ?? '',
        }),
      );
      continue;
    }
    out.push(...validateAnswer(field, value, check.complete));
  }
  if (check.complete) out.push(...missingAnswers(form, answers, check.groupKey));
  return out;
}

/** Required fields of the group left empty: ANSWER_REQUIRED for each. */
export function missingAnswers(
  form: RegistrationForm,
  answers: Record<string, unknown>,
  groupKey: string | null | undefined,
): FieldProblem[] {
  return form.fields
    .filter((f) => f.required && fieldApplies(f, groupKey) && isEmptyAnswer(answers[f.key]))
    .map((f) =>
      fieldProblem(`answers.${f.key}`, 'ANSWER_REQUIRED', `${f.key} is required`, answerRef(f)),
    );
}

/** One answer's problems (an empty answer has none here: see missingAnswers). */
export function validateAnswer(field: FormField, value: unknown, complete = false): FieldProblem[] {
  const path = `answers.${field.key}`;
  const ref = answerRef(field);
  if (isEmptyAnswer(value)) return [];
  switch (field.type) {
    case 'text':
    case 'longText':
      return checkText(path, ref, value, field);
    case 'number':
      return checkNumber(path, ref, value, field);
    case 'date':
      return checkDate(path, ref, value, field);
    case 'yesNo':
      return typeof value === 'boolean'
        ? []
        : [fieldProblem(path, 'ANSWER_NOT_YES_NO', 'true or false', ref)];
    case 'choice':
      return checkChoice(path, ref, value, field);
    case 'multiChoice':
      return checkChoices(path, ref, value, field);
    case 'file':
      return typeof value === 'string' && UUID.test(value)
        ? []
        : [fieldProblem(path, 'ANSWER_NOT_FILE_ID', 'a file id (uuid)', ref)];
    case 'table':
      return checkTable(path, ref, value, field, complete);
  }
}

function checkText(
  path: string,
  ref: AnswerRef,
  value: unknown,
  f: Pick<FormField, 'type' | 'minLength' | 'maxLength'>,
) {
  if (typeof value !== 'string' || unstorable(value))
    return [fieldProblem(path, 'ANSWER_NOT_TEXT', 'text expected', ref)];
  const max = f.maxLength ?? (f.type === 'longText' ? DEFAULT_LONG_TEXT_MAX : DEFAULT_TEXT_MAX);
  const length = [...value.trim()].length;
  if (length > max) return [fieldProblem(path, 'ANSWER_TOO_LONG', 'too long', { ...ref, max })];
  if (f.minLength !== undefined && length < f.minLength)
    return [fieldProblem(path, 'ANSWER_TOO_SHORT', 'too short', { ...ref, min: f.minLength })];
  return [];
}

function checkNumber(
  path: string,
  ref: AnswerRef,
  value: unknown,
  f: Pick<FormField, 'min' | 'max' | 'integer' | 'unit'>,
) {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return [fieldProblem(path, 'ANSWER_NOT_NUMBER', 'a number expected', ref)];
  if (f.integer && !Number.isInteger(value))
    return [fieldProblem(path, 'ANSWER_NOT_INTEGER', 'a whole number expected', ref)];
  if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max))
    return [
      fieldProblem(path, 'ANSWER_OUT_OF_RANGE', 'out of range', {
        ...ref,
        ...(f.min !== undefined && { min: f.min }),
        ...(f.max !== undefined && { max: f.max }),
        unit: f.unit ?? '',
      }),
    ];
  return [];
}

function checkDate(
  path: string,
  ref: AnswerRef,
  value: unknown,
  f: Pick<FormField, 'minDate' | 'maxDate'>,
) {
  if (!isIsoDate(value)) return [fieldProblem(path, 'ANSWER_NOT_DATE', 'YYYY-MM-DD', ref)];
  if ((f.minDate && value < f.minDate) || (f.maxDate && value > f.maxDate))
    return [
      fieldProblem(path, 'ANSWER_DATE_OUT_OF_RANGE', 'date out of range', {
        ...ref,
        ...(f.minDate && { minDate: f.minDate }),
        ...(f.maxDate && { maxDate: f.maxDate }),
      }),
    ];
  return [];
}

const optionLabels = (f: FormField) => (f.options ?? []).map((o) => o.label.zh);

function checkChoice(path: string, ref: AnswerRef, value: unknown, f: FormField) {
  if (typeof value !== 'string')
    return [fieldProblem(path, 'ANSWER_NOT_CHOICES', 'an option', ref)];
  if (!(f.options ?? []).some((o) => o.value === value))
    return [
      fieldProblem(path, 'ANSWER_NOT_AN_OPTION', 'not an option', {
        ...ref,
        value,
        allowed: optionLabels(f),
      }),
    ];
  return [];
}

function checkChoices(path: string, ref: AnswerRef, value: unknown, f: FormField) {
  if (
    !Array.isArray(value) ||
    !value.every((v) => typeof v === 'string') ||
    new Set(value).size !== value.length
  )
    return [fieldProblem(path, 'ANSWER_NOT_CHOICES', 'a list of distinct options', ref)];
  const wrong = value.find((v) => !(f.options ?? []).some((o) => o.value === v));
  if (wrong !== undefined)
    return [
      fieldProblem(path, 'ANSWER_NOT_AN_OPTION', 'not an option', {
        ...ref,
        value: wrong,
        allowed: optionLabels(f),
      }),
    ];
  if (f.maxChoices !== undefined && value.length > f.maxChoices)
    return [
      fieldProblem(path, 'ANSWER_TOO_MANY_CHOICES', 'too many', { ...ref, max: f.maxChoices }),
    ];
  return [];
}

function checkTable(path: string, ref: AnswerRef, value: unknown, f: FormField, complete: boolean) {
  if (!Array.isArray(value) || !value.every(isObject))
    return [fieldProblem(path, 'ANSWER_NOT_TABLE', 'a list of rows', ref)];
  const max = f.maxRows ?? DEFAULT_MAX_ROWS;
  if (value.length > max)
    return [fieldProblem(path, 'ANSWER_TOO_MANY_ROWS', 'too many rows', { ...ref, max })];
  const out: FieldProblem[] = [];
  const columns = f.columns ?? [];
  value.forEach((row: Record<string, unknown>, i) => {
    for (const columnKey of Object.keys(row))
      if (!columns.some((c) => c.key === columnKey))
        out.push(
          fieldProblem(`${path}[${i}].${columnKey}`, 'ANSWER_UNKNOWN_COLUMN', 'no such column', {
            ...ref,
            row: i + 1,
            columnKey,
          }),
        );
    for (const c of columns) {
      const cellPath = `${path}[${i}].${c.key}`;
      const cellRef: AnswerRef = {
        ...ref,
        row: i + 1,
        column: c.label.zh,
        columnEn: c.label.en || c.label.zh,
      };
      const cell = row[c.key];
      if (isEmptyAnswer(cell)) {
        if (complete && c.required)
          out.push(fieldProblem(cellPath, 'ANSWER_REQUIRED', 'cell required', cellRef));
        continue;
      }
      if (c.type === 'text') out.push(...checkText(cellPath, cellRef, cell, { type: 'text' }));
      if (c.type === 'number') out.push(...checkNumber(cellPath, cellRef, cell, {}));
      if (c.type === 'date') out.push(...checkDate(cellPath, cellRef, cell, {}));
      if (c.type === 'yesNo' && typeof cell !== 'boolean')
        out.push(fieldProblem(cellPath, 'ANSWER_NOT_YES_NO', 'true or false', cellRef));
    }
  });
  return out;
}

/** Merges a PATCH's answers into the stored ones: a key set to null is cleared. */
export function mergeAnswers(stored: Answers, patch: Answers): Answers {
  const next: Answers = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

export interface LockStage {
  status: string;
  /** The registration deadline has passed. */
  deadlinePassed: boolean;
}

const REVIEWED = ['ELIGIBLE', 'INELIGIBLE', 'ADVANCED', 'ELIMINATED', 'AWARDED'];

/** The lock a field has when the form names none: answers freeze at submit. */
export const DEFAULT_LOCK: FieldLock = 'afterSubmit';

/**
 * A field's lock: its own, else files (BP, video) stay replaceable until the
 * deadline (the 创青春 rule: identity fixed, materials updatable) and every
 * other answer freezes at submit.
 */
export function lockOf(field: FormField): FieldLock {
  return field.lock ?? (field.type === 'file' ? 'afterDeadline' : DEFAULT_LOCK);
}

/** Whether a field's answer may no longer change at this stage. */
export function isFieldLocked(field: FormField, stage: LockStage): boolean {
  switch (lockOf(field)) {
    case 'never':
      return false;
    case 'afterSubmit':
      return stage.status !== 'DRAFT';
    case 'afterDeadline':
      return stage.deadlinePassed;
    case 'afterEligibility':
      return REVIEWED.includes(stage.status);
  }
}

const same = (a: AnswerValue | undefined, b: AnswerValue | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields whose answer a change would alter though they are locked: ANSWER_LOCKED for each. */
export function lockedChanges(
  form: RegistrationForm,
  before: Answers,
  after: Answers,
  stage: LockStage,
): FieldProblem[] {
  return form.fields
    .filter((f) => !same(before[f.key], after[f.key]) && isFieldLocked(f, stage))
    .map((f) =>
      fieldProblem(`answers.${f.key}`, 'ANSWER_LOCKED', `${f.key} is locked`, {
        ...answerRef(f),
        lock: lockOf(f),
      }),
    );
}
