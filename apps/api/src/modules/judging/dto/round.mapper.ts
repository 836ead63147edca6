import type { Round } from '@app/database';

/**
 * A round row as the API shows it (RoundViewDto). The seed of the next
 * pitch-order draw is the server's secret until the draw reveals it
 * (commit-reveal: only its SHA-256 is public, at /rounds/:id/pitch-order/commitment),
 * so it never leaves in a round's answer.
 */
export function toRoundView<R extends Round>(row: R): Omit<R, 'pitchSeedNext' | 'pitchSeedNextAt'> {
  const { pitchSeedNext: _seed, pitchSeedNextAt: _committedAt, ...view } = row;
  return view;
}
