import { DomainError, fieldProblem } from '../domain-error';
import type { FieldProblem } from '../domain-error';

/**
 * A heat's advancement rule (docs/scoring.md, "Advancement rules"):
 * - `quotas`: places per bucket. A bucket names a group (组别, the project's
 *   `groupKey`), a track (`trackCode`), or both; a project belongs to the
 *   first bucket that matches it, and a project in no bucket gets no place by
 *   quota. No quotas: one bucket of every project with `count` places (the
 *   plain top N).
 * - `unitCap`: at most k places per unit (the project's organisation:
 *   university, company or incubator), counted over the whole heat.
 * - `wildcards`: places the organiser fills by choice (赛区推荐), each with a
 *   written reason.
 */
export interface AdvancementRule {
  count?: number | null;
  quotas?: AdvancementQuota[];
  unitCap?: number | null;
  wildcards?: number;
}

export interface AdvancementQuota {
  groupKey?: string | null;
  trackCode?: string | null;
  /**
   * Parallel rooms (分会场) of the heat's round, by name: the bucket holds the
   * projects that pitched in one of them. Never stored in a heat's rule: the
   * advancement builds these buckets from the round's room plan (per-room
   * quotas: a bucket per room; normalised: one bucket of every room).
   */
  rooms?: string[] | null;
  quota: number;
}

export interface RuleCandidate {
  projectId: string;
  score: number; // the reported (rounded) standings score
  groupKey: string | null;
  trackCode: string | null;
  unit: string; // the organisation's name as registered
  /** The parallel room it pitched in, when the heat's round has rooms. */
  room?: string | null;
}

export interface RuleRequest {
  wildcards?: { projectId: string; reason: string }[];
  exclude?: { projectId: string; reason: string }[];
}

/** Which rule placed or stopped a project. */
export type AdvancementBasis =
  /** Placed by its bucket's quota: rank within the bucket. */
  | { code: 'QUOTA'; bucket: number; rank: number; quota: number }
  /** At the cut-off score of its bucket (or of its unit's cap) with another: advances, to be settled. */
  | {
      code: 'TIED_AT_CUTOFF';
      bucket: number;
      rank: number;
      quota: number;
      limit: 'QUOTA' | 'UNIT_CAP';
      cap: number | null;
    }
  /** Its bucket was full at its score. */
  | { code: 'QUOTA_FULL'; bucket: number; rank: number; quota: number }
  /** Its bucket had room but its unit had its cap of places already. */
  | { code: 'UNIT_CAP_FULL'; bucket: number; rank: number; cap: number; unit: string }
  /** It belongs to no bucket of the rule. */
  | { code: 'NO_QUOTA' }
  /** A wildcard place (赛区推荐), with the organiser's reason. */
  | { code: 'WILDCARD'; reason: string }
  /** Chosen as a wildcard, but its unit has its cap of places: stays out. */
  | { code: 'WILDCARD_BLOCKED'; reason: string; cap: number; unit: string }
  /** Excluded by the organiser, with the reason. */
  | { code: 'EXCLUDED'; reason: string };

export interface RuleDecision {
  projectId: string;
  score: number;
  result: 'ADVANCED' | 'ELIMINATED';
  basis: AdvancementBasis;
  /** The organiser's words for an override (exclusion, wildcard), else null. */
  reason: string | null;
  override: 'INCLUDED' | 'EXCLUDED' | null;
}

export interface RuleBucket {
  index: number;
  groupKey: string | null;
  trackCode: string | null;
  /** The rooms the bucket holds (分会场), else null. */
  rooms: string[] | null;
  quota: number;
  placed: number; // advanced by quota (ties included)
  cutoffScore: number | null;
}

export interface RulePlan {
  advanced: RuleDecision[];
  eliminated: RuleDecision[];
  buckets: RuleBucket[];
  /** Projects at a cut-off score with another (of a bucket or a unit's cap): all advance. */
  tiedAtCutoff: string[];
  /** The lowest cut-off score over the buckets (null when nobody was placed by quota). */
  cutoffScore: number | null;
  /** Wildcards refused by the unit cap: the decision is refused while there are any. */
  blockedWildcards: string[];
  /** Wildcards given to projects that advance by quota anyway (the place stays free). */
  unusedWildcards: string[];
}

