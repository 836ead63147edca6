// Parallel rooms (分会场): a round's projects pitch in several rooms at once,
// each with its own judges. Their results combine by a rule stated before the
// round opens:
//
// - QUOTA: the top k of each room advance (k per room), ranked by the room's
//   own scores (the round's method); nothing compares one room with another.
// - NORMALISED: every judge's totals are turned into z-scores over the
//   projects that judge scored (z = (x − mean) / standard deviation, the
//   population one; a judge whose totals are all equal gives each 0), a
//   project's normalised score is the mean of its judges' z-scores, and the
//   top N of the whole round advance. That only means something where rooms
//   share judges: the room–judge graph (rooms joined by a judge they share)
//   must be connected. Rooms with no judge in common form separate
//   components, and no formula compares them (FIELD.md, "The roadshow day"):
//   such a design is refused, naming the rooms.

export type RoomRuleKind = 'QUOTA' | 'NORMALISED';

export interface RoomPlan {
  name: string;
  judgeIds: string[];
  projectIds: string[];
  /** QUOTA: how many of the room's projects advance. */
  quota?: number | null;
}

/** The rooms grouped by the judges they share: each component a list of room names, in plan order. */
export function roomComponents(rooms: RoomPlan[]): string[][] {
  const parent = rooms.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const firstRoomOf = new Map<string, number>();
  rooms.forEach((room, i) => {
    for (const judge of room.judgeIds) {
      const seen = firstRoomOf.get(judge);
      if (seen === undefined) firstRoomOf.set(judge, i);
      else parent[find(i)] = find(seen);
    }
  });
  const groups = new Map<number, string[]>();
  rooms.forEach((room, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), room.name]);
  });
  return [...groups.values()];
}

export type RoomRuleProblem =
  | { code: 'ROOMS_NOT_COMPARABLE'; rooms: string; components: string[][] }
  | { code: 'ROOM_QUOTA_REQUIRED'; room: string }
  | { code: 'ROOM_PROJECT_TWICE'; projectId: string };

/** Whether the design supports the rule; the first problem found, else null. */
export function roomRuleProblem(kind: RoomRuleKind, rooms: RoomPlan[]): RoomRuleProblem | null {
  const seen = new Set<string>();
  for (const room of rooms)
    for (const p of room.projectIds) {
      if (seen.has(p)) return { code: 'ROOM_PROJECT_TWICE', projectId: p };
      seen.add(p);
    }
  if (kind === 'QUOTA') {
    const missing = rooms.find((r) => !Number.isInteger(r.quota) || (r.quota as number) < 1);
    return missing ? { code: 'ROOM_QUOTA_REQUIRED', room: missing.name } : null;
  }
  const components = roomComponents(rooms);
  if (components.length <= 1) return null;
  return {
    code: 'ROOMS_NOT_COMPARABLE',
    components,
    // "A、B | C": the rooms that share judges together, the groups apart.
    rooms: components.map((c) => c.join('、')).join(' | '),
  };
}

export interface JudgeTotal {
  judgeId: string;
  projectId: string;
  total: number;
}

/**
 * z-score per judge: each judge's totals over the projects it scored, minus
 * their mean, over their population standard deviation (0 when all equal);
 * a project's normalised score is the mean of its judges' z-scores. Answers
 * unrounded numbers (the caller rounds for display, never for ranking).
 */
export function normalisedScores(totals: JudgeTotal[]): Map<string, number> {
  const byJudge = new Map<string, JudgeTotal[]>();
  for (const t of totals) byJudge.set(t.judgeId, [...(byJudge.get(t.judgeId) ?? []), t]);
  const zs = new Map<string, number[]>();
  for (const list of byJudge.values()) {
    const mean = list.reduce((s, t) => s + t.total, 0) / list.length;
    const sd = Math.sqrt(list.reduce((s, t) => s + (t.total - mean) ** 2, 0) / list.length);
    for (const t of list) {
      const z = sd === 0 ? 0 : (t.total - mean) / sd;
      zs.set(t.projectId, [...(zs.get(t.projectId) ?? []), z]);
    }
  }
  return new Map([...zs].map(([p, list]) => [p, list.reduce((s, z) => s + z, 0) / list.length]));
}

