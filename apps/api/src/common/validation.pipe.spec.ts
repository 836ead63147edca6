import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
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
}

const pipe = createValidationPipe();
const fieldsOf = async (value: unknown) =>
  pipe.transform(value, { type: 'body', metatype: Body }).then(
    () => [],
    (e: { getResponse(): { details: { field: string }[] } }) =>
      e.getResponse().details.map((d) => d.field),
  );

describe('the validation pipe', () => {
  it('refuses NUL bytes in values and names, naming the field', () => {
    expect(rawInputProblems({ a: { b: ['x', 'y\u0000'] } }, 'body')).toEqual([
      { field: 'a.b.1', message: 'a.b.1 must not contain NUL bytes' },
    ]);
    expect(rawInputProblems({ 'k\u0000': 1 }, 'body')[0].field).toBe('k\u0000');
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10000; i++) deep = { a: deep };
    expect(rawInputProblems(deep, 'body')).toEqual([
      { field: 'body', message: `body is nested deeper than ${MAX_DEPTH} levels` },
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
});
