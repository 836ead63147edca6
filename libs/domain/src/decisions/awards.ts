import { DomainError } from '../domain-error';
import { NO_AWARD_TIER } from '../errors/error-codes';

// Award tiers of the final (一等奖 ×1, 二等奖 ×2, 三等奖 ×3, 优秀奖 ×5), assigned
// down the final's standings. A tie that straddles a tier boundary (two
// projects on the same reported score but one slot left) is never broken
// silently: the organiser orders the tied projects explicitly, with a reason.

export interface AwardTierSpec {
  name: string;
  count: number;
}

export interface AwardStanding {
  projectId: string;
  score: number; // the reported (rounded) standings score
}

export interface TieBreak {
  // The tied projects, best first, as the organiser settled them.
  projectIds: string[];
  reason: string;
}

export interface BoundaryTie {
  score: number;
  projectIds: string[];
  // The tiers the tied group spans (the upper one cannot hold all of them).
  tiers: string[];
}

export interface AwardDecision {
  projectId: string;
  score: number;
  tier: string | null;
  // The tie-break's reason when one placed this project.
  reason: string | null;
}

export interface AwardPlan {
  awards: AwardDecision[];
  // Unresolved ties at a tier boundary; while any remain the plan cannot be applied.
  ties: BoundaryTie[];
}

export function validateAwardTiers(tiers: AwardTierSpec[]): void {
  if (!tiers.length)
    throw DomainError.of('AWARD_TIERS_EMPTY', 'give at least one award tier', [
      { field: 'tiers', code: 'AWARD_TIERS_EMPTY', message: 'empty' },
    ]);
  const names = tiers.map((t) => t.name.trim());
  const dupe = names.find((n, i) => names.indexOf(n) !== i);
  if (dupe)
    throw DomainError.of('AWARD_TIER_DUPLICATE', { tier: dupe }, `duplicate tier ${dupe}`, [
      {
        field: 'tiers',
        code: 'AWARD_TIER_DUPLICATE',
        message: `duplicate name ${dupe}`,
        params: { tier: dupe },
      },
    ]);
  tiers.forEach((t, i) => {
    if (!Number.isInteger(t.count) || t.count < 1)
      throw DomainError.of(
        'AWARD_TIER_COUNT',
        { tier: t.name },
        `tier ${t.name}: count must be a whole number ≥ 1`,
        [
          {
            field: `tiers.${i}.count`,
            code: 'AWARD_TIER_COUNT',
            message: 'must be ≥ 1',
            params: { tier: t.name },
          },
        ],
      );
  });
}

export function planAwards(
  standings: AwardStanding[],
  tiers: AwardTierSpec[],
  tieBreaks: TieBreak[] = [],
): AwardPlan {
  validateAwardTiers(tiers);
  const known = new Set(standings.map((s) => s.projectId));
  const breakOf = new Map<string, { position: number; reason: string; group: string[] }>();
  tieBreaks.forEach((tb, i) => {
    for (const [position, id] of tb.projectIds.entries()) {
      if (!known.has(id))
        throw DomainError.of(
          'TIE_BREAK_NOT_IN_STANDINGS',
          { position: i + 1 },
          `tieBreaks: ${id} is not in the final's standings`,
          [
            {
              field: `tieBreaks.${i}.projectIds`,
              code: 'TIE_BREAK_NOT_IN_STANDINGS',
              message: 'not in the standings',
              params: { position: i + 1 },
            },
          ],
        );
      if (breakOf.has(id))
        throw DomainError.of(
          'TIE_BREAK_DUPLICATE',
          { position: i + 1 },
          `tieBreaks: ${id} appears twice`,
          [
            {
              field: `tieBreaks.${i}.projectIds`,
              code: 'TIE_BREAK_DUPLICATE',
              message: 'duplicate',
              params: { position: i + 1 },
            },
          ],
        );
      breakOf.set(id, { position, reason: tb.reason, group: tb.projectIds });
    }
  });

  // Groups of equal reported score, best first; inside a group by projectId
  // until a tie-break orders it.
  const sorted = [...standings].sort(
    (a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1),
  );
  const groups: AwardStanding[][] = [];
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    if (last && last[0].score === s.score) last.push(s);
    else groups.push([s]);
  }

  const slots: string[] = tiers.flatMap((t) => Array<string>(t.count).fill(t.name));
  const awards: AwardDecision[] = [];
  const ties: BoundaryTie[] = [];
  let next = 0;
  for (const group of groups) {
    const spanned = [
      ...new Set(
        slots
          .slice(next, next + group.length)
          .concat(next + group.length > slots.length && next < slots.length ? [''] : []),
      ),
    ];
    const straddles = spanned.length > 1;
    let members = group;
    let reasons = new Map<string, string>();
    if (straddles) {
      const ids = group.map((g) => g.projectId);
      const settled =
        ids.every((id) => breakOf.has(id)) &&
        ids.every(
          (id) =>
            breakOf.get(id)!.group.length === ids.length &&
            breakOf.get(id)!.group.every((x) => ids.includes(x)),
        );
      if (!settled) {
        ties.push({
          score: group[0].score,
          projectIds: ids,
          tiers: spanned.map((t) => t || NO_AWARD_TIER),
        });
      } else {
        members = [...group].sort(
          (a, b) => breakOf.get(a.projectId)!.position - breakOf.get(b.projectId)!.position,
        );
        reasons = new Map(ids.map((id) => [id, breakOf.get(id)!.reason]));
      }
    }
    for (const m of members) {
      awards.push({
        projectId: m.projectId,
        score: m.score,
        tier: straddles && !reasons.size ? null : (slots[next] ?? null),
        reason: reasons.get(m.projectId) ?? null,
      });
      next++;
    }
  }
  return { awards, ties };
}
