// Checks an organiser's registration form before it is stored. The body
// arrives as JSON of any shape, so every attribute is checked here (not only
// typed): each problem names its path (`fields[2].options`) and the field's
// key, so the console puts it beside the right input.
import { fieldProblem, FieldProblem } from '../domain-error';
import {
  AcceptedFileKind,
  CORE_RULE_FIELDS,
  EligibilityRuleKind,
  FormFieldType,
} from './form.types';

export const FORM_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const MAX_FORM_FIELDS = 100;
export const MAX_OPTIONS = 200;
export const MAX_COLUMNS = 20;
export const MAX_LABEL_LENGTH = 200;
export const MAX_HELP_LENGTH = 2000;
export const MAX_DECLARATION_LENGTH = 20000;
export const MAX_RULES = 50;
export const MAX_RULE_VALUES = 2000;

export const FIELD_TYPES: readonly FormFieldType[] = [
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'file',
  'table',
];
export const FILE_KINDS: readonly AcceptedFileKind[] = ['pdf', 'image', 'office', 'video'];
export const FIELD_LOCKS = ['never', 'afterSubmit', 'afterDeadline', 'afterEligibility'] as const;
const COLUMN_TYPES = ['text', 'number', 'date', 'yesNo'];
const RULE_KINDS: readonly EligibilityRuleKind[] = [
  'dateOnOrAfter',
  'dateBefore',
  'numberAbove',
  'numberBelow',
  'yesNo',
  'inList',
];
// Keys of the core project fields: a form field may not shadow them.
export const RESERVED_KEYS = [
  'title',
  'summary',
  'trackCode',
  'heatId',
  'organisation',
  'team',
  'fundingStage',
  'pitchDeckUrl',
  'groupKey',
  'answers',
];

// Which optional attributes each type may carry (beside key, type, label,
// help, required, groups, lock).
const ATTRIBUTES: Record<FormFieldType, string[]> = {
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
const COMMON = ['key', 'type', 'label', 'help', 'required', 'groups', 'lock', 'identity'];
const TYPED = [...new Set(Object.values(ATTRIBUTES).flat())];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date written YYYY-MM-DD that exists (no 2月30日). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** A zh/en label: zh required (Chinese first), en may be empty. */
function isLabel(v: unknown, max = MAX_LABEL_LENGTH): boolean {
  return (
    isObject(v) &&
    typeof v.zh === 'string' &&
    v.zh.trim().length > 0 &&
    isText(v.zh, max) &&
    (v.en === undefined || isText(v.en, max))
  );
}

export interface FormContext {
  /** The competition's track codes: a group's tracks must be among them. */
  trackCodes?: string[];
}

/** Every problem of a form definition; an empty list means it may be stored. */
export function validateFormDefinition(input: unknown, ctx: FormContext = {}): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isObject(input)) {
    out.push(fieldProblem('fields', 'FIELD_NOT_OBJECT', 'the form must be an object'));
    return out;
  }
  for (const k of Object.keys(input))
    if (!['groups', 'fields', 'declaration', 'eligibilityRules'].includes(k))
      out.push(fieldProblem(k, 'FIELD_UNKNOWN', `unknown attribute ${k}`));

  const groupKeys = checkGroups(input.groups, ctx, out);
  const fieldTypes = checkFields(input.fields, groupKeys, out);

  if (input.declaration !== undefined && input.declaration !== null) {
    if (!isLabel(input.declaration, MAX_DECLARATION_LENGTH))
      out.push(
        fieldProblem('declaration', 'FORM_DECLARATION_EMPTY', 'the declaration needs a zh text'),
      );
  }
  checkRules(input.eligibilityRules, fieldTypes, out);
  return out;
}

function checkGroups(groups: unknown, ctx: FormContext, out: FieldProblem[]): Set<string> {
  const keys = new Set<string>();
  if (groups === undefined || groups === null) return keys;
  if (!Array.isArray(groups)) {
    out.push(fieldProblem('groups', 'FIELD_NOT_ARRAY', 'groups must be a list'));
    return keys;
  }
  groups.forEach((g: unknown, i) => {
    const path = `groups[${i}]`;
    if (!isObject(g)) {
      out.push(fieldProblem(path, 'FIELD_NOT_OBJECT', `${path} must be an object`));
      return;
    }
    const key = typeof g.key === 'string' ? g.key : '';
    if (!FORM_KEY_PATTERN.test(key)) {
      out.push(fieldProblem(`${path}.key`, 'FORM_KEY_INVALID', `bad group key`, { key }));
    } else if (keys.has(key)) {
      out.push(
        fieldProblem(`${path}.key`, 'FORM_GROUP_DUPLICATE', `group ${key} twice`, { group: key }),
      );
    }
    keys.add(key);
    if (!isLabel(g.label))
      out.push(fieldProblem(`${path}.label`, 'FORM_LABEL_MISSING', 'label.zh required', { key }));
    if (g.tracks !== undefined && g.tracks !== null) {
      if (!Array.isArray(g.tracks) || !g.tracks.every((t) => typeof t === 'string')) {
        out.push(fieldProblem(`${path}.tracks`, 'FIELD_NOT_ARRAY', 'tracks: a list of codes'));
      } else if (ctx.trackCodes) {
        for (const t of g.tracks)
          if (!ctx.trackCodes.includes(t))
            out.push(
              fieldProblem(`${path}.tracks`, 'FORM_GROUP_TRACK_UNKNOWN', `no track ${t}`, {
                group: key,
                trackCode: t,
              }),
            );
      }
    }
    for (const k of Object.keys(g))
      if (!['key', 'label', 'tracks'].includes(k))
        out.push(fieldProblem(`${path}.${k}`, 'FIELD_UNKNOWN', `unknown attribute ${k}`));
  });
  return keys;
}

