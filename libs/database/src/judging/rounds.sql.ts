import { Tx } from '../outbox.writer';
import { planAssignmentMails } from './assignments.sql';
import { recordChange } from './change-protocol';

// The round aggregate: its row lock, open and close.

// Score writers lock the round's row FOR KEY SHARE (shared among writers,
// and what their foreign key to rounds takes anyway); closing locks it FOR
// UPDATE, which waits out the writers in flight and makes later ones see
// CLOSED, so no score slips in while a round closes. Ranking recomputes take
// neither: they read a snapshot and never stall a score write.
export async function lockRoundShared(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM rounds WHERE id = ${roundId}::uuid FOR KEY SHARE`;
}

export async function lockRoundExclusive(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
}

// The round's status read under its shared lock: a close cannot slip between
// this read and the caller's change.
export async function lockedRoundStatus(tx: Tx, roundId: string) {
  await lockRoundShared(tx, roundId);
  const { status } = await tx.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { status: true },
  });
  return status;
}

// DRAFT → OPEN, planning the judges' assignment mails (one per judge, with
// the link to their list); false when the round was not DRAFT. `at` is the
// opening time (the scheduler's tick, or now).
export async function openRound(
  tx: Tx,
  roundId: string,
  timeZone: string,
  at = new Date(),
): Promise<boolean> {
  await lockRoundExclusive(tx, roundId);
  const opened = await tx.round.updateManyAndReturn({
    where: { id: roundId, status: 'DRAFT' },
    data: { status: 'OPEN', openedAt: at },
  });
  if (opened.length !== 1) return false;
  await planAssignmentMails(tx, opened[0], timeZone);
  return true;
}

// OPEN → CLOSED with its event; false when the round was not OPEN.
export async function closeRound(tx: Tx, roundId: string): Promise<boolean> {
  await lockRoundExclusive(tx, roundId);
  const closed = await tx.round.updateMany({
    where: { id: roundId, status: 'OPEN' },
    data: { status: 'CLOSED', closedAt: new Date() },
  });
  if (closed.count !== 1) return false;
  await recordChange(tx, 'judging.round-closed', roundId);
  return true;
}
