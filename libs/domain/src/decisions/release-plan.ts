// Decisions (eligibility, heat results, awards) are recorded silently and
// reach applicants only through a release (HotCRP and pretalx work the same
// way). A release compares each decision as it stands with what its owner was
// last told and mails only the differences: a first decision, or a
// correction of one already released. Each owner gets one mail per release
// listing all of their changed projects; nothing changed, nothing mailed.

export interface DecisionState {
  decision: string;
  // What else the applicant is told and a correction must repeat: the reason
  // of a refusal, the tier of an award.
  detail: string | null;
}

export interface CurrentDecision {
  projectId: string;
  ownerId: string;
  state: DecisionState;
}

export type ReleaseItemKind = 'FIRST' | 'CORRECTION';

export interface ReleaseItem {
  projectId: string;
  kind: ReleaseItemKind;
  state: DecisionState;
  previous: DecisionState | null;
}

export interface OwnerRelease {
  ownerId: string;
  // One correction among the items makes the whole mail a correction notice.
  correction: boolean;
  items: ReleaseItem[];
}

export interface ReleasePlan {
  owners: OwnerRelease[];
  // Projects whose owner was already told exactly this.
  unchanged: string[];
}

export const sameDecision = (a: DecisionState, b: DecisionState): boolean =>
  a.decision === b.decision && (a.detail ?? null) === (b.detail ?? null);

export function planRelease(
  current: CurrentDecision[],
  released: ReadonlyMap<string, DecisionState>,
): ReleasePlan {
  const byOwner = new Map<string, OwnerRelease>();
  const unchanged: string[] = [];
  const ordered = [...current].sort((a, b) => (a.projectId < b.projectId ? -1 : 1));
  for (const d of ordered) {
    const previous = released.get(d.projectId) ?? null;
    if (previous && sameDecision(previous, d.state)) {
      unchanged.push(d.projectId);
      continue;
    }
    const owner = byOwner.get(d.ownerId) ?? { ownerId: d.ownerId, correction: false, items: [] };
    const kind: ReleaseItemKind = previous ? 'CORRECTION' : 'FIRST';
    owner.items.push({ projectId: d.projectId, kind, state: d.state, previous });
    owner.correction ||= kind === 'CORRECTION';
    byOwner.set(d.ownerId, owner);
  }
  const owners = [...byOwner.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
  return { owners, unchanged };
}

// The eligibility decision a project's status implies: projects that went on
// to judging were found eligible; drafts, pending and withdrawn projects have
// nothing to release. A refusal's reason is part of what is told.
export function eligibilityState(status: string, reason: string | null): DecisionState | null {
  if (status === 'INELIGIBLE') return { decision: 'INELIGIBLE', detail: reason };
  if (['ELIGIBLE', 'ADVANCED', 'ELIMINATED', 'AWARDED'].includes(status))
    return { decision: 'ELIGIBLE', detail: null };
  return null;
}
