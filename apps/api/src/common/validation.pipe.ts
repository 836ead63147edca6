import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { ValidatorOptions, getMetadataStorage } from 'class-validator';
import { DomainError, ErrorCode, FieldProblem } from '@app/domain';
import { acceptsWithoutErrors } from './compiled-validation';

// Where class-transformer keeps @Type() metadata; its main entry does not export it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/** One field's problem, with its catalogue code (FIELD_*) and params. */
export type FieldError = FieldProblem & { code: ErrorCode };

// class-validator's constraint name → the catalogue's field code; the params
// come from the constraint's arguments (@MaxLength(200) → { max: 200 }).
type Args = unknown[];
const FIELD_CODES: Record<string, (a: Args) => Pick<FieldError, 'code' | 'params'>> = {
  isDefined: () => ({ code: 'FIELD_REQUIRED' }),
  isNotEmpty: () => ({ code: 'FIELD_REQUIRED' }),
  arrayNotEmpty: () => ({ code: 'FIELD_REQUIRED' }),
  whitelistValidation: () => ({ code: 'FIELD_UNKNOWN' }),
  maxLength: (a) => ({ code: 'FIELD_TOO_LONG', params: { max: a[0] } }),
  minLength: (a) => ({ code: 'FIELD_TOO_SHORT', params: { min: a[0] } }),
  isLength: (a) => ({
    code: 'FIELD_OUT_OF_RANGE',
    params: { min: a[0], ...(a[1] !== undefined ? { max: a[1] } : {}) },
  }),
  min: (a) => ({ code: 'FIELD_OUT_OF_RANGE', params: { min: a[0] } }),
  max: (a) => ({ code: 'FIELD_OUT_OF_RANGE', params: { max: a[0] } }),
  isPositive: () => ({ code: 'FIELD_OUT_OF_RANGE', params: { min: 0 } }),
  arrayMinSize: (a) => ({ code: 'FIELD_ARRAY_SIZE', params: { min: a[0] } }),
  arrayMaxSize: (a) => ({ code: 'FIELD_ARRAY_SIZE', params: { max: a[0] } }),
  arrayUnique: () => ({ code: 'FIELD_NOT_UNIQUE' }),
  isUuid: () => ({ code: 'FIELD_NOT_UUID' }),
  isEnum: (a) => ({
    code: 'FIELD_INVALID_ENUM',
    params: { allowed: Object.values((a[0] as object | undefined) ?? {}).map(String) },
  }),
  isIn: (a) => ({
    code: 'FIELD_INVALID_ENUM',
    params: { allowed: ((a[0] as unknown[] | undefined) ?? []).map(String) },
  }),
  isEmail: () => ({ code: 'FIELD_NOT_EMAIL' }),
  isDateString: () => ({ code: 'FIELD_NOT_DATE' }),
  isIso8601: () => ({ code: 'FIELD_NOT_DATE' }),
  isDate: () => ({ code: 'FIELD_NOT_DATE' }),
  isInt: () => ({ code: 'FIELD_NOT_INTEGER' }),
  isNumber: () => ({ code: 'FIELD_NOT_NUMBER' }),
  isString: () => ({ code: 'FIELD_NOT_STRING' }),
  isBoolean: () => ({ code: 'FIELD_NOT_BOOLEAN' }),
  isArray: () => ({ code: 'FIELD_NOT_ARRAY' }),
  isObject: () => ({ code: 'FIELD_NOT_OBJECT' }),
  nestedValidation: () => ({ code: 'FIELD_NOT_OBJECT' }),
  isUrl: () => ({ code: 'FIELD_NOT_URL' }),
  matches: () => ({ code: 'FIELD_INVALID_FORMAT' }),
  isIanaTimeZone: () => ({ code: 'FIELD_INVALID_TIME_ZONE' }),
  isStrongPassword: () => ({ code: 'FIELD_WEAK_PASSWORD' }),
};

