import fc from 'fast-check';
import { assignJudges, conflictKey, ownProject, sameUnit, structuralConflict } from './assignment';

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

function check(projects: string[], judges: string[], k: number, conflicts: Set<string>) {
  const result = assignJudges({
    projectIds: projects,
    judgeIds: judges,
    judgesPerProject: k,
    conflicts,
  });
  if (!result.ok) return result;
  const perProject = new Map<string, Set<string>>();
  for (const a of result.assignments) {
    expect(conflicts.has(conflictKey(a.judgeId, a.projectId))).toBe(false);
    const set = perProject.get(a.projectId) ?? new Set();
    set.add(a.judgeId);
    perProject.set(a.projectId, set);
  }
  for (const p of projects) expect(perProject.get(p)?.size).toBe(k);
  const loads = Object.values(result.loads);
  expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  return result;
}

describe('assignJudges', () => {
  it('assigns 40 projects to 3 of 7 judges with loads 17 or 18', () => {
    const result = check(ids('P', 40), ids('J', 7), 3, new Set());
    expect(result.ok).toBe(true);
    if (result.ok) expect(new Set(Object.values(result.loads))).toEqual(new Set([17, 18]));
  });

  it('respects conflicts and stays even', () => {
    const conflicts = new Set([
      conflictKey('J00', 'P00'),
      conflictKey('J00', 'P01'),
      conflictKey('J01', 'P00'),
    ]);
    expect(check(ids('P', 10), ids('J', 4), 2, conflicts).ok).toBe(true);
  });

  it('is deterministic whatever the input order', () => {
    const a = assignJudges({
      projectIds: ids('P', 12),
      judgeIds: ids('J', 5),
      judgesPerProject: 2,
      conflicts: new Set(),
    });
    const b = assignJudges({
      projectIds: ids('P', 12).reverse(),
      judgeIds: ids('J', 5).reverse(),
      judgesPerProject: 2,
      conflicts: new Set(),
    });
    expect(a).toEqual(b);
  });

  it('says why when it is impossible', () => {
    expect(
      assignJudges({
        projectIds: ['P'],
        judgeIds: ['J1'],
        judgesPerProject: 2,
        conflicts: new Set(),
      }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 2/) });
    const conflicted = assignJudges({
      projectIds: ['P'],
      judgeIds: ['J1', 'J2'],
      judgesPerProject: 2,
      conflicts: new Set([conflictKey('J1', 'P')]),
    });
    expect(conflicted).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/project P has only 1/),
    });
    expect(
      assignJudges({ projectIds: [], judgeIds: ['J'], judgesPerProject: 1, conflicts: new Set() })
        .ok,
    ).toBe(false);
  });

  it('reports infeasible loads that no per-project count reveals', () => {
    // J0 conflicts with every project but one, yet must carry ≥ floor(6·1/3) = 2.
    const conflicts = new Set(
      ids('P', 6)
        .slice(1)
        .map((p) => conflictKey('J00', p)),
    );
    expect(
      assignJudges({
        projectIds: ids('P', 6),
        judgeIds: ids('J', 3),
        judgesPerProject: 1,
        conflicts,
      }),
    ).toMatchObject({ ok: false });
  });

  it('finds a valid assignment whenever brute force finds one (small random cases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(3))),
        (np, nj, k, pairs) => {
          const projects = ids('P', np);
          const judges = ids('J', nj);
          const conflicts = new Set(
            pairs
              .filter(([j, p]) => j < nj && p < np)
              .map(([j, p]) => conflictKey(judges[j], projects[p])),
          );
          const result = check(projects, judges, k, conflicts);
          expect(result.ok).toBe(bruteForceFeasible(projects, judges, k, conflicts));
        },
      ),
      { numRuns: 300 },
    );
  });
});

function bruteForceFeasible(
  projects: string[],
  judges: string[],
  k: number,
  conflicts: Set<string>,
): boolean {
  const subsets = (p: string) => {
    const free = judges.filter((j) => !conflicts.has(conflictKey(j, p)));
    const out: string[][] = [];
    const rec = (start: number, acc: string[]) => {
      if (acc.length === k) return void out.push([...acc]);
      for (let i = start; i < free.length; i++) rec(i + 1, [...acc, free[i]]);
    };
    rec(0, []);
    return out;
  };
  const options = projects.map(subsets);
  const loads = new Map(judges.map((j) => [j, 0]));
  const rec = (i: number): boolean => {
    if (i === projects.length) {
      const l = [...loads.values()];
      return Math.max(...l) - Math.min(...l) <= 1;
    }
    for (const choice of options[i]) {
      choice.forEach((j) => loads.set(j, loads.get(j)! + 1));
      if (rec(i + 1)) return true;
      choice.forEach((j) => loads.set(j, loads.get(j)! - 1));
    }
    return false;
  };
  return rec(0);
}

describe('sameUnit', () => {
  it('matches the affiliation to the organisation trimmed and case-insensitively', () => {
    expect(sameUnit('  Huawei Shenzhen ', 'huawei shenzhen')).toBe(true);
    expect(sameUnit('江阴高新区科技局', '江阴高新区科技局')).toBe(true);
    expect(sameUnit('南京大学', '东南大学')).toBe(false);
    expect(sameUnit(null, 'x')).toBe(false);
    expect(sameUnit('  ', '  ')).toBe(false);
  });
});

describe('ownProject and structuralConflict', () => {
  const project = {
    ownerId: 'owner-1',
    ownerEmail: 'Li.Na@Example.cn',
    teamEmails: [undefined, ' chen.gang@example.cn ', null],
    organisationName: '深圳智感科技有限公司',
  };
  const judge = (id: string, email: string, affiliation: string | null = null) => ({
    id,
    email,
    affiliation,
  });

  it('makes the owner a conflict, by id or by email in any case', () => {
    expect(ownProject(judge('owner-1', 'other@example.cn'), project)).toBe(true);
    expect(ownProject(judge('j1', ' li.na@example.CN'), project)).toBe(true);
  });

  it('makes every team member with an email a conflict', () => {
    expect(ownProject(judge('j2', 'CHEN.GANG@example.cn'), project)).toBe(true);
    expect(ownProject(judge('j3', 'zhao.min@example.cn'), project)).toBe(false);
    expect(ownProject(judge('j4', ''), { ...project, teamEmails: [''] })).toBe(false);
  });

  it('names the reason, own project first, then same unit', () => {
    expect(structuralConflict(judge('owner-1', 'x@y.cn', '深圳智感科技有限公司'), project)).toBe(
      'OWN_PROJECT',
    );
    expect(structuralConflict(judge('j5', 'x@y.cn', ' 深圳智感科技有限公司 '), project)).toBe(
      'SAME_UNIT',
    );
    expect(structuralConflict(judge('j6', 'x@y.cn', '南京大学'), project)).toBeNull();
  });
});
