import { createHash } from 'node:crypto';
import type { Round } from '@app/database';

const sha256 = (seed: string) => createHash('sha256').update(seed, 'utf8').digest('hex');

/**
 * A round row as the API shows it (RoundViewDto). The seed of the next
 * pitch-order draw is the server's secret until the draw reveals it
 * (commit-reveal: only its SHA-256 is public, here and at
 * /rounds/:id/pitch-order/commitment), so it never leaves in a round's answer.
 */
export function toRoundView<R extends Round>(
  row: R,
): Omit<R, 'pitchSeedNext' | 'pitchSeedNextAt'> & {
  pitchSeedHash: string | null;
  nextPitchSeedHash: string | null;
  nextPitchSeedCommittedAt: Date | null;
} {
  const { pitchSeedNext, pitchSeedNextAt, ...view } = row;
  return {
    ...view,
    pitchSeedHash: view.pitchSeed === null ? null : sha256(view.pitchSeed),
    nextPitchSeedHash: pitchSeedNext === null ? null : sha256(pitchSeedNext),
    nextPitchSeedCommittedAt: pitchSeedNext === null ? null : pitchSeedNextAt,
  };
}