// The arguments a constraint was declared with, from class-validator's metadata.
function constraintArgs(e: ValidationError, name: string): Args {
  const ctor = (e.target as object | undefined)?.constructor;
  if (!ctor) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(ctor, '', true, false)
    .find(
      (m) =>
        m.propertyName === e.property && (m.name ?? m.type)?.toLowerCase() === name.toLowerCase(),
    );
  return (meta?.constraints as Args | undefined) ?? [];
}

export function coded(
  e: ValidationError,
  name: string,
  field: string,
  message: string,
): FieldError {
  const map = FIELD_CODES[name];
  const { code, params } = map ? map(constraintArgs(e, name)) : { code: 'FIELD_INVALID' as const };
  const problem: FieldError = { field, code, message };
  if (params) problem.params = params;
  return problem;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) =>
      coded(e, name, field, message),
    );
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The 400 for these problems: VALIDATION_FAILED, each field in `details`. */
export const invalid = (details: FieldError[]): DomainError => {
  const fields = [...new Set(details.map((d) => d.field))];
  return DomainError.of(
    'VALIDATION_FAILED',
    { fields },
    `Invalid ${fields.join(', ')}: ${details.map((d) => d.message).join('; ')}`,
    details,
  );
};

const NULLABLE = Symbol('nullable');
/** This DTO field accepts an explicit `null` (e.g. to clear it); every other field refuses null. */
export const Nullable =
  (): PropertyDecorator =>
  (target: object, key: string | symbol): void =>
    Reflect.defineMetadata(NULLABLE, true, target, key);

// Deeper than any body the API takes; a 10,000-deep document would otherwise
// overflow the stack of the recursive transformer and validator (a 500).
export const MAX_DEPTH = 32;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

const join = (prefix: string, key: string | number) => (prefix ? `${prefix}.${key}` : String(key));

// A lone UTF-16 surrogate ("\ud800" in JSON): no UTF-8 text has one, and
// PostgreSQL, argon2 and every encoder after JSON.parse choke on it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Text the database cannot store: NUL, or a lone surrogate. */
export const unstorableText = (s: string): string | null =>
  s.includes('\u0000')
    ? 'must not contain NUL bytes'
    : LONE_SURROGATE.test(s)
      ? 'must not contain a lone UTF-16 surrogate (invalid Unicode)'
      : null;

// Keys that name an object's machinery: a DTO never has them, and
// class-transformer would drop some silently instead of refusing them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty']);

// Before anything reads the input: PostgreSQL refuses NUL in text (and lone
// surrogates are no text), object machinery keys are refused, and depth is
// bounded. Iterative, so the check itself cannot overflow.
export function rawInputProblems(value: unknown, root: string): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length && problems.length < 20) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = unstorableText(v);
      if (bad)
        problems.push({
          field: path || root,
          code: 'FIELD_INVALID_TEXT',
          message: `${path || root} ${bad}`,
        });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      problems.push({
        field: root,
        code: 'FIELD_TOO_DEEP',
        message: `${root} is nested deeper than ${MAX_DEPTH} levels`,
        params: { max: MAX_DEPTH },
      });
      break;
    }
    for (const [k, child] of Object.entries(v)) {
      const field = join(path, k);
      const bad = unstorableText(k);
      if (bad) problems.push({ field, code: 'FIELD_INVALID_TEXT', message: `field names ${bad}` });
      else if (FORBIDDEN_KEYS.has(k))
        problems.push({
          field,
          code: 'FIELD_FORBIDDEN_KEY',
          message: `${field}: the key ${k} is not accepted`,
          params: { key: k },
        });
      stack.push({ v: child, path: field, depth: depth + 1 });
    }
  }
  return problems;
}

// Any class: DTOs are looked up by their constructor.
type Class = abstract new (...args: never[]) => unknown;

const intFields = new WeakMap<Class, Set<string>>();
function intPropertiesOf(ctor: Class): Set<string> {
  let set = intFields.get(ctor);
  if (!set) {
    set = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(ctor, '', true, false)
        .filter((m) => m.name === 'isInt')
        .map((m) => m.propertyName),
    );
    intFields.set(ctor, set);
  }
  return set;
}

