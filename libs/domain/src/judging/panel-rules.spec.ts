import {
  assertClosable,
  assertSameScale,
  blindForJudge,
  conflictHoldsIn,
  mayReadPeerScores,
} from './panel-rules';

describe('assertSameScale', () => {
  it('accepts raw methods together and ZSCORE with ZSCORE', () => {
    expect(() => assertSameScale('MEAN', [{ name: 'r', method: 'TRIMMED_MEAN' }])).not.toThrow();
    expect(() => assertSameScale('ZSCORE', [{ name: 'r', method: 'ZSCORE' }])).not.toThrow();
    expect(() => assertSameScale('ZSCORE', [])).not.toThrow();
  });
  it('refuses ZSCORE with a 0–100 round, naming the round (422 on method)', () => {
    expect(() => assertSameScale('ZSCORE', [{ name: '专家评审', method: 'MEAN' }])).toThrow(
      /专家评审/,
    );
    try {
      assertSameScale('MEAN', [{ name: 'x', method: 'ZSCORE' }]);
    } catch (e) {
      expect(e).toMatchObject({ kind: 'UNPROCESSABLE', details: [{ field: 'method' }] });
    }
  });
});

describe('conflictHoldsIn', () => {
  const r = (id: string, competitionId: string, t: number) => ({
    id,
    competitionId,
    createdAt: new Date(t),
  });
  it('holds in its own round and every later round of the competition, not earlier or elsewhere', () => {
    const declared = r('r2', 'c', 2000);
    expect(conflictHoldsIn(declared, declared)).toBe(true);
    expect(conflictHoldsIn(declared, r('r3', 'c', 3000))).toBe(true);
    expect(conflictHoldsIn(declared, r('r2b', 'c', 2000))).toBe(true);
    expect(conflictHoldsIn(declared, r('r1', 'c', 1000))).toBe(false);
    expect(conflictHoldsIn(declared, r('x', 'other', 9000))).toBe(false);
  });
});

describe('mayReadPeerScores', () => {
  it('is off by default and needs the own score submitted', () => {
    expect(mayReadPeerScores({ peerScoresVisible: false }, 'SUBMITTED').ok).toBe(false);
    expect(mayReadPeerScores({ peerScoresVisible: true }, null).ok).toBe(false);
    expect(mayReadPeerScores({ peerScoresVisible: true }, 'DRAFT').ok).toBe(false);
    expect(mayReadPeerScores({ peerScoresVisible: true }, 'SUBMITTED').ok).toBe(true);
  });
});

describe('blindForJudge', () => {
  const p = { id: 'p', title: 't', organisation: { name: 'o' }, organisationName: 'o', team: [] };
  it('drops organisation and team in a blind round only', () => {
    expect(blindForJudge(p, true)).toEqual({ id: 'p', title: 't', blind: true });
    expect(blindForJudge(p, false)).toEqual({ ...p, blind: false });
  });
});

describe('assertClosable', () => {
  const drafts = [{ judgeId: 'j', projectId: 'p' }];
  it('passes without drafts', () => expect(() => assertClosable([], {})).not.toThrow());
  it('answers 409 listing the drafts', () => {
    expect(() => assertClosable(drafts, {})).toThrow(/judge j \/ project p/);
  });
  it('needs a reason to force', () => {
    expect(() => assertClosable(drafts, { force: true })).toThrow(/reason is required/);
    expect(() => assertClosable(drafts, { force: true, reason: '  ' })).toThrow(/reason/);
    expect(() => assertClosable(drafts, { force: true, reason: '评委离场' })).not.toThrow();
  });
});
