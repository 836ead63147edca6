import { DomainError } from '../domain-error';

export interface StandingEntry {
  projectId: string;
  score: number; // the reported (rounded) standings score
}

export interface AdvancementRequest {
  count: number;
  include?: string[];
  exclude?: { projectId: string; reason: string }[];
}

export type AdvancementResult = 'ADVANCED' | 'ELIMINATED';

export interface AdvancementDecision {
  projectId: string;
  result: AdvancementResult;
  score: number;
  // Why an override changed the standings' verdict (null when the standings decided).
  reason: string | null;
  override: 'INCLUDED' | 'EXCLUDED' | null;
}

export interface AdvancementPlan {
  advanced: AdvancementDecision[];
  eliminated: AdvancementDecision[];
  // Projects whose score equals the cut-off score: all of them advance, and
  // they are shown so the panel can settle the tie (加赛 / 陈述) if it wants.
  tiedAtCutoff: string[];
  cutoffScore: number | null;
}

// Top `count` of the standings advance; every project tied at the cut-off
// advances too; `exclude` removes projects (with a reason) before the cut is
// taken, so the next one moves up; `include` adds projects (e.g. the heat's
// own recommendation, 赛区推荐) on top. Projects absent from the standings
// score 0. Order of the result: by score, then projectId.
export function planAdvancement(
  standings: StandingEntry[],
  entrants: string[],
  req: AdvancementRequest,
  includeReason?: string,
): AdvancementPlan {
  if (!Number.isInteger(req.count) || req.count < 0)
    throw DomainError.of('ADVANCE_COUNT_INVALID', 'count must be a whole number ≥ 0', [
      { field: 'count', code: 'ADVANCE_COUNT_INVALID', message: 'invalid' },
    ]);
  const inHeat = new Set(entrants);
  for (const [field, ids] of [
    ['include', req.include ?? []],
    ['exclude', (req.exclude ?? []).map((e) => e.projectId)],
  ] as const) {
    const unknown = ids.filter((id) => !inHeat.has(id));
    if (unknown.length)
      throw DomainError.of(
        'ADVANCE_NOT_IN_HEAT',
        { field, count: unknown.length },
        `${field}: not projects of this heat: ${unknown.join(', ')}`,
        [
          {
            field,
            code: 'ADVANCE_NOT_IN_HEAT',
            message: 'not in this heat',
            params: { field, count: unknown.length },
          },
        ],
      );
  }
  const excluded = new Map((req.exclude ?? []).map((e) => [e.projectId, e.reason]));
  const included = new Set(req.include ?? []);
  const both = [...included].filter((id) => excluded.has(id));
  if (both.length)
    throw DomainError.of(
      'ADVANCE_BOTH_INCLUDED_EXCLUDED',
      { count: both.length },
      `both included and excluded: ${both.join(', ')}`,
      [
        {
          field: 'include',
          code: 'ADVANCE_BOTH_INCLUDED_EXCLUDED',
          message: 'also excluded',
          params: { count: both.length },
        },
      ],
    );

  const scoreOf = new Map(standings.map((s) => [s.projectId, s.score]));
  const ordered = entrants
    .map((projectId) => ({ projectId, score: scoreOf.get(projectId) ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1));
  const contenders = ordered.filter((e) => !excluded.has(e.projectId));
  const cutoffScore =
    req.count > 0 && contenders.length
      ? contenders[Math.min(req.count, contenders.length) - 1].score
      : null;
  const byStandings = new Set(
    cutoffScore === null
      ? []
      : contenders.filter((e) => e.score >= cutoffScore).map((e) => e.projectId),
  );
  const tiedAtCutoff =
    cutoffScore === null
      ? []
      : contenders.filter((e) => e.score === cutoffScore).map((e) => e.projectId);

  const advanced: AdvancementDecision[] = [];
  const eliminated: AdvancementDecision[] = [];
  for (const e of ordered) {
    if (excluded.has(e.projectId)) {
      eliminated.push({
        ...e,
        result: 'ELIMINATED',
        reason: excluded.get(e.projectId)!,
        override: 'EXCLUDED',
      });
    } else if (byStandings.has(e.projectId)) {
      advanced.push({ ...e, result: 'ADVANCED', reason: null, override: null });
    } else if (included.has(e.projectId)) {
      advanced.push({
        ...e,
        result: 'ADVANCED',
        reason: includeReason ?? 'included by the organisers',
        override: 'INCLUDED',
      });
    } else {
      eliminated.push({ ...e, result: 'ELIMINATED', reason: null, override: null });
    }
  }
  return {
    advanced,
    eliminated,
    tiedAtCutoff: tiedAtCutoff.length > 1 ? tiedAtCutoff : [],
    cutoffScore,
  };
}
