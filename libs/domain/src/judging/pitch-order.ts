import { DomainError } from '../domain-error';
import type { RoundStatus } from './round-lifecycle';

/**
 * The one draw by lot (抽签) of the platform, reproducible by anyone from its
 * seed (docs/verifiable-draws.md, scripts/verify-draw.js): the candidates'
 * ids deduplicated and sorted as text (UTF-16 code units, JavaScript's default
 * sort), then a Fisher–Yates shuffle driven by sfc32 seeded with
 * cyrb128(seed). Both are short public-domain algorithms, so an auditor can
 * recompute an order from the published seed in any language. Every seeded
 * draw (the pitch order, an expert draw) calls this with its own candidates:
 * the first k of the result are "the k drawn".
 */
export function drawByLot(candidateIds: readonly string[], seed: string): string[] {
  if (!seed) throw DomainError.of('PITCH_SEED_EMPTY', 'a draw seed must not be empty');
  const order = [...new Set(candidateIds)].sort();
  const random = sfc32(...cyrb128(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The pitch order drawn by lot: `drawByLot` over the round's project ids. */
export function drawPitchOrder(projectIds: readonly string[], seed: string): string[] {
  return drawByLot(projectIds, seed);
}

/** 128 bits of a string's hash, as four 32-bit seeds (cyrb128). */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Small Fast Counter PRNG: uniform floats in [0, 1). */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export const PitchRules = {
  /** A draw needs an unclosed round with projects; a redraw also needs a reason. */
  assertMayDraw(
    status: RoundStatus,
    projectCount: number,
    alreadyDrawn: boolean,
    reason?: string,
  ): void {
    if (status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'round is CLOSED; its pitch order can no longer change');
    if (projectCount === 0)
      throw DomainError.of(
        'ROUND_HAS_NO_PROJECTS',
        'the round has no projects yet: assign judges to projects first',
      );
    if (alreadyDrawn && !reason?.trim())
      throw DomainError.of(
        'REDRAW_REASON_REQUIRED',
        'the pitch order is drawn already; a redraw needs a reason',
        [
          {
            field: 'reason',
            code: 'FIELD_REQUIRED',
            message: 'required to redraw the pitch order',
          },
        ],
      );
  },

  /** Only an OPEN round has a stage, and only its own projects step onto it. */
  assertMayPitch(status: RoundStatus, isRoundProject: boolean): void {
    if (status !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status },
        `round is ${status}; projects pitch only while it is OPEN`,
      );
    if (!isRoundProject)
      throw DomainError.of('PROJECT_NOT_IN_ROUND', 'this project is not in the round', [
        {
          field: 'projectId',
          code: 'PROJECT_NOT_IN_ROUND',
          message: 'not a project of this round',
        },
      ]);
  },
};
