import type { AppConfig } from '@app/config';

export interface RetentionRule {
  table: string;
  // The setting that gives this table's period, in days.
  days: keyof Pick<
    AppConfig,
    'RETENTION_NOTIFICATION_DAYS' | 'RETENTION_OUTBOX_DAYS' | 'RETENTION_INBOX_DAYS'
  >;
  // Deletes at most $2 rows older than $1 days; set-based, one statement.
  sql: string;
}

const olderThan = (column: string) => `${column} < now() - ($1::float8 * interval '1 day')`;

// In this order: mails first, so an event whose last unsent mail goes in a
// run can go in the same run.
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    // Finished mails only: PENDING ones are being sent, FAILED ones wait for
    // a person (re-send or leave). created_at bounds the scan on its index.
    table: 'notifications',
    days: 'RETENTION_NOTIFICATION_DAYS',
    sql: `DELETE FROM notifications WHERE id IN (
            SELECT id FROM notifications
             WHERE status IN ('SENT', 'CANCELLED') AND ${olderThan('created_at')}
               AND ${olderThan('COALESCE(sent_at, cancelled_at, created_at)')}
             LIMIT $2)`,
  },
  {
    // Published events whose consumers are done with them: a mail of the event
    // that is not SENT still needs it (delivery reads it, a re-send and its
    // permission check join it); an unpublished event was never delivered.
    table: 'outbox_events',
    days: 'RETENTION_OUTBOX_DAYS',
    sql: `DELETE FROM outbox_events WHERE id IN (
            SELECT o.id FROM outbox_events o
             WHERE o.published_at IS NOT NULL AND ${olderThan('o.published_at')}
               AND NOT EXISTS (SELECT 1 FROM notifications n
                                WHERE n.event_id = o.id AND n.status <> 'SENT')
             LIMIT $2)`,
  },
  {
    // The inbox: RETENTION_INBOX_DAYS is at least 8, beyond the reconciler's
    // 7-day look-back, so no event it still checks loses its record of delivery.
    table: 'processed_events',
    days: 'RETENTION_INBOX_DAYS',
    sql: `DELETE FROM processed_events WHERE (consumer, event_id) IN (
            SELECT consumer, event_id FROM processed_events
             WHERE ${olderThan('processed_at')}
             LIMIT $2)`,
  },
];
