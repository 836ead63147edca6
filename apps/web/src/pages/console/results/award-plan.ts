import type { Award, AwardTier, BoundaryTie } from './types';

// The arithmetic the console needs to show what an order of tied projects
// would give them; the server plans the awards (libs/domain decisions/awards.ts)
// and its answer to the assignment is what is recorded.

/** The tier of each place, best first: 一等奖 ×1, 二等奖 ×2 → [一等奖, 二等奖, 二等奖]. */
export const slotsOf = (tiers: AwardTier[]): string[] =>
  tiers.flatMap((t) => Array<string>(t.count).fill(t.name));

/** A tie's order as the organiser settles it, with the reason. */
export interface TieChoice {
  order: string[];
  reason: string;
}

/**
 * What each tied project gets in this order: the group holds consecutive
 * places in the standings (the preview lists it there), taken in turn.
 */
export function tieOutcome(
  tie: BoundaryTie,
  order: string[],
  rows: { projectId: string }[],
  slots: string[],
): { projectId: string; tier: string | null }[] {
  const start = rows.findIndex((r) => tie.projectIds.includes(r.projectId));
  return order.map((projectId, j) => ({ projectId, tier: slots[start + j] ?? null }));
}

/**
 * The order and reason the awards already assigned gave a tie, so a
 * correction starts from the decision in force (better tier first, the
 * unawarded last); null when no assigned award carries its reason.
 */
export function choiceInForce(
  tie: BoundaryTie,
  assigned: Award[],
  tiers: AwardTier[],
): TieChoice | null {
  const byId = new Map(assigned.map((a) => [a.projectId, a]));
  const reason = tie.projectIds.map((id) => byId.get(id)?.reason).find((r) => !!r);
  if (!reason) return null;
  const rank = (id: string) => {
    const tier = byId.get(id)?.tier;
    const i = tiers.findIndex((t) => t.name === tier);
    return i < 0 ? tiers.length : i;
  };
  return { order: [...tie.projectIds].sort((a, b) => rank(a) - rank(b)), reason };
}

/** Moves the item at `from` one place up (-1) or down (+1). */
export function move<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** A tie's identity across refetches: its projects, whatever their order. */
export const tieKey = (tie: BoundaryTie): string => [...tie.projectIds].sort().join();
