import { ApiError } from '../../api/errors';

/** A refusal in the reader's words: a key under `reasons` and its values. */
export interface Reason {
  key: string;
  vars?: Record<string, string | number>;
}

// The API writes its refusals in English (they name the rule for the log and
// the developer); the console turns the ones an organiser meets on these pages
// into a sentence of its own. A message not listed here is shown as written.
const MESSAGES: [RegExp, (m: RegExpExecArray) => Reason][] = [
  [/not in the last stage/, () => ({ key: 'notFinalStage' })],
  [/set the award tiers first/, () => ({ key: 'noTiers' })],
  [/every round of the final must be closed/, () => ({ key: 'finalNotClosed' })],
  [
    /ties at a tier boundary need the organiser's decision: (.*?); send tieBreaks/,
    (m) => ({ key: 'boundaryTie', vars: { ties: m[1] } }),
  ],
  [/duplicate tier (.+)/, (m) => ({ key: 'duplicateTier', vars: { name: m[1] } })],
  [/tier (.+): count must be/, (m) => ({ key: 'tierCountRule', vars: { name: m[1] } })],
  [/give at least one award tier/, () => ({ key: 'noTier' })],
  [/tieBreaks: .* is not in the final's standings/, () => ({ key: 'tieUnknown' })],
  [/tieBreaks: .* appears twice/, () => ({ key: 'tieTwice' })],
  [/award tiers but no awards yet/, () => ({ key: 'awardsBeforeRelease' })],
  [/has no results yet/, () => ({ key: 'noResultsYet' })],
  [/already set its password/, () => ({ key: 'passwordAlreadySet' })],
  [/account is disabled/, () => ({ key: 'accountDisabled' })],
  [/retry in (\d+) s/, (m) => ({ key: 'tooMany', vars: { seconds: Number(m[1]) } })],
];

// Field names of a 400's details, as the award and invitation routes name them.
const FIELDS: [RegExp, (m: RegExpExecArray) => Reason][] = [
  [/^tiers\.(\d+)\.name$/, (m) => ({ key: 'tierNameField', vars: { n: Number(m[1]) + 1 } })],
  [/^tiers\.(\d+)\.count$/, (m) => ({ key: 'tierCountField', vars: { n: Number(m[1]) + 1 } })],
  [/^tiers(\.\d+)?$/, () => ({ key: 'tiersField' })],
  [
    /^tieBreaks\.(\d+)\.(reason|projectIds)$/,
    (m) => ({ key: 'tieReasonField', vars: { n: Number(m[1]) + 1 } }),
  ],
];

function match(rules: typeof MESSAGES, text: string): Reason | null {
  for (const [pattern, reason] of rules) {
    const m = pattern.exec(text);
    if (m) return reason(m);
  }
  return null;
}

/**
 * The reasons the console can say in its own words, or [] when it cannot
 * (then the server's message is shown). `notFound` names what a 404 hides.
 */
export function explain(error: unknown, notFound?: string): Reason[] {
  if (!(error instanceof ApiError) || error.status === 0) return [];
  // A rule's own message first (a 409/422 names it); then a 400's fields.
  const reason = match(MESSAGES, error.message);
  if (reason) return [reason];
  const fields = error.details
    .map((d) => match(FIELDS, d.field))
    .filter((r): r is Reason => r !== null);
  if (fields.length) return fields;
  if (error.status === 404 && notFound) return [{ key: notFound }];
  return [];
}