function checkFields(
  fields: unknown,
  groupKeys: Set<string>,
  out: FieldProblem[],
): Map<string, FormFieldType> {
  const types = new Map<string, FormFieldType>();
  if (!Array.isArray(fields)) {
    out.push(fieldProblem('fields', 'FIELD_NOT_ARRAY', 'fields must be a list'));
    return types;
  }
  if (fields.length > MAX_FORM_FIELDS)
    out.push(
      fieldProblem('fields', 'FORM_TOO_MANY_FIELDS', 'too many fields', { max: MAX_FORM_FIELDS }),
    );
  fields.slice(0, MAX_FORM_FIELDS).forEach((f: unknown, i) => {
    const path = `fields[${i}]`;
    if (!isObject(f)) {
      out.push(fieldProblem(path, 'FIELD_NOT_OBJECT', `${path} must be an object`));
      return;
    }
    const key = typeof f.key === 'string' ? f.key : '';
    if (!FORM_KEY_PATTERN.test(key)) {
      out.push(fieldProblem(`${path}.key`, 'FORM_KEY_INVALID', 'bad field key', { key }));
    } else if (RESERVED_KEYS.includes(key)) {
      out.push(fieldProblem(`${path}.key`, 'FORM_KEY_RESERVED', 'a core field', { key }));
    } else if (types.has(key)) {
      out.push(fieldProblem(`${path}.key`, 'FORM_KEY_DUPLICATE', `key ${key} twice`, { key }));
    }
    const type = f.type as FormFieldType;
    if (!FIELD_TYPES.includes(type)) {
      out.push(
        fieldProblem(`${path}.type`, 'FORM_TYPE_UNKNOWN', 'unknown type', {
          key,
          type: String(f.type),
        }),
      );
      return;
    }
    if (!types.has(key)) types.set(key, type);
    checkField(f, type, key, path, groupKeys, out);
  });
  // An anonymised copy names another file field, itself no copy.
  const copies = new Map<string, unknown>();
  fields.slice(0, MAX_FORM_FIELDS).forEach((f: unknown) => {
    if (isObject(f) && f.blindCopyOf !== undefined && typeof f.key === 'string')
      copies.set(f.key, f.blindCopyOf);
  });
  fields.slice(0, MAX_FORM_FIELDS).forEach((f: unknown, i) => {
    if (!isObject(f) || f.blindCopyOf === undefined || f.type !== 'file') return;
    const target = f.blindCopyOf;
    if (
      typeof target !== 'string' ||
      target === f.key ||
      types.get(target) !== 'file' ||
      copies.has(target)
    )
      out.push(
        fieldProblem(
          `fields[${i}].blindCopyOf`,
          'FORM_BOUNDS_INVALID',
          'names no other file field',
          {
            key: String(f.key),
            attribute: 'blindCopyOf',
          },
        ),
      );
  });
  return types;
}

