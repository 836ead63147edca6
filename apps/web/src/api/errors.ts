import type { TFunction } from 'i18next';
import { type ErrorCode, type FieldIssue, NO_AWARD_TIER, isErrorCode } from '@app/error-codes';

export type FieldError = FieldIssue;
type Params = Record<string, unknown>;

/** An answer other than 2xx (status 0: the request never got an answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldIssue[] = [],
    /** The catalogue code; null when the answer carried none (a proxy's page, a network failure). */
    readonly code: ErrorCode | null = null,
    readonly params: Params = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const b = (body ?? {}) as {
      message?: unknown;
      details?: unknown;
      code?: unknown;
      params?: unknown;
    };
    const message = typeof b.message === 'string' ? b.message : `HTTP ${status}`;
    const details = Array.isArray(b.details) ? (b.details as unknown[]).filter(isFieldIssue) : [];
    const params = b.params && typeof b.params === 'object' ? (b.params as Params) : {};
    return new ApiError(status, message, details, isErrorCode(b.code) ? b.code : null, params);
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }

  get isNetwork(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const isFieldIssue = (d: unknown): d is FieldIssue =>
  !!d &&
  typeof d === 'object' &&
  typeof (d as FieldIssue).field === 'string' &&
  isErrorCode((d as FieldIssue).code);

// Params whose value is an enumerated word (a state, a role, a method): shown translated.
const VALUE_KEYS = new Set([
  'status',
  'result',
  'from',
  'to',
  'method',
  'otherMethod',
  'format',
  'kind',
]);
// Params naming a field of the request: shown by the field's label.
const FIELD_KEYS = new Set(['start', 'end', 'other', 'field']);

const bytes = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

function dateIn(value: string, timeZone: unknown): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat('zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: typeof timeZone === 'string' ? timeZone : undefined,
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

// A param as text; objects never reach a page as "[object Object]" or JSON.
const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

const word = (t: TFunction, v: unknown) => t(`error.values.${text(v)}`, { defaultValue: text(v) });
const fieldLabel = (t: TFunction, field: string) =>
  t(`error.fields.${field.split('.')[0]}`, { defaultValue: '' });

function formatValue(key: string, value: unknown, parent: Params, t: TFunction): string | number {
  if (value === null || value === undefined) return '';
  if (key === 'resource') return t(`error.resources.${text(value)}`);
  if (key === 'maxBytes' && typeof value === 'number') return bytes(value);
  if (/At$/.test(key) && typeof value === 'string') return dateIn(value, parent.timeZone);
  if (VALUE_KEYS.has(key)) return word(t, value);
  if (FIELD_KEYS.has(key)) return fieldLabel(t, text(value)) || text(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value : +value.toFixed(3);
  return text(value);
}

/** The params as i18next interpolates them: lists joined in a sentence, words translated. */
export function formatParams(params: Params, t: TFunction): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const separator = t('error.listSeparator');
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = value
        .map((item: unknown) =>
          item && typeof item === 'object'
            ? t(`error.items.${key}`, formatParams(item as Params, t))
            : key === 'fields'
              ? fieldLabel(t, text(item)) || text(item)
              : key === 'roles' || key === 'allowed'
                ? word(t, item)
                : key === 'tiers' && item === NO_AWARD_TIER
                  ? t('error.noAwardTier')
                  : text(item),
        )
        .join(separator);
      out[`${key}Count`] = value.length;
    } else {
      out[key] = formatValue(key, value, params, t);
    }
  }
  const { min, max, row, column } = params;
  if (min !== undefined || max !== undefined)
    out.range =
      min !== undefined && max !== undefined
        ? `${text(min)}–${text(max)}`
        : min !== undefined
          ? `≥ ${text(min)}`
          : `≤ ${text(max)}`;
  if (typeof row === 'number')
    out.where = t(column ? 'error.where.rowColumn' : 'error.where.row', { row, column });
  // A registration answer's field is named in the reader's language.
  if (t('error.labelLanguage') === 'en') {
    if (typeof params.labelEn === 'string') out.label = params.labelEn;
    if (typeof params.columnEn === 'string') out.column = params.columnEn;
  }
  // Sentences that name a table cell when there is one (registration answers).
  out.where ??= '';
  const { minDate, maxDate } = params;
  if (typeof minDate === 'string' || typeof maxDate === 'string')
    out.dateRange =
      typeof minDate === 'string' && typeof maxDate === 'string'
        ? `${minDate}–${maxDate}`
        : typeof minDate === 'string'
          ? `≥ ${minDate}`
          : `≤ ${text(maxDate)}`;
  return out;
}

/** One code and its params as a sentence in the reader's language. */
export function sentenceOf(code: ErrorCode, params: Params | undefined, t: TFunction): string {
  return t(`error.codes.${code}`, formatParams(params ?? {}, t));
}

// An answer without a code (a proxy's error page): a sentence for its status.
const STATUS_KEYS = [400, 401, 403, 404, 409, 422, 429, 503];

/**
 * What to show the reader: the refusal as a sentence in their language (with
 * names from its params), and each field's problem as a sentence beside it.
 * Never the server's English, an id or JSON.
 */
export function describeError(error: unknown, t: TFunction): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: t('error.unexpected') };
  if (error.status === 0) return { title: t('error.network') };
  const title = error.code
    ? sentenceOf(error.code, error.params, t)
    : t(STATUS_KEYS.includes(error.status) ? `errors.${error.status}` : 'error.unexpected');
  const lines = error.details.map((d) => {
    const sentence = sentenceOf(d.code, d.params, t);
    const label = fieldLabel(t, d.field);
    return label ? t('error.fieldSentence', { field: label, sentence }) : sentence;
  });
  const detail = [...new Set(lines)].filter((line) => line !== title).join(' ');
  return detail ? { title, detail } : { title };
}

/** The whole refusal as one sentence (a toast, a notification). */
export function errorSentence(error: unknown, t: TFunction): string {
  const { title, detail } = describeError(error, t);
  return detail ? `${title} ${detail}` : title;
}

/** Each field's problems as one sentence, keyed by the field's path (`criteria.0.weight`). */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const sentence = sentenceOf(d.code, d.params, t);
    out[d.field] = out[d.field] ? `${out[d.field]} ${sentence}` : sentence;
  }
  return out;
}

/**
 * The field errors in antd Form's `setFields` shape: `form.setFields(formFieldErrors(e, t))`
 * puts each sentence under its field (`criteria.0.weight` → name ['criteria', 0, 'weight']).
 */
export function formFieldErrors(
  error: unknown,
  t: TFunction,
): { name: (string | number)[]; errors: string[] }[] {
  return Object.entries(fieldErrors(error, t)).map(([field, sentence]) => ({
    name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    errors: [sentence],
  }));
}
