import { Type, plainToInstance } from 'class-transformer';
import {
  Allow,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { SetRoomsDto } from '../modules/judging/dto/rooms.dto';
import { ScoreDto } from '../modules/judging/dto/judging.dto';
import { SetMeetingLinkDto } from '../modules/judging/dto/meeting-link.dto';
import { acceptsWithoutErrors } from './compiled-validation';

class Leaf {
  @IsInt({ each: true })
  @Min(0, { each: true })
  values!: number[];
}

class Tree {
  @IsDefined()
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Leaf)
  leaves?: Leaf[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Leaf)
  leaf?: Leaf;

  @Allow()
  anything?: unknown;
}

function IsSlowlyChecked(): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'isSlowlyChecked',
      target: target.constructor,
      propertyName: key as string,
      async: true,
      validator: { validate: (v: unknown) => Promise.resolve(v === 'ok') },
    });
}

class Async {
  @IsSlowlyChecked()
  code!: string;
}

class Bounded {
  @IsInt()
  @Min(1)
  @Max(10)
  n!: number;
}

class Empty {}

const uuid = '2f1e0c55-7a64-4c1f-9d43-6f0b7c3a2a11';
const CORPUS: [new () => object, unknown[]][] = [
  [
    ScoreDto,
    [
      { scores: { TECH: 80 } },
      { scores: { TECH: 80 }, submit: true, comment: '好' },
      { scores: { TECH: 80 }, submit: 'yes' },
      { scores: 'x' },
      {},
      { scores: { TECH: 80 }, extra: 1 },
      { scores: { TECH: 80 }, comment: 'x'.repeat(5001) },
      { scores: { TECH: 80 }, comment: null },
      { scores: [1, 2] },
    ],
  ],
  [
    SetMeetingLinkDto,
    [
      { url: null },
      { url: 'https://meeting.tencent.com/dm/abc' },
      { url: 'http://meeting.tencent.com/dm/abc' },
      { url: 'nope' },
      {},
    ],
  ],
  [
    SetRoomsDto,
    [
      { rule: 'QUOTA', rooms: [{ name: 'A', judgeIds: [uuid], projectIds: [uuid], quota: 1 }] },
      { rule: 'QUOTA', rooms: [{ name: 'A', judgeIds: ['x'], projectIds: [], quota: 1 }] },
      { rule: 'QUOTA', rooms: [{ name: '', judgeIds: [], projectIds: [] }] },
      { rule: 'QUOTA', rooms: ['A'] },
      { rule: 'QUOTA', rooms: [{ name: 'A', judgeIds: [], projectIds: [], x: 1 }] },
      { rule: 'QUOTA', rooms: {} },
      { rule: 'ELSE', rooms: [] },
      { rule: 'NORMALISED', advance: 3, rooms: [] },
    ],
  ],
  [
    Tree,
    [
      { name: 'a' },
      { name: 'a', anything: { deep: [1] } },
      { name: 'a', leaves: [{ values: [1, 2] }, { values: [] }] },
      { name: 'a', leaves: [{ values: [1, -2] }] },
      { name: 'a', leaves: [{ values: [1.5] }] },
      { name: 'a', leaves: [1] },
      { name: 'a', leaves: [[{ values: [1] }]] },
      { name: 'a', leaf: { values: [3] } },
      { name: 'a', leaf: { values: [3], other: 1 } },
      { name: 'a', leaf: 'x' },
      { name: null },
      {},
      { name: 'a', unknown: 1 },
    ],
  ],
  [Bounded, [{ n: 1 }, { n: 10 }, { n: 0 }, { n: 11 }, { n: 2.5 }, { n: '3' }, {}]],
];

// What createValidationPipe asks of class-validator.
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true };

describe('class-validator planned once per DTO (compiled-validation)', () => {
  it.each(
    CORPUS.flatMap(([cls, inputs]) => inputs.map((input) => [cls.name, cls, input] as const)),
  )('%s %j: accepted exactly when class-validator finds no error', (_name, cls, input) => {
    const dto = plainToInstance(cls, input);
    const errors = validateSync(dto, OPTIONS);
    // Both ways: no acceptance class-validator would refuse, and no valid
    // DTO of these (synchronous, ungrouped) classes sent the slow way.
    expect(acceptsWithoutErrors(dto)).toBe(errors.length === 0);
  });

  it('leaves an async constraint to class-validator', () => {
    expect(acceptsWithoutErrors(plainToInstance(Async, { code: 'ok' }))).toBe(false);
  });

  it('leaves a class without metadata to class-validator (forbidUnknownValues refuses it)', () => {
    expect(acceptsWithoutErrors(new Empty())).toBe(false);
    expect(validateSync(new Empty(), OPTIONS)).toHaveLength(1);
  });

  it('never accepts a promise where a value belongs', () => {
    const dto = plainToInstance(Bounded, { n: 1 });
    (dto as unknown as { n: unknown }).n = Promise.resolve(1);
    expect(acceptsWithoutErrors(dto)).toBe(false);
  });
});
