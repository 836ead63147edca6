import { DomainError } from '../domain-error';
import { sameScoreContent, scoreWriteAnswer, unwrittenScoreAnswer } from './score-write';

const content = { scores: { TECH: 85, TEAM: 70 }, comment: '技术扎实' };
const kindOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as DomainError).kind;
  }
};

describe('sameScoreContent', () => {
  it('ignores key order and treats an absent comment as null', () => {
    expect(sameScoreContent(content, { scores: { TEAM: 70, TECH: 85 }, comment: '技术扎实' })).toBe(
      true,
    );
    expect(
      sameScoreContent(
        { scores: { TECH: 1 }, comment: null },
        { scores: { TECH: 1 }, comment: null },
      ),
    ).toBe(true);
  });

  it('sees a changed value, a missing or extra criterion and a changed comment', () => {
    expect(sameScoreContent(content, { ...content, scores: { TECH: 85, TEAM: 71 } })).toBe(false);
    expect(sameScoreContent(content, { ...content, scores: { TECH: 85 } })).toBe(false);
    expect(sameScoreContent(content, { ...content, scores: { TECH: 85, TEAM: 70, X: 1 } })).toBe(
      false,
    );
    expect(sameScoreContent(content, { ...content, scores: { TECH: 85, MARKET: 70 } })).toBe(false);
    expect(sameScoreContent(content, { ...content, comment: null })).toBe(false);
    expect(sameScoreContent(content, { ...content, comment: '技术扎实 ' })).toBe(false);
  });
});

describe('unwrittenScoreAnswer', () => {
  const submitted = { status: 'SUBMITTED' as const, ...content };

  it('answers a repeated submit of the same content, or a bare repeated submit, with the stored score', () => {
    expect(unwrittenScoreAnswer(submitted, { submit: true, content })).toBe('same');
    expect(unwrittenScoreAnswer(submitted, { submit: true })).toBe('same');
  });

  it('is a conflict for different content on a submitted score, or a draft save of it', () => {
    expect(
      kindOf(() =>
        unwrittenScoreAnswer(submitted, { submit: true, content: { ...content, comment: null } }),
      ),
    ).toBe('CONFLICT');
    expect(kindOf(() => unwrittenScoreAnswer(submitted, { submit: false, content }))).toBe(
      'CONFLICT',
    );
  });

  it('is 422 for a submit with nothing saved, and a conflict for a draft changed meanwhile', () => {
    expect(kindOf(() => unwrittenScoreAnswer(null, { submit: true }))).toBe('UNPROCESSABLE');
    expect(
      kindOf(() => unwrittenScoreAnswer({ status: 'DRAFT', ...content }, { submit: true })),
    ).toBe('CONFLICT');
  });
});

describe('scoreWriteAnswer', () => {
  const open = { status: 'OPEN' as const, criteriaCurrent: true };
  const facts = { round: open, assigned: true, inPool: true, written: false, stored: null };
  const save = { submit: true, content };

  it('hides a round the judge is not on (404), refuses an unassigned project (403), then a round not OPEN (409)', () => {
    expect(kindOf(() => scoreWriteAnswer({ ...facts, round: null }, save))).toBe('NOT_FOUND');
    expect(kindOf(() => scoreWriteAnswer({ ...facts, assigned: false, inPool: false }, save))).toBe(
      'NOT_FOUND',
    );
    expect(kindOf(() => scoreWriteAnswer({ ...facts, assigned: false }, save))).toBe('FORBIDDEN');
    for (const status of ['DRAFT', 'CLOSED'] as const)
      expect(
        kindOf(() =>
          scoreWriteAnswer({ ...facts, round: { status, criteriaCurrent: true } }, save),
        ),
      ).toBe('CONFLICT');
  });

  it('answers a write, a repeated submit, changed criteria and a lost race', () => {
    expect(scoreWriteAnswer({ ...facts, written: true }, save)).toBe('written');
    expect(scoreWriteAnswer({ ...facts, stored: { status: 'SUBMITTED', ...content } }, save)).toBe(
      'same',
    );
    expect(
      scoreWriteAnswer({ ...facts, round: { status: 'OPEN', criteriaCurrent: false } }, save),
    ).toBe('stale-criteria');
    expect(scoreWriteAnswer(facts, save)).toBe('raced');
    expect(scoreWriteAnswer({ ...facts, stored: { status: 'DRAFT', ...content } }, save)).toBe(
      'raced',
    );
    expect(kindOf(() => scoreWriteAnswer(facts, { submit: true }))).toBe('UNPROCESSABLE');
  });
});
