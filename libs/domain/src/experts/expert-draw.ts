import { drawPitchOrder } from '../judging/pitch-order';

// The recorded random draw of a round's experts (随机抽取): a pure function of
// the candidates, the rules and a seed, so that anyone holding the stored
// record can recompute it (docs/expert-draw.md). The shuffle is the pitch
// order's (ids sorted as text, Fisher–Yates driven by sfc32(cyrb128(seed))).

export const EXPERT_FIELDS = ['TECHNOLOGY', 'INVESTMENT', 'INDUSTRY', 'FINANCE'] as const;
export type ExpertField = (typeof EXPERT_FIELDS)[number];

export const EXCLUSION_REASONS = [
  'UNAVAILABLE',
  'AT_CAPACITY',
  'NO_ACCOUNT',
  'NO_REQUESTED_FIELD',
  'SAME_UNIT',
  'SAME_REGION',
  'DECLARED_CONFLICT',
  'JUDGED_EARLIER',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface DrawCandidate {
  id: string;
  unit: string | null;
  region: string | null;
  fields: readonly string[];
  available: boolean;
  /**
   * Projects per round at most (null or absent: no limit stated). Records
   * drawn before capacity counted have none.
   */
  capacity?: number | null;
  /** False when the expert has no judge account to accept with. */
  hasAccount: boolean;
  conflictUnits: readonly string[];
  conflictPeople: readonly string[];
  /** Projects the expert judged in earlier rounds of the competition. */
  judgedProjectIds: readonly string[];
}

export interface DrawRoundContext {
  projects: readonly {
    id: string;
    unit: string | null;
    people: readonly string[];
    /** The province (省) of the project's unit, when its registration states one. */
    province?: string | null;
  }[];
  /**
   * The heat's region (省/赛区): the same-region rule's province for a project
   * whose unit states none.
   */
  region: string | null;
}

export interface DrawRules {
  mix: Partial<Record<ExpertField, number>>;
  reserves: number;
  organiserUnit: string | null;
  /** Share of the panel that must come from outside the organiser's unit (0..1). */
  minOutsideShare: number;
  recuseSameRegion: boolean;
  recuseJudgedEarlier: boolean;
  /**
   * Projects each panel member will judge in the round, for the capacity
   * filter; null or absent: every project of the round.
   */
  projectsPerExpert?: number | null;
}

export interface DrawnExpert {
  id: string;
  field: ExpertField;
  /** Index in the shuffled order of eligible candidates. */
  position: number;
  insider: boolean;
}

export interface ExpertDrawResult {
  excluded: { id: string; reasons: ExclusionReason[] }[];
  /** The eligible candidates' ids in drawn order. */
  order: string[];
  drawn: DrawnExpert[];
  reserves: { id: string; position: number; insider: boolean }[];
  /** Passed over because the panel's insiders were already at the cap. */
  passedOver: string[];
  /** What the eligible pool could not fill, per field (empty when filled). */
  shortfall: Partial<Record<ExpertField, number>>;
  insiderCap: number;
}

/** Unit, region and people compare after NFKC, lower case, no spaces. */
export const normaliseExpertName = (s: string | null | undefined): string =>
  (s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * Provinces compare as names do, without the administrative suffix
 * (广东省 = 广东, 北京市 = 北京, 广西壮族自治区 = 广西).
 */
export const normaliseProvince = (s: string | null | undefined): string => {
  const n = normaliseExpertName(s);
  const special = /^(内蒙古|广西|西藏|宁夏|新疆|香港|澳门)/.exec(n);
  if (special) return special[1];
  return n.replace(/(省|市|自治区|特别行政区|province|city)$/u, '') || n;
};

/** The projects each panel member judges in the round (the capacity filter's load). */
export const expertLoad = (round: DrawRoundContext, rules: DrawRules): number =>
  rules.projectsPerExpert ?? round.projects.length;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function requestedTotal(mix: DrawRules['mix']): number {
  return EXPERT_FIELDS.reduce((s, f) => s + (mix[f] ?? 0), 0);
}

/** Why a candidate may not sit on this round's panel (all reasons, in a fixed order). */
export function exclusionReasons(
  c: DrawCandidate,
  round: DrawRoundContext,
  rules: DrawRules,
): ExclusionReason[] {
  const units = new Set(round.projects.map((p) => normaliseExpertName(p.unit)).filter(Boolean));
  const people = new Set(
    round.projects.flatMap((p) => p.people.map(normaliseExpertName)).filter(Boolean),
  );
  const projectIds = new Set(round.projects.map((p) => p.id));
  const requested = EXPERT_FIELDS.filter((f) => (rules.mix[f] ?? 0) > 0);
  const reasons: ExclusionReason[] = [];
  if (!c.available) reasons.push('UNAVAILABLE');
  if (c.capacity !== null && c.capacity !== undefined && c.capacity < expertLoad(round, rules))
    reasons.push('AT_CAPACITY');
  if (!c.hasAccount) reasons.push('NO_ACCOUNT');
  if (!requested.some((f) => c.fields.includes(f))) reasons.push('NO_REQUESTED_FIELD');
  if (normaliseExpertName(c.unit) && units.has(normaliseExpertName(c.unit)))
    reasons.push('SAME_UNIT');
  // Same province: the expert's against each project's unit's province (the
  // heat's region standing in for a unit that states none).
  const provinces = new Set(
    round.projects.map((p) => normaliseProvince(p.province || round.region)).filter(Boolean),
  );
  if (round.projects.length === 0 && normaliseProvince(round.region))
    provinces.add(normaliseProvince(round.region));
  if (
    rules.recuseSameRegion &&
    normaliseProvince(c.region) &&
    provinces.has(normaliseProvince(c.region))
  )
    reasons.push('SAME_REGION');
  if (
    c.conflictUnits.some((u) => units.has(normaliseExpertName(u))) ||
    c.conflictPeople.some((p) => people.has(normaliseExpertName(p)))
  )
    reasons.push('DECLARED_CONFLICT');
  if (rules.recuseJudgedEarlier && c.judgedProjectIds.some((id) => projectIds.has(id)))
    reasons.push('JUDGED_EARLIER');
  return reasons;
}

/**
 * The draw:
 * 1. every candidate with an exclusion reason is excluded (recorded with its reasons);
 * 2. the eligible ids are shuffled by the seed (drawPitchOrder);
 * 3. walking that order, a candidate fills the first field (in EXPERT_FIELDS
 *    order) it has that still needs experts; an insider (same unit as the
 *    organiser) is passed over once the panel holds `insiderCap` insiders,
 *    insiderCap = total − ceil(minOutsideShare · total);
 * 4. the reserves are the first `reserves` candidates of the order not drawn
 *    that have a requested field (passed-over insiders included).
 */
export function drawExperts(
  candidates: readonly DrawCandidate[],
  round: DrawRoundContext,
  rules: DrawRules,
  seed: string,
): ExpertDrawResult {
  const sorted = [...candidates].sort((a, b) => byText(a.id, b.id));
  const byId = new Map(sorted.map((c) => [c.id, c]));
  const excluded: ExpertDrawResult['excluded'] = [];
  const eligible: string[] = [];
  for (const c of sorted) {
    const reasons = exclusionReasons(c, round, rules);
    if (reasons.length) excluded.push({ id: c.id, reasons });
    else eligible.push(c.id);
  }
  const order = drawPitchOrder(eligible, seed);
  const total = requestedTotal(rules.mix);
  const share = Math.min(1, Math.max(0, rules.minOutsideShare));
  const insiderCap = total - Math.ceil(Number((share * total).toFixed(9)));
  const organiser = normaliseExpertName(rules.organiserUnit);
  const isInsider = (id: string) =>
    organiser !== '' && normaliseExpertName(byId.get(id)!.unit) === organiser;
  const need = new Map(EXPERT_FIELDS.map((f) => [f, rules.mix[f] ?? 0]));
  const drawn: DrawnExpert[] = [];
  const passedOver: string[] = [];
  let insiders = 0;
  for (let i = 0; i < order.length && drawn.length < total; i++) {
    const c = byId.get(order[i])!;
    const field = EXPERT_FIELDS.find((f) => need.get(f)! > 0 && c.fields.includes(f));
    if (!field) continue;
    const insider = isInsider(c.id);
    if (insider && insiders >= insiderCap) {
      passedOver.push(c.id);
      continue;
    }
    if (insider) insiders++;
    need.set(field, need.get(field)! - 1);
    drawn.push({ id: c.id, field, position: i, insider });
  }
  const requested = EXPERT_FIELDS.filter((f) => (rules.mix[f] ?? 0) > 0);
  const taken = new Set(drawn.map((d) => d.id));
  const reserves: ExpertDrawResult['reserves'] = [];
  for (let i = 0; i < order.length && reserves.length < rules.reserves; i++) {
    const c = byId.get(order[i])!;
    if (taken.has(c.id)) continue;
    if (!requested.some((f) => c.fields.includes(f))) continue;
    reserves.push({ id: c.id, position: i, insider: isInsider(c.id) });
  }
  const shortfall: ExpertDrawResult['shortfall'] = {};
  for (const f of EXPERT_FIELDS) if (need.get(f)! > 0) shortfall[f] = need.get(f)!;
  return { excluded, order, drawn, reserves, passedOver, shortfall, insiderCap };
}

/**
 * The reserve that replaces a declined expert: the first unused reserve (in
 * drawn order) that has the declined expert's field and keeps the panel's
 * insiders within the cap; null when none does.
 */
export function nextReserve(input: {
  field: ExpertField;
  reserves: readonly { id: string; insider: boolean }[];
  used: ReadonlySet<string>;
  candidateFields: ReadonlyMap<string, readonly string[]>;
  /** Insiders on the panel once the declined expert has left it. */
  insidersOnPanel: number;
  insiderCap: number;
}): string | null {
  for (const r of input.reserves) {
    if (input.used.has(r.id)) continue;
    if (!(input.candidateFields.get(r.id) ?? []).includes(input.field)) continue;
    if (r.insider && input.insidersOnPanel >= input.insiderCap) continue;
    return r.id;
  }
  return null;
}
