import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DomainError } from '@app/domain';
import { MAX_DEPTH, Nullable, createValidationPipe, rawInputProblems } from './validation.pipe';

class Org {
  @IsString()
  name!: string;
}

class Body {
  @IsOptional()
  @IsString()
  title?: string;

  @IsOptional()
  @Nullable()
  @IsString()
  note?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => Org)
  organisation?: Org;

  @IsOptional()
  @IsInt()
  order?: number;

  @IsOptional()
  @IsString()
  @MaxLength(5)
  code?: string;

  @IsOptional()
  @IsIn(['A', 'B'])
  kind?: string;
}

const pipe = createValidationPipe();
const refusalOf = async (value: unknown) =>
  pipe.transform(value, { type: 'body', metatype: Body }).then(
    () => null,
    (e: unknown) => e as DomainError,
  );
const fieldsOf = async (value: unknown) =>
  ((await refusalOf(value))?.details ?? []).map((d) => d.field);

describe('the validation pipe', () => {
  it('refuses NUL bytes in values and names, naming the field', () => {
    expect(rawInputProblems({ a: { b: ['x', 'y\u0000'] } }, 'body')).toEqual([
      { field: 'a.b.1', code: 'FIELD_INVALID_TEXT', message: 'a.b.1 must not contain NUL bytes' },
    ]);
    expect(rawInputProblems({ 'k\u0000': 1 }, 'body')[0].field).toBe('k\u0000');
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10000; i++) deep = { a: deep };
    expect(rawInputProblems(deep, 'body')).toEqual([
      {
        field: 'body',
        code: 'FIELD_TOO_DEEP',
        message: `body is nested deeper than ${MAX_DEPTH} levels`,
        params: { max: MAX_DEPTH },
      },
    ]);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = { a: ok };
    expect(rawInputProblems(ok, 'body')).toEqual([]);
  });

  it('refuses null unless the field is @Nullable, arrays for objects, and integers beyond int4', async () => {
    expect(await fieldsOf({ title: null })).toEqual(['title']);
    expect(await fieldsOf({ note: null })).toEqual([]);
    expect(await fieldsOf({ organisation: [] })).toEqual(['organisation']);
    expect(await fieldsOf({ order: 2 ** 31 })).toEqual(['order']);
    expect(await fieldsOf({ order: 1e300 })).toEqual(['order']);
    expect(await fieldsOf({ order: 2 ** 31 - 1, title: 'x', organisation: { name: 'y' } })).toEqual(
      [],
    );
  });

  it('refuses lone UTF-16 surrogates, keeping well-formed pairs', () => {
    expect(rawInputProblems({ name: 'a\ud800b' }, 'body')).toMatchObject([
      { field: 'name', code: 'FIELD_INVALID_TEXT' },
    ]);
    expect(rawInputProblems({ name: '\udc00' }, 'body')[0].field).toBe('name');
    expect(rawInputProblems({ ['k\ud800']: 1 }, 'body')[0].code).toBe('FIELD_INVALID_TEXT');
    expect(rawInputProblems({ name: '评委 😀 ok' }, 'body')).toEqual([]);
  });

  it('refuses object machinery keys, naming the key', () => {
    for (const key of ['prototype', 'hasOwnProperty', 'constructor', '__proto__']) {
      const body = JSON.parse(`{"a":{"${key}":1}}`) as unknown;
      expect(rawInputProblems(body, 'body')).toEqual([
        {
          field: `a.${key}`,
          code: 'FIELD_FORBIDDEN_KEY',
          message: `a.${key}: the key ${key} is not accepted`,
          params: { key },
        },
      ]);
    }
  });

  it('answers VALIDATION_FAILED with a field code and params per constraint', async () => {
    const refusal = await refusalOf({ code: 'toolong', kind: 'C', extra: 1, order: 'x' });
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal!.code).toBe('VALIDATION_FAILED');
    expect(refusal!.params).toEqual({ fields: expect.arrayContaining(['code', 'kind', 'extra']) });
    const byField = Object.fromEntries(refusal!.details.map((d) => [d.field, d]));
    expect(byField.code).toMatchObject({ code: 'FIELD_TOO_LONG', params: { max: 5 } });
    expect(byField.kind).toMatchObject({
      code: 'FIELD_INVALID_ENUM',
      params: { allowed: ['A', 'B'] },
    });
    expect(byField.extra).toMatchObject({ code: 'FIELD_UNKNOWN' });
    expect(byField.order).toMatchObject({ code: 'FIELD_NOT_INTEGER' });
    const nested = await refusalOf({ organisation: { name: 3 } });
    expect(nested!.details).toMatchObject([
      { field: 'organisation.name', code: 'FIELD_NOT_STRING' },
    ]);
    expect((await refusalOf({ title: null }))!.details[0].code).toBe('FIELD_NOT_NULL');
  });
});