function checkField(
  f: Record<string, unknown>,
  type: FormFieldType,
  key: string,
  path: string,
  groupKeys: Set<string>,
  out: FieldProblem[],
) {
  const bad = (attribute: string) =>
    out.push(
      fieldProblem(`${path}.${attribute}`, 'FORM_BOUNDS_INVALID', `${attribute} is not sane`, {
        key,
        attribute,
      }),
    );
  if (!isLabel(f.label))
    out.push(fieldProblem(`${path}.label`, 'FORM_LABEL_MISSING', 'label.zh required', { key }));
  if (f.help !== undefined && f.help !== null && !isLabel(f.help, MAX_HELP_LENGTH))
    out.push(fieldProblem(`${path}.help`, 'FORM_LABEL_MISSING', 'help.zh required', { key }));
  if (typeof f.required !== 'boolean')
    out.push(fieldProblem(`${path}.required`, 'FIELD_NOT_BOOLEAN', 'required: true or false'));
  if (f.lock !== undefined && !(FIELD_LOCKS as readonly unknown[]).includes(f.lock))
    out.push(
      fieldProblem(`${path}.lock`, 'FIELD_INVALID_ENUM', 'unknown lock', {
        allowed: [...FIELD_LOCKS],
      }),
    );
  if (f.identity !== undefined && typeof f.identity !== 'boolean')
    out.push(fieldProblem(`${path}.identity`, 'FIELD_NOT_BOOLEAN', 'identity: true or false'));
  if (f.groups !== undefined && f.groups !== null) {
    if (!Array.isArray(f.groups)) {
      out.push(fieldProblem(`${path}.groups`, 'FIELD_NOT_ARRAY', 'groups: a list of keys'));
    } else {
      for (const g of f.groups)
        if (typeof g !== 'string' || !groupKeys.has(g))
          out.push(
            fieldProblem(`${path}.groups`, 'FORM_GROUP_UNKNOWN', `no group ${String(g)}`, {
              key,
              group: String(g),
            }),
          );
    }
  }
  const allowed = ATTRIBUTES[type];
  for (const attribute of Object.keys(f)) {
    if (COMMON.includes(attribute) || allowed.includes(attribute)) continue;
    if (TYPED.includes(attribute) && f[attribute] === undefined) continue;
    out.push(
      TYPED.includes(attribute)
        ? fieldProblem(`${path}.${attribute}`, 'FORM_ATTRIBUTE_NOT_FOR_TYPE', `not for ${type}`, {
            key,
            attribute,
          })
        : fieldProblem(`${path}.${attribute}`, 'FIELD_UNKNOWN', `unknown attribute ${attribute}`),
    );
  }

  if (type === 'text' || type === 'longText') {
    const limit = type === 'text' ? 500 : 20000;
    const { minLength: lo, maxLength: hi } = f;
    if (lo !== undefined && (!isCount(lo) || lo > limit)) bad('minLength');
    if (hi !== undefined && (!isCount(hi) || hi < 1 || hi > limit)) bad('maxLength');
    if (isCount(lo) && isCount(hi) && lo > hi) bad('maxLength');
  }
  if (type === 'number') {
    const { min, max } = f;
    if (min !== undefined && !isFiniteNumber(min)) bad('min');
    if (max !== undefined && !isFiniteNumber(max)) bad('max');
    if (isFiniteNumber(min) && isFiniteNumber(max) && min > max) bad('max');
    if (f.integer !== undefined && typeof f.integer !== 'boolean') bad('integer');
    if (f.unit !== undefined && !isText(f.unit, 20)) bad('unit');
  }
  if (type === 'date') {
    if (f.minDate !== undefined && !isIsoDate(f.minDate)) bad('minDate');
    if (f.maxDate !== undefined && !isIsoDate(f.maxDate)) bad('maxDate');
    if (isIsoDate(f.minDate) && isIsoDate(f.maxDate) && f.minDate > f.maxDate) bad('maxDate');
  }
  if (type === 'choice' || type === 'multiChoice') {
    checkOptions(f.options, key, path, out);
    if (type === 'multiChoice' && f.maxChoices !== undefined) {
      const n = Array.isArray(f.options) ? f.options.length : 0;
      if (!isCount(f.maxChoices) || f.maxChoices < 1 || (n > 0 && f.maxChoices > n))
        bad('maxChoices');
    }
  }
  if (type === 'file') {
    if (
      f.accept !== undefined &&
      (!Array.isArray(f.accept) ||
        f.accept.length === 0 ||
        !f.accept.every((k) => (FILE_KINDS as readonly unknown[]).includes(k)))
    )
      out.push(fieldProblem(`${path}.accept`, 'FORM_ACCEPT_INVALID', 'unknown kind', { key }));
    if (f.maxBytes !== undefined && (!isCount(f.maxBytes) || f.maxBytes < 1)) bad('maxBytes');
  }
  if (type === 'table') {
    checkColumns(f.columns, key, path, out);
    if (f.maxRows !== undefined && (!isCount(f.maxRows) || f.maxRows < 1 || f.maxRows > 500))
      bad('maxRows');
  }
}

function checkOptions(options: unknown, key: string, path: string, out: FieldProblem[]) {
  if (!Array.isArray(options) || options.length === 0 || options.length > MAX_OPTIONS) {
    out.push(fieldProblem(`${path}.options`, 'FORM_OPTIONS_MISSING', 'options needed', { key }));
    return;
  }
  const seen = new Set<string>();
  options.forEach((o: unknown, j) => {
    const value = isObject(o) && typeof o.value === 'string' ? o.value.trim() : '';
    if (!value || value.length > 100 || !isObject(o) || !isLabel(o.label)) {
      out.push(
        fieldProblem(`${path}.options[${j}]`, 'FORM_OPTIONS_MISSING', 'value and label.zh', {
          key,
        }),
      );
      return;
    }
    if (seen.has(value))
      out.push(
        fieldProblem(`${path}.options[${j}].value`, 'FORM_OPTION_DUPLICATE', 'twice', {
          key,
          value,
        }),
      );
    seen.add(value);
  });
}

