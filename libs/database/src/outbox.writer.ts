import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntityType } from '@app/domain';
import { DomainEvent, EventName, EventPayloads } from '@app/events';
import { Prisma } from './generated/prisma/client';

export type Tx = Prisma.TransactionClient;

// Writes a domain event in the caller's transaction: the event commits with the
// state change or not at all. The worker's relay publishes it afterwards.
export async function appendEvent<N extends EventName>(
  tx: Tx,
  type: N,
  aggregateId: string,
  payload: EventPayloads[N],
): Promise<DomainEvent<N>> {
  const id = randomUUID();
  const row = await tx.outboxEvent.create({
    data: { id, type, aggregateId, payload: payload as unknown as Prisma.InputJsonValue },
  });
  return { id, type, aggregateId, occurredAt: row.createdAt.toISOString(), payload };
}

export interface AuditRecord {
  competitionId: string | null;
  actorId: string | null;
  /** One of AUDIT_ACTIONS (libs/domain): the console has a label for each. */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

// Decisions that change someone's fate are audited in the same transaction.
export async function appendAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: { ...record, data: record.data as Prisma.InputJsonValue | undefined },
  });
}