const isWhole = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;
/** Units compare by name, ignoring surrounding and repeated white space. */
export const unitKey = (name: string) => name.trim().replace(/\s+/g, ' ');

export function validateAdvancementRule(rule: AdvancementRule): void {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) =>
    problems.push(fieldProblem(field, 'ADVANCE_RULE_INVALID', message));
  const quotas = rule.quotas ?? [];
  if (!quotas.length && rule.count != null && !isWhole(rule.count, 0))
    bad('count', 'a whole number ≥ 0');
  quotas.forEach((q, i) => {
    if (!isWhole(q.quota, 0)) bad(`quotas.${i}.quota`, 'a whole number ≥ 0');
    if (!q.groupKey && !q.trackCode && !q.rooms?.length)
      bad(`quotas.${i}`, 'name a group, a track or both');
  });
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    const key = `${q.groupKey ?? ''}|${q.trackCode ?? ''}|${(q.rooms ?? []).join('、')}`;
    if (seen.has(key)) bad(`quotas.${i}`, 'the same bucket twice');
    seen.add(key);
  });
  if (rule.unitCap != null && !isWhole(rule.unitCap, 1)) bad('unitCap', 'a whole number ≥ 1');
  if (rule.wildcards != null && !isWhole(rule.wildcards, 0)) bad('wildcards', 'a whole number ≥ 0');
  if (problems.length)
    throw DomainError.of('ADVANCE_RULE_INVALID', 'the advancement rule is not valid', problems);
}

const notInHeat = (field: 'include' | 'exclude' | 'wildcards', ids: string[]) =>
  DomainError.of(
    'ADVANCE_NOT_IN_HEAT',
    { field, count: ids.length },
    `${field}: not projects of this heat: ${ids.join(', ')}`,
    [
      {
        field,
        code: 'ADVANCE_NOT_IN_HEAT',
        message: 'not in this heat',
        params: { field, count: ids.length },
      },
    ],
  );

/**
 * Who advances under a rule. The order of work, which decides every
 * interaction (docs/scoring.md):
 * 1. Exclusions leave first (with their reasons); the rest move up.
 * 2. Quotas and the unit cap, by score level, highest first (ties by
 *    projectId only for listing). Every project of a level is judged against
 *    the places taken before the level: it advances when its bucket and its
 *    unit both have room; a bucket without room stops it (QUOTA_FULL), a unit
 *    at its cap stops it (UNIT_CAP_FULL) and the next one moves up. Projects
 *    of one level never stop each other, so ties at a cut-off all advance and
 *    may exceed the quota or the cap: they are listed in `tiedAtCutoff` (并列待定)
 *    for the organiser to settle (an exclusion with a reason).
 * 3. Wildcards (赛区推荐) last, in the order given, up to `wildcards`: a
 *    wildcard never displaces a quota place, and it counts towards its unit's
 *    cap like any place. A wildcard into a unit already at its cap is blocked
 *    (WILDCARD_BLOCKED, shown in the preview; the decision is refused until it
 *    is withdrawn or the cap changed). A wildcard on a project that advances
 *    by quota anyway is unused.
 */
