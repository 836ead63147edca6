import { DomainError } from '../domain-error';
import {
  ObjectionLifecycle,
  RECEIPT_PATTERN,
  appealDeadline,
  assertAppealWindow,
  assertHoldsPlace,
  assertObjectionWindow,
  assertOfferOpen,
  decideDiligence,
  nextInLine,
  parseContact,
  publicityAfter,
  publicityEnd,
  reRank,
  receiptNumber,
  statusAfterPlaceLost,
} from './index';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('公示', () => {
  const start = new Date('2026-12-01T02:00:00Z');
  it('lasts 7 days by default, or until a later end given', () => {
    expect(publicityEnd(start, 7).toISOString()).toBe('2026-12-08T02:00:00.000Z');
    expect(publicityEnd(start, 7, new Date('2026-12-01T03:00:00Z')).toISOString()).toBe(
      '2026-12-01T03:00:00.000Z',
    );
    expect(code(() => publicityEnd(start, 7, start))).toBe('PUBLICITY_END_NOT_AFTER_START');
  });
  it('is final after its end with no open objection, held with one, active before', () => {
    const p = { status: 'ACTIVE' as const, endsAt: new Date('2026-12-08T02:00:00Z') };
    expect(publicityAfter(p, 0, new Date('2026-12-08T01:59:59Z'))).toBe('ACTIVE');
    expect(publicityAfter(p, 0, new Date('2026-12-08T02:00:00Z'))).toBe('FINAL');
    expect(publicityAfter(p, 1, new Date('2026-12-08T02:00:00Z'))).toBe('HELD');
    expect(publicityAfter({ ...p, status: 'HELD' }, 0, new Date('2026-12-09T00:00:00Z'))).toBe(
      'FINAL',
    );
    expect(publicityAfter({ ...p, status: 'FINAL' }, 3, new Date())).toBe('FINAL');
  });
  it('takes objections only while it runs', () => {
    const p = {
      status: 'ACTIVE' as const,
      endsAt: new Date('2026-12-08T02:00:00Z'),
      heatName: 'x',
    };
    expect(code(() => assertObjectionWindow(p, new Date('2026-12-08T01:59:59Z')))).toBeNull();
    expect(code(() => assertObjectionWindow(p, new Date('2026-12-08T02:00:00Z')))).toBe(
      'PUBLICITY_CLOSED',
    );
    expect(code(() => assertObjectionWindow({ ...p, status: 'HELD' }, start))).toBe(
      'PUBLICITY_CLOSED',
    );
  });
});

