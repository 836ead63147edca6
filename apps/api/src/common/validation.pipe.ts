import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';

// Where class-transformer keeps @Type() metadata; its main entry does not export it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

export interface FieldError {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const invalid = (details: FieldError[]) => {
  const fields = [...new Set(details.map((d) => d.field))];
  return new BadRequestException({
    message: `Invalid ${fields.join(', ')}: ${details.map((d) => d.message).join('; ')}`,
    details,
  });
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

// Before anything reads the input: PostgreSQL refuses NUL in text, and depth
// is bounded. Iterative, so the check itself cannot overflow.
export function rawInputProblems(value: unknown, root: string): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length && problems.length < 20) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        problems.push({
          field: path || root,
          message: `${path || root} must not contain NUL bytes`,
        });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ field: root, message: `${root} is nested deeper than ${MAX_DEPTH} levels` });
      break;
    }
    for (const [k, child] of Object.entries(v)) {
      if (k.includes('\u0000'))
        problems.push({ field: join(path, k), message: 'field names must not contain NUL bytes' });
      stack.push({ v: child, path: join(path, k), depth: depth + 1 });
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
        problems.push({ field, message: `${field} must not be null; leave it out instead` });
      continue;
    }
    if (nestedDtoType(ctor, key)) {
      // An array where the DTO declares one nested object (design:type from tsc).
      if (Array.isArray(v) && Reflect.getMetadata('design:type', proto, key) !== Array) {
        problems.push({ field, message: `${field} must be an object, not an array` });
        continue;
      }
      const items = Array.isArray(v) ? v : [v];
      const bad = items.findIndex((x) => typeof x !== 'object' || x === null || Array.isArray(x));
      if (!Array.isArray(v) && (typeof v !== 'object' || v === null))
        problems.push({ field, message: `${field} must be an object` });
      else if (bad >= 0) {
        const at = Array.isArray(v) ? join(field, bad) : field;
        problems.push({ field: at, message: `${at} must be an object` });
      }
    }
    if (ints.has(key)) {
      for (const n of Array.isArray(v) ? v : [v])
        if (typeof n === 'number' && (n < INT4_MIN || n > INT4_MAX))
          problems.push({
            field,
            message: `${field} must be between ${INT4_MIN} and ${INT4_MAX}`,
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
}

export const createValidationPipe = (): ValidationPipe =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
