import { DecisionState, eligibilityState, planRelease, sameDecision } from './release-plan';

const ok: DecisionState = { decision: 'ELIGIBLE', detail: null };
const no = (reason: string): DecisionState => ({ decision: 'INELIGIBLE', detail: reason });

describe('planRelease', () => {
  it('mails every first decision, one mail per owner listing all their projects', () => {
    const plan = planRelease(
      [
        { projectId: 'p2', ownerId: 'a', state: ok },
        { projectId: 'p1', ownerId: 'a', state: no('材料不全') },
        { projectId: 'p3', ownerId: 'b', state: ok },
      ],
      new Map(),
    );
    expect(plan.owners.map((o) => [o.ownerId, o.items.map((i) => i.projectId)])).toEqual([
      ['a', ['p1', 'p2']],
      ['b', ['p3']],
    ]);
    expect(plan.owners.every((o) => !o.correction)).toBe(true);
    expect(plan.unchanged).toEqual([]);
  });

  it('mails nothing for a decision already released as it stands (a repeated release is a no-op)', () => {
    const plan = planRelease(
      [{ projectId: 'p1', ownerId: 'a', state: ok }],
      new Map([['p1', { decision: 'ELIGIBLE', detail: null }]]),
    );
    expect(plan.owners).toEqual([]);
    expect(plan.unchanged).toEqual(['p1']);
  });

  it('sends a correction when the decision or the refusal reason changed since release', () => {
    const plan = planRelease(
      [
        { projectId: 'p1', ownerId: 'a', state: ok },
        { projectId: 'p2', ownerId: 'b', state: no('新原因') },
        { projectId: 'p3', ownerId: 'b', state: ok },
      ],
      new Map([
        ['p1', no('材料不全')],
        ['p2', no('旧原因')],
      ]),
    );
    expect(plan.owners[0]).toMatchObject({
      ownerId: 'a',
      correction: true,
      items: [{ projectId: 'p1', kind: 'CORRECTION', previous: no('材料不全') }],
    });
    // b gets one mail: a correction (p2) and a first decision (p3) together.
    expect(plan.owners[1].correction).toBe(true);
    expect(plan.owners[1].items.map((i) => i.kind)).toEqual(['CORRECTION', 'FIRST']);
  });

  it('flipping back to what was released sends nothing', () => {
    const plan = planRelease([{ projectId: 'p1', ownerId: 'a', state: ok }], new Map([['p1', ok]]));
    expect(plan.owners).toHaveLength(0);
  });

  it('compares a missing detail as null', () => {
    expect(sameDecision({ decision: 'X', detail: null }, { decision: 'X' } as DecisionState)).toBe(
      true,
    );
    expect(sameDecision({ decision: 'X', detail: 'a' }, { decision: 'X', detail: null })).toBe(
      false,
    );
  });
});

describe('eligibilityState', () => {
  it('derives the decision from the status; a refusal carries its reason', () => {
    expect(eligibilityState('INELIGIBLE', 'r')).toEqual(no('r'));
    for (const s of ['ELIGIBLE', 'ADVANCED', 'ELIMINATED', 'AWARDED'])
      expect(eligibilityState(s, 'ignored')).toEqual(ok);
    for (const s of ['DRAFT', 'SUBMITTED', 'WITHDRAWN'])
      expect(eligibilityState(s, null)).toBeNull();
  });
});