describe('objections', () => {
  it('are assigned, decided once, merged into another open or decided one', () => {
    expect(ObjectionLifecycle.assign('FILED')).toBe('ASSIGNED');
    expect(ObjectionLifecycle.decide('ASSIGNED', 'UPHELD', 'DISQUALIFY', 'p')).toBe('UPHELD');
    expect(code(() => ObjectionLifecycle.decide('UPHELD', 'DISMISSED', 'NONE', null))).toBe(
      'OBJECTION_ALREADY_DECIDED',
    );
    expect(code(() => ObjectionLifecycle.decide('FILED', 'DISMISSED', 'DISQUALIFY', 'p'))).toBe(
      'OBJECTION_ACTION_NEEDS_UPHELD',
    );
    expect(code(() => ObjectionLifecycle.decide('FILED', 'UPHELD', 'DISQUALIFY', null))).toBe(
      'OBJECTION_PROJECT_REQUIRED',
    );
    expect(ObjectionLifecycle.merge('FILED', { id: 'b', status: 'ASSIGNED' }, 'a')).toBe('MERGED');
    expect(code(() => ObjectionLifecycle.merge('FILED', { id: 'a', status: 'FILED' }, 'a'))).toBe(
      'OBJECTION_MERGE_TARGET_INVALID',
    );
    expect(code(() => ObjectionLifecycle.merge('FILED', { id: 'b', status: 'MERGED' }, 'a'))).toBe(
      'OBJECTION_MERGE_TARGET_INVALID',
    );
  });
  it('get receipts that are random, not sequential, in a readable form', () => {
    const a = receiptNumber(2026, new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
    const b = receiptNumber(2026, new Uint8Array([1, 2, 3, 4, 5, 6, 8]));
    expect(a).toMatch(RECEIPT_PATTERN);
    expect(a).not.toBe(b);
    expect(receiptNumber(2026, new Uint8Array(7))).toBe('2026-00000-00000');
    expect(() => receiptNumber(2026, new Uint8Array(3))).toThrow();
  });
  it('take a mainland mobile or an email as contact', () => {
    expect(parseContact('+86 138-0000-1234')).toEqual({
      kind: 'phone',
      value: '13800001234',
      email: null,
    });
    expect(parseContact(' Li@Example.CN ')).toEqual({
      kind: 'email',
      value: 'li@example.cn',
      email: 'li@example.cn',
    });
    expect(parseContact('12345')).toBeNull();
    expect(parseContact('not an address')).toBeNull();
  });
});

describe('appeals', () => {
  const released = new Date('2026-12-01T10:00:00Z');
  it('close 48 hours after the release, to the millisecond', () => {
    expect(appealDeadline(released, 48).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(
      code(() => assertAppealWindow(released, 48, new Date('2026-12-03T10:00:00Z'), 'h')),
    ).toBeNull();
    expect(
      code(() => assertAppealWindow(released, 48, new Date('2026-12-03T10:00:00.001Z'), 'h')),
    ).toBe('APPEAL_WINDOW_CLOSED');
    expect(code(() => assertAppealWindow(null, 48, released, 'h'))).toBe(
      'APPEAL_RESULT_NOT_RELEASED',
    );
  });
  it("names the competition's zone with the closing time, for the page to show it in", () => {
    let params: Record<string, unknown> | undefined;
    try {
      assertAppealWindow(released, 48, new Date('2026-12-04T00:00:00Z'), 'h', 'Asia/Shanghai');
    } catch (e) {
      params = (e as DomainError).params;
    }
    expect(params).toEqual({
      heatName: 'h',
      closedAt: '2026-12-03T10:00:00.000Z',
      windowHours: 48,
      timeZone: 'Asia/Shanghai',
    });
  });
  it('re-rank with the corrected score: the heat keeps its places, ties at the cut advance', () => {
    const results = [
      { projectId: 'a', score: 90, result: 'ADVANCED' as const },
      { projectId: 'b', score: 85, result: 'ADVANCED' as const },
      { projectId: 'c', score: 80, result: 'ELIMINATED' as const },
      { projectId: 'd', score: 70, result: 'ELIMINATED' as const },
    ];
    expect(reRank(results, 'c', 86)).toEqual([
      { projectId: 'c', from: 'ELIMINATED', to: 'ADVANCED' },
      { projectId: 'b', from: 'ADVANCED', to: 'ELIMINATED' },
    ]);
    // Equal to the last place taken: both advance.
    expect(reRank(results, 'c', 85)).toEqual([
      { projectId: 'c', from: 'ELIMINATED', to: 'ADVANCED' },
    ]);
    // Rounded as rankings are: 84.995 is 85.00.
    expect(reRank(results, 'c', 84.995)).toEqual([
      { projectId: 'c', from: 'ELIMINATED', to: 'ADVANCED' },
    ]);
    expect(reRank(results, 'c', 84.994)).toEqual([]);
    expect(reRank(results, 'd', 75)).toEqual([]);
  });
});

describe('递补', () => {
  const lines = [
    { projectId: 'a', position: 1, standing: 'DISQUALIFIED' as const },
    { projectId: 'b', position: 2, standing: 'ADVANCED' as const },
    { projectId: 'c', position: 3, standing: 'ELIMINATED' as const },
    { projectId: 'd', position: 4, standing: 'ELIMINATED' as const },
  ];
  it('offers the place to the best-placed project never offered one, or leaves it empty', () => {
    expect(nextInLine(lines, 'OFFER_NEXT', new Set())?.projectId).toBe('c');
    expect(nextInLine(lines, 'OFFER_NEXT', new Set(['c']))?.projectId).toBe('d');
    expect(nextInLine(lines, 'OFFER_NEXT', new Set(['c', 'd']))).toBeNull();
    expect(nextInLine(lines, 'LEAVE_EMPTY', new Set())).toBeNull();
  });
  it('takes an answer only while the offer is open', () => {
    const deadline = new Date('2026-12-03T10:00:00Z');
    expect(code(() => assertOfferOpen({ status: 'OFFERED', deadline }, deadline, 't'))).toBeNull();
    expect(
      code(() =>
        assertOfferOpen({ status: 'OFFERED', deadline }, new Date(deadline.getTime() + 1), 't'),
      ),
    ).toBe('OFFER_NOT_OPEN');
    expect(code(() => assertOfferOpen({ status: 'DECLINED', deadline }, new Date(0), 't'))).toBe(
      'OFFER_NOT_OPEN',
    );
  });
});

describe('a lost place', () => {
  it('leaves a written withdrawal or a refused check WITHDRAWN, any other loss ELIMINATED', () => {
    expect(statusAfterPlaceLost('WITHDRAWN')).toBe('WITHDRAWN');
    expect(statusAfterPlaceLost('REFUSED_DILIGENCE')).toBe('WITHDRAWN');
    expect(statusAfterPlaceLost('FAILED_DILIGENCE')).toBe('ELIMINATED');
    expect(statusAfterPlaceLost('DISQUALIFIED')).toBe('ELIMINATED');
    expect(statusAfterPlaceLost('RERANKED')).toBe('ELIMINATED');
  });
});

describe('holding a place', () => {
  it('lets a winner give its award up in writing only; other lines hold no place', () => {
    expect(code(() => assertHoldsPlace('ADVANCED', 'P'))).toBeNull();
    expect(code(() => assertHoldsPlace('SUBSTITUTED', 'P'))).toBeNull();
    expect(code(() => assertHoldsPlace('AWARDED', 'P'))).toBe('PROJECT_HOLDS_NO_PLACE');
    expect(code(() => assertHoldsPlace('AWARDED', 'P', true))).toBeNull();
    expect(code(() => assertHoldsPlace('ELIMINATED', 'P', true))).toBe('PROJECT_HOLDS_NO_PLACE');
    expect(code(() => assertHoldsPlace('WITHDRAWN', 'P', true))).toBe('PROJECT_HOLDS_NO_PLACE');
  });
});

describe('due diligence', () => {
  const checklist = [
    { code: 'LICENCE', label: '营业执照' },
    { code: 'TAX', label: '纳税证明' },
  ];
  it('passes only with every item checked; a fail or refusal withdraws', () => {
    expect(
      decideDiligence(
        'PENDING',
        'PASSED',
        checklist,
        [
          { code: 'LICENCE', ok: true },
          { code: 'TAX', ok: true },
        ],
        '齐全',
      ),
    ).toEqual({ status: 'PASSED', withdraws: false });
    expect(
      code(() =>
        decideDiligence('PENDING', 'PASSED', checklist, [{ code: 'LICENCE', ok: true }], '缺'),
      ),
    ).toBe('DILIGENCE_CHECKLIST_INCOMPLETE');
    expect(decideDiligence('PENDING', 'FAILED', checklist, [], '不一致')).toEqual({
      status: 'FAILED',
      withdraws: true,
    });
    expect(decideDiligence('PENDING', 'REFUSED', checklist, [], '拒绝')).toEqual({
      status: 'REFUSED',
      withdraws: true,
    });
    expect(code(() => decideDiligence('FAILED', 'PASSED', checklist, [], 'x'))).toBe(
      'DILIGENCE_ALREADY_DECIDED',
    );
    expect(code(() => decideDiligence('PENDING', 'FAILED', checklist, [], ' '))).toBe(
      'DILIGENCE_FINDINGS_REQUIRED',
    );
  });
});