// A property declared with @Type(() => SomeDto), as opposed to a conversion
// such as @Type(() => Number) on a query parameter.
function nestedDtoType(ctor: Class, key: string): boolean {
  const meta = defaultMetadataStorage.findTypeMetadata(ctor, key);
  const type = meta?.typeFunction?.() as unknown;
  return (
    typeof type === 'function' && ![Number, String, Boolean, Date, Object].includes(type as never)
  );
}

// After class-validator passed a DTO: what it lets through but the database
// or the services cannot take. `@IsOptional()` admits null, which a NOT NULL
// column answers with a 500; `@ValidateNested()` admits an array where an
// object belongs; `@IsInt()` admits 1e300 and 2³¹, which an int4 column refuses.
export function shapeProblems(value: unknown, path = ''): FieldError[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => shapeProblems(v, join(path, i)));
  const proto = Object.getPrototypeOf(value) as object | null;
  // Plain objects (free-form maps such as a score sheet) are the services' to check.
  if (!proto || proto === Object.prototype) return [];
  const ctor = proto.constructor as Class;
  const ints = intPropertiesOf(ctor);
  const problems: FieldError[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = join(path, key);
    if (v === undefined) continue;
    if (v === null) {
      if (!Reflect.getMetadata(NULLABLE, proto, key))
        problems.push({
          field,
          code: 'FIELD_NOT_NULL',
          message: `${field} must not be null; leave it out instead`,
        });
      continue;
    }
    if (nestedDtoType(ctor, key)) {
      // An array where the DTO declares one nested object (design:type from tsc).
      if (Array.isArray(v) && Reflect.getMetadata('design:type', proto, key) !== Array) {
        problems.push({
          field,
          code: 'FIELD_NOT_OBJECT',
          message: `${field} must be an object, not an array`,
        });
        continue;
      }
      const items = Array.isArray(v) ? v : [v];
      const bad = items.findIndex((x) => typeof x !== 'object' || x === null || Array.isArray(x));
      if (!Array.isArray(v) && (typeof v !== 'object' || v === null))
        problems.push({ field, code: 'FIELD_NOT_OBJECT', message: `${field} must be an object` });
      else if (bad >= 0) {
        const at = Array.isArray(v) ? join(field, bad) : field;
        problems.push({ field: at, code: 'FIELD_NOT_OBJECT', message: `${at} must be an object` });
      }
    }
    if (ints.has(key)) {
      for (const n of Array.isArray(v) ? v : [v])
        if (typeof n === 'number' && (n < INT4_MIN || n > INT4_MAX))
          problems.push({
            field,
            code: 'FIELD_OUT_OF_RANGE',
            message: `${field} must be between ${INT4_MIN} and ${INT4_MAX}`,
            params: { min: INT4_MIN, max: INT4_MAX },
          });
    }
    problems.push(...shapeProblems(v, field));
  }
  return problems;
}

// 400 with every offending field named, and unknown fields refused, so a typo
// in a client's body is reported instead of silently ignored; plus the checks
// above, so no malformed input reaches a query as a 500.
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const raw = rawInputProblems(value, metadata.type === 'body' ? 'body' : metadata.type);
      if (raw.length) throw invalid(raw);
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type !== 'custom') {
      const shape = shapeProblems(result);
      if (shape.length) throw invalid(shape);
    }
    return result;
  }

  // Nest looks each class's metadata up again on every request (its cache
  // lives for one call); the metadata is fixed once the DTOs are loaded.
  private readonly binaryLookupCache = new Map<unknown, unknown[]>();
  protected override findNestedBinaryValues(
    object: unknown,
    metadataCache: Map<unknown, unknown[]> = this.binaryLookupCache,
  ): ValidationError[] {
    return super.findNestedBinaryValues(object, metadataCache as Map<unknown, never[]>);
  }

  // A DTO that passes takes class-validator's planned checks (compiled-validation.ts);
  // anything else, and every refusal, goes through class-validator as before.
  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    return acceptsWithoutErrors(object) ? [] : super.validate(object, options);
  }
}

export const createValidationPipe = (): ValidationPipe =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The failing object comes with each error, so a field code can read its
    // constraint's arguments (@MaxLength(200) → { max: 200 }); never sent out.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
