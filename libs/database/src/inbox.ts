import { Tx } from './outbox.writer';

// Records that `consumer` applied `eventId`, in the consumer's transaction.
// Returns false when it had already been recorded: the caller then does nothing.
export async function recordProcessed(tx: Tx, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO processed_events (consumer, event_id) VALUES (${consumer}, ${eventId}::uuid)
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}