export interface CombinedEntry {
  projectId: string;
  room: string;
  /** The room's own score (the round's method), if any judge submitted. */
  score: number | null;
  /** NORMALISED only: the mean z-score. */
  normalised: number | null;
  /** 1-based, within the room (QUOTA) or the whole round (NORMALISED); ties share. */
  rank: number | null;
  advances: boolean;
}

// Competition ranking (1, 1, 3) of values, higher first; null ranks last, unranked.
function ranks(values: (number | null)[]): (number | null)[] {
  return values.map((v) =>
    v === null ? null : 1 + values.filter((o) => o !== null && o > v).length,
  );
}

/**
 * Combines the rooms' results by the rule. `scores`: each project's score by
 * the round's method (absent: not scored yet); `totals`: every submitted
 * judge total (NORMALISED). Ties at the last place advance together (both
 * advance, as the rules say when nothing earlier breaks them).
 */
export function combineRooms(
  kind: RoomRuleKind,
  rooms: RoomPlan[],
  scores: Map<string, number>,
  totals: JudgeTotal[],
  advance?: number | null,
): CombinedEntry[] {
  if (kind === 'QUOTA')
    return rooms.flatMap((room) => {
      const values = room.projectIds.map((p) => scores.get(p) ?? null);
      const r = ranks(values);
      return room.projectIds.map((projectId, i) => ({
        projectId,
        room: room.name,
        score: values[i],
        normalised: null,
        rank: r[i],
        advances: r[i] !== null && r[i] <= (room.quota ?? 0),
      }));
    });
  const z = normalisedScores(totals);
  const all = rooms.flatMap((room) => room.projectIds.map((projectId) => ({ projectId, room })));
  const values = all.map((e) => z.get(e.projectId) ?? null);
  // Ranked on values rounded to 1e-9, so float noise cannot split a tie.
  const r = ranks(values.map((v) => (v === null ? null : Math.round(v * 1e9) / 1e9)));
  return all.map((e, i) => ({
    projectId: e.projectId,
    room: e.room.name,
    score: scores.get(e.projectId) ?? null,
    normalised: values[i],
    rank: r[i],
    advances: r[i] !== null && r[i] <= (advance ?? 0),
  }));
}

/** A room with the id it is stored under (room names need not be unique). */
export type StoredRoomPlan = RoomPlan & { id: string };

/**
 * What the heat's advancement ranks by when a round of the heat has rooms
 * (docs/roadshow-day.md, "Parallel rooms"): the buckets of the advancement
 * rule (`AdvancementQuota.rooms`, by room id) and each project's room and
 * score.
 * - QUOTA: a bucket per room with the room's quota; a project ranks by its
 *   score in the round (the round's method) within its room only.
 * - NORMALISED: one bucket of every room with `advance` places; a project
 *   ranks by its normalised score (rounded to 1e-9 as combineRooms ranks).
 * A project without a score (nobody submitted) is in no room's bucket.
 */
export function roomAdvancement(
  kind: RoomRuleKind,
  rooms: StoredRoomPlan[],
  entries: CombinedEntry[],
  advance?: number | null,
): {
  quotas: { rooms: string[]; quota: number }[];
  standings: Map<string, { roomId: string; score: number }>;
} {
  const roomOf = new Map(rooms.flatMap((r) => r.projectIds.map((p) => [p, r.id] as const)));
  const standings = new Map<string, { roomId: string; score: number }>();
  for (const e of entries) {
    const roomId = roomOf.get(e.projectId);
    const value = kind === 'QUOTA' ? e.score : e.normalised;
    if (roomId === undefined || value === null) continue;
    standings.set(e.projectId, {
      roomId,
      score: kind === 'QUOTA' ? value : Math.round(value * 1e9) / 1e9,
    });
  }
  const quotas =
    kind === 'QUOTA'
      ? rooms.map((r) => ({ rooms: [r.id], quota: r.quota ?? 0 }))
      : [{ rooms: rooms.map((r) => r.id), quota: advance ?? 0 }];
  return { quotas, standings };
}