export function planAdvancementByRule(
  candidates: readonly RuleCandidate[],
  rule: AdvancementRule,
  req: RuleRequest = {},
): RulePlan {
  validateAdvancementRule(rule);
  const inHeat = new Set(candidates.map((c) => c.projectId));
  const wildcards = req.wildcards ?? [];
  const exclude = req.exclude ?? [];
  for (const [field, ids] of [
    ['wildcards', wildcards.map((w) => w.projectId)],
    ['exclude', exclude.map((e) => e.projectId)],
  ] as const) {
    const unknown = ids.filter((id) => !inHeat.has(id));
    if (unknown.length) throw notInHeat(field, unknown);
  }
  const places = rule.wildcards ?? 0;
  if (wildcards.length > places)
    throw DomainError.of(
      'ADVANCE_TOO_MANY_WILDCARDS',
      { given: wildcards.length, places },
      `${wildcards.length} wildcards for ${places} places`,
      [
        fieldProblem('wildcards', 'ADVANCE_TOO_MANY_WILDCARDS', 'more than the places', {
          given: wildcards.length,
          places,
        }),
      ],
    );
  const reasonMissing = [...wildcards, ...exclude].findIndex((w) => !w.reason?.trim());
  if (reasonMissing >= 0) {
    const field =
      reasonMissing < wildcards.length
        ? `wildcards.${reasonMissing}.reason`
        : `exclude.${reasonMissing - wildcards.length}.reason`;
    throw DomainError.of('ADVANCE_RULE_INVALID', 'every override needs a reason', [
      fieldProblem(field, 'FIELD_REQUIRED', 'required'),
    ]);
  }
  const excluded = new Map(exclude.map((e) => [e.projectId, e.reason.trim()]));
  const both = wildcards.filter((w) => excluded.has(w.projectId));
  if (both.length)
    throw DomainError.of(
      'ADVANCE_BOTH_INCLUDED_EXCLUDED',
      { count: both.length },
      'both a wildcard and excluded',
      [
        fieldProblem('wildcards', 'ADVANCE_BOTH_INCLUDED_EXCLUDED', 'also excluded', {
          count: both.length,
        }),
      ],
    );
  const duplicated = new Set<string>();
  for (const w of wildcards) {
    if (duplicated.has(w.projectId))
      throw DomainError.of('ADVANCE_RULE_INVALID', 'a project is a wildcard twice', [
        fieldProblem('wildcards', 'ADVANCE_RULE_INVALID', 'the same project twice'),
      ]);
    duplicated.add(w.projectId);
  }

  const quotas = rule.quotas ?? [];
  const buckets: RuleBucket[] = (
    quotas.length ? quotas : [{ groupKey: null, trackCode: null, quota: rule.count ?? 0 }]
  ).map((q: AdvancementQuota, index) => ({
    index,
    groupKey: q.groupKey || null,
    trackCode: q.trackCode || null,
    rooms: q.rooms?.length ? [...q.rooms] : null,
    quota: q.quota,
    placed: 0,
    cutoffScore: null,
  }));
  const bucketOf = (c: RuleCandidate): RuleBucket | undefined =>
    buckets.find(
      (b) =>
        (b.groupKey === null || b.groupKey === c.groupKey) &&
        (b.trackCode === null || b.trackCode === c.trackCode) &&
        (b.rooms === null || (!!c.room && b.rooms.includes(c.room))),
    );
  const cap = rule.unitCap ?? null;
  const unitPlaced = new Map<string, number>();
  const placedIn = (unit: string) => unitPlaced.get(unitKey(unit)) ?? 0;

  const ordered = [...candidates].sort(
    (a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1),
  );
  const decisions = new Map<string, RuleDecision>();
  const decide = (
    c: RuleCandidate,
    result: RuleDecision['result'],
    basis: AdvancementBasis,
    reason: string | null = null,
    override: RuleDecision['override'] = null,
  ) =>
    decisions.set(c.projectId, {
      projectId: c.projectId,
      score: c.score,
      result,
      basis,
      reason,
      override,
    });

  // Rank within a bucket (competition ranking over its non-excluded projects).
  const rankIn = new Map<string, number>();
  for (const b of buckets) {
    const members = ordered.filter((c) => !excluded.has(c.projectId) && bucketOf(c) === b);
    members.forEach((c, i) => {
      const prev = members[i - 1];
      rankIn.set(c.projectId, prev && prev.score === c.score ? rankIn.get(prev.projectId)! : i + 1);
    });
  }

  const tied = new Set<string>();
  for (let i = 0; i < ordered.length;) {
    let j = i;
    while (j < ordered.length && ordered[j].score === ordered[i].score) j++;
    const level = ordered.slice(i, j);
    i = j;
    const admitted: { c: RuleCandidate; b: RuleBucket }[] = [];
    for (const c of level) {
      if (excluded.has(c.projectId)) {
        decide(
          c,
          'ELIMINATED',
          { code: 'EXCLUDED', reason: excluded.get(c.projectId)! },
          excluded.get(c.projectId),
          'EXCLUDED',
        );
        continue;
      }
      const b = bucketOf(c);
      if (!b) {
        decide(c, 'ELIMINATED', { code: 'NO_QUOTA' });
        continue;
      }
      const rank = rankIn.get(c.projectId)!;
      if (b.placed >= b.quota) {
        decide(c, 'ELIMINATED', { code: 'QUOTA_FULL', bucket: b.index, rank, quota: b.quota });
      } else if (cap !== null && placedIn(c.unit) >= cap) {
        decide(c, 'ELIMINATED', {
          code: 'UNIT_CAP_FULL',
          bucket: b.index,
          rank,
          cap,
          unit: c.unit,
        });
      } else admitted.push({ c, b });
    }
    // Ties: a bucket filled (or overfilled) at this level by two or more, or
    // a unit's cap reached (or passed) at this level by two or more.
    const perBucket = new Map<RuleBucket, number>();
    const perUnit = new Map<string, number>();
    for (const { c, b } of admitted) {
      perBucket.set(b, (perBucket.get(b) ?? 0) + 1);
      perUnit.set(unitKey(c.unit), (perUnit.get(unitKey(c.unit)) ?? 0) + 1);
    }
    for (const { c, b } of admitted) {
      const rank = rankIn.get(c.projectId)!;
      const inBucket = perBucket.get(b)!;
      const inUnit = perUnit.get(unitKey(c.unit))!;
      const quotaTie = inBucket > 1 && b.placed + inBucket >= b.quota;
      const capTie = cap !== null && inUnit > 1 && placedIn(c.unit) + inUnit > cap;
      if (quotaTie || capTie) {
        tied.add(c.projectId);
        decide(c, 'ADVANCED', {
          code: 'TIED_AT_CUTOFF',
          bucket: b.index,
          rank,
          quota: b.quota,
          limit: capTie ? 'UNIT_CAP' : 'QUOTA',
          cap,
        });
      } else decide(c, 'ADVANCED', { code: 'QUOTA', bucket: b.index, rank, quota: b.quota });
    }
    for (const [b, n] of perBucket) {
      b.placed += n;
      b.cutoffScore = level[0].score;
    }
    for (const [u, n] of perUnit) unitPlaced.set(u, (unitPlaced.get(u) ?? 0) + n);
  }

  const blockedWildcards: string[] = [];
  const unusedWildcards: string[] = [];
  const byId = new Map(candidates.map((c) => [c.projectId, c]));
  for (const w of wildcards) {
    const c = byId.get(w.projectId)!;
    const reason = w.reason.trim();
    if (decisions.get(c.projectId)?.result === 'ADVANCED') {
      unusedWildcards.push(c.projectId);
    } else if (cap !== null && placedIn(c.unit) >= cap) {
      blockedWildcards.push(c.projectId);
      decide(c, 'ELIMINATED', { code: 'WILDCARD_BLOCKED', reason, cap, unit: c.unit });
    } else {
      unitPlaced.set(unitKey(c.unit), placedIn(c.unit) + 1);
      decide(c, 'ADVANCED', { code: 'WILDCARD', reason }, reason, 'INCLUDED');
    }
  }

  const listed = ordered.map((c) => decisions.get(c.projectId)!);
  const cutoffs = buckets.flatMap((b) => (b.cutoffScore === null ? [] : [b.cutoffScore]));
  return {
    advanced: listed.filter((d) => d.result === 'ADVANCED'),
    eliminated: listed.filter((d) => d.result === 'ELIMINATED'),
    buckets,
    tiedAtCutoff: ordered.filter((c) => tied.has(c.projectId)).map((c) => c.projectId),
    cutoffScore: cutoffs.length ? Math.min(...cutoffs) : null,
    blockedWildcards,
    unusedWildcards,
  };
}
