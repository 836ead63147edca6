import { FlowNetwork } from './max-flow';

export interface AssignmentInput {
  projectIds: string[];
  judgeIds: string[];
  judgesPerProject: number;
  // `${judgeId}:${projectId}` pairs that must not meet.
  conflicts: Set<string>;
}

export type AssignmentResult =
  | {
      ok: true;
      assignments: { judgeId: string; projectId: string }[];
      loads: Record<string, number>;
    }
  | {
      ok: false;
      reason: string;
      /** The refusal's catalogue code and params (`projectId`: the caller names the project). */
      code:
        | 'ASSIGN_PER_PROJECT_INVALID'
        | 'ASSIGN_NO_PROJECTS'
        | 'ASSIGN_TOO_FEW_JUDGES'
        | 'ASSIGN_TOO_FEW_FREE_JUDGES'
        | 'ASSIGN_CONFLICTS_BLOCK';
      params?: { judgeCount?: number; perProject?: number; free?: number; projectId?: string };
    };

export const conflictKey = (judgeId: string, projectId: string) => `${judgeId}:${projectId}`;

// 同单位回避: a judge whose affiliation equals the project's organisation name
// (trimmed, case-insensitive) is in conflict without a declaration.
export const sameUnit = (
  affiliation: string | null | undefined,
  organisationName: string,
): boolean =>
  !!affiliation?.trim() &&
  affiliation.trim().toLowerCase() === organisationName.trim().toLowerCase();

const normalEmail = (e: string | null | undefined) => e?.trim().toLowerCase() || null;

export interface ConflictJudge {
  id: string;
  email: string;
  affiliation: string | null;
}

export interface ConflictProject {
  ownerId: string;
  ownerEmail: string | null;
  // The team members' emails as registered (any may be missing).
  teamEmails: (string | null | undefined)[];
  organisationName: string;
}

// A judge may not score its own project: the project's owner, and every team
// member by email, are in conflict by construction, declared or not.
export function ownProject(judge: ConflictJudge, project: ConflictProject): boolean {
  if (judge.id === project.ownerId) return true;
  const email = normalEmail(judge.email);
  if (!email) return false;
  return (
    normalEmail(project.ownerEmail) === email ||
    project.teamEmails.some((e) => normalEmail(e) === email)
  );
}

// Why a judge and a project must not meet without anyone declaring it, or null.
export function structuralConflict(
  judge: ConflictJudge,
  project: ConflictProject,
): 'OWN_PROJECT' | 'SAME_UNIT' | null {
  if (ownProject(judge, project)) return 'OWN_PROJECT';
  if (sameUnit(judge.affiliation, project.organisationName)) return 'SAME_UNIT';
  return null;
}

// Assigns every project to exactly `judgesPerProject` distinct judges with no
// conflicts and judge loads within one of each other (each floor(T/J) or
// ceil(T/J) for T = projects × judgesPerProject). That is a flow with lower
// bounds: source→project [k,k], project→judge [0,1] unless conflicted,
// judge→sink [floor, ceil]. It is solved exactly as a circulation, so it
// finds an assignment whenever one exists, and it is deterministic: inputs are
// sorted by id first, so the same sets give the same answer in any order.
export function assignJudges(input: AssignmentInput): AssignmentResult {
  const k = input.judgesPerProject;
  const projects = [...new Set(input.projectIds)].sort();
  const judges = [...new Set(input.judgeIds)].sort();
  if (!Number.isInteger(k) || k < 1)
    return {
      ok: false,
      code: 'ASSIGN_PER_PROJECT_INVALID',
      reason: 'judgesPerProject must be a positive integer',
    };
  if (projects.length === 0)
    return {
      ok: false,
      code: 'ASSIGN_NO_PROJECTS',
      reason: 'the heat has no ELIGIBLE project to assign',
    };
  if (judges.length < k) {
    return {
      ok: false,
      code: 'ASSIGN_TOO_FEW_JUDGES',
      params: { judgeCount: judges.length, perProject: k },
      reason: `the round has ${judges.length} judges; ${k} per project needs at least ${k}`,
    };
  }
  for (const p of projects) {
    const free = judges.filter((j) => !input.conflicts.has(conflictKey(j, p))).length;
    if (free < k)
      return {
        ok: false,
        code: 'ASSIGN_TOO_FEW_FREE_JUDGES',
        params: { projectId: p, free, perProject: k },
        reason: `project ${p} has only ${free} judges without a conflict; ${k} are needed`,
      };
  }

  const total = projects.length * k;
  const floor = Math.floor(total / judges.length);
  const ceil = Math.ceil(total / judges.length);
  const P = projects.length;
  const J = judges.length;
  const S = 0;
  const T = P + J + 1;
  const SS = T + 1;
  const TT = T + 2;
  const net = new FlowNetwork(T + 3);
  const excess = new Array<number>(T + 3).fill(0);
  const bounded = (u: number, v: number, lower: number, upper: number) => {
    const edge = upper - lower > 0 ? net.addEdge(u, v, upper - lower) : -1;
    excess[v] += lower;
    excess[u] -= lower;
    return edge;
  };

  projects.forEach((_, pi) => bounded(S, 1 + pi, k, k));
  const pairEdges: { edge: number; judgeId: string; projectId: string }[] = [];
  projects.forEach((p, pi) =>
    judges.forEach((j, ji) => {
      if (!input.conflicts.has(conflictKey(j, p)))
        pairEdges.push({ edge: bounded(1 + pi, 1 + P + ji, 0, 1), judgeId: j, projectId: p });
    }),
  );
  judges.forEach((_, ji) => bounded(1 + P + ji, T, floor, ceil));
  net.addEdge(T, S, Number.MAX_SAFE_INTEGER);

  let demand = 0;
  excess.forEach((x, node) => {
    if (x > 0) {
      net.addEdge(SS, node, x);
      demand += x;
    } else if (x < 0) net.addEdge(node, TT, -x);
  });
  if (net.maxFlow(SS, TT) !== demand) {
    return {
      ok: false,
      code: 'ASSIGN_CONFLICTS_BLOCK',
      params: { perProject: k },
      reason: `conflicts leave no way to give every project ${k} judges with loads of ${floor}${ceil !== floor ? ` to ${ceil}` : ''} projects per judge`,
    };
  }
  const assignments = pairEdges
    .filter((p) => net.residual(p.edge) === 0)
    .map(({ judgeId, projectId }) => ({ judgeId, projectId }));
  const loads: Record<string, number> = Object.fromEntries(judges.map((j) => [j, 0]));
  for (const a of assignments) loads[a.judgeId] += 1;
  return { ok: true, assignments, loads };
}