function checkColumns(columns: unknown, key: string, path: string, out: FieldProblem[]) {
  if (!Array.isArray(columns) || columns.length === 0 || columns.length > MAX_COLUMNS) {
    out.push(fieldProblem(`${path}.columns`, 'FORM_COLUMNS_MISSING', 'columns needed', { key }));
    return;
  }
  const seen = new Set<string>();
  columns.forEach((c: unknown, j) => {
    const column = isObject(c) && typeof c.key === 'string' ? c.key : '';
    const ok =
      isObject(c) &&
      FORM_KEY_PATTERN.test(column) &&
      !seen.has(column) &&
      COLUMN_TYPES.includes(c.type as string) &&
      isLabel(c.label) &&
      typeof c.required === 'boolean' &&
      Object.keys(c).every((k) => ['key', 'type', 'label', 'required'].includes(k));
    if (!ok)
      out.push(
        fieldProblem(`${path}.columns[${j}]`, 'FORM_COLUMN_INVALID', 'bad column', {
          key,
          column,
        }),
      );
    seen.add(column);
  });
}

// Which field types a rule kind reads.
const RULE_TYPES: Record<EligibilityRuleKind, string[]> = {
  dateOnOrAfter: ['date'],
  dateBefore: ['date'],
  numberAbove: ['number'],
  numberBelow: ['number'],
  yesNo: ['yesNo'],
  inList: ['text', 'choice', 'multiChoice'],
};
const CORE_TYPES: Record<string, string> = {
  'organisation.foundedAt': 'date',
  'organisation.name': 'text',
  title: 'text',
};

function checkRules(rules: unknown, types: Map<string, FormFieldType>, out: FieldProblem[]) {
  if (rules === undefined || rules === null) return;
  if (!Array.isArray(rules) || rules.length > MAX_RULES) {
    out.push(fieldProblem('eligibilityRules', 'FIELD_NOT_ARRAY', 'a list of rules'));
    return;
  }
  const seen = new Set<string>();
  rules.forEach((r: unknown, i) => {
    const path = `eligibilityRules[${i}]`;
    if (!isObject(r)) {
      out.push(fieldProblem(path, 'FIELD_NOT_OBJECT', 'a rule is an object'));
      return;
    }
    const rule = typeof r.key === 'string' ? r.key : '';
    const invalid = (attribute: string) =>
      out.push(
        fieldProblem(`${path}.${attribute}`, 'FORM_RULE_INVALID', `bad ${attribute}`, {
          rule,
          attribute,
        }),
      );
    if (!FORM_KEY_PATTERN.test(rule) || seen.has(rule)) invalid('key');
    seen.add(rule);
    const kind = r.kind as EligibilityRuleKind;
    if (!RULE_KINDS.includes(kind)) return invalid('kind');
    if (!isLabel(r.label)) invalid('label');
    const field = typeof r.field === 'string' ? r.field : '';
    const type = types.get(field) ?? CORE_TYPES[field];
    if (!type || (!types.has(field) && !(CORE_RULE_FIELDS as readonly string[]).includes(field))) {
      out.push(
        fieldProblem(`${path}.field`, 'FORM_RULE_FIELD_UNKNOWN', 'no such field', {
          rule,
          key: field,
        }),
      );
    } else if (!RULE_TYPES[kind].includes(type)) {
      out.push(
        fieldProblem(`${path}.field`, 'FORM_RULE_FIELD_TYPE', 'wrong field type', {
          rule,
          key: field,
        }),
      );
    }
    if ((kind === 'dateOnOrAfter' || kind === 'dateBefore') && !isIsoDate(r.date)) invalid('date');
    if ((kind === 'numberAbove' || kind === 'numberBelow') && !isFiniteNumber(r.value))
      invalid('value');
    if (kind === 'yesNo' && typeof r.equals !== 'boolean') invalid('equals');
    if (
      kind === 'inList' &&
      (!Array.isArray(r.values) ||
        r.values.length === 0 ||
        r.values.length > MAX_RULE_VALUES ||
        !r.values.every((v) => isText(v, 200) && (v as string).trim()))
    )
      invalid('values');
    const own = ['key', 'kind', 'field', 'label', 'date', 'value', 'equals', 'values'];
    for (const k of Object.keys(r)) if (!own.includes(k)) invalid(k);
  });
}
