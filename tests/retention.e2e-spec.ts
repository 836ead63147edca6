import { randomUUID } from 'node:crypto';
import { Stack, waitFor } from './support/stack';

// The worker's retention job prunes old published events, inbox rows and
// finished mails, and keeps everything recent or still needed.
describe('retention of outbox, inbox and mail rows', () => {
  const stack = new Stack({ env: { RETENTION_INTERVAL_MS: '300' } });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000).toISOString();

  async function event(opts: { publishedDaysAgo: number | null; claimedUntil?: string }) {
    const id = randomUUID();
    const created = daysAgo(opts.publishedDaysAgo ?? 40);
    await stack.sql(
      `INSERT INTO outbox_events (id, type, aggregate_id, payload, created_at, published_at, claimed_until)
       VALUES ($1, 'identity.user-signed-up', $1, '{}'::jsonb, $2, $3, $4)`,
      [id, created, opts.publishedDaysAgo == null ? null : created, opts.claimedUntil ?? null],
    );
    return id;
  }

  async function mail(eventId: string, status: string, daysOld: number) {
    const id = randomUUID();
    const at = daysAgo(daysOld);
    await stack.sql(
      `INSERT INTO notifications (id, event_id, type, recipient, locale, subject, body, status,
                                  message_id, created_at, sent_at, cancelled_at, lease_until)
       VALUES ($1, $2, 'SIGNUP', $3, 'zh-CN', 's', 'b', $4::"NotificationStatus", $5, $6,
               CASE WHEN $4 = 'SENT' THEN $6::timestamptz END,
               CASE WHEN $4 = 'CANCELLED' THEN $6::timestamptz END,
               -- a PENDING row stays with "its sender" so the test's worker leaves it alone
               CASE WHEN $4 = 'PENDING' THEN now() + interval '1 hour' END)`,
      [id, eventId, `${id}@retention.test`, status, `<${id}@e2e.test>`, at],
    );
    return id;
  }

  async function inbox(eventId: string, daysOld: number) {
    await stack.sql(
      `INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ('notifications', $1, $2)`,
      [eventId, daysAgo(daysOld)],
    );
  }

  const exists = async (table: string, id: string, column = 'id') =>
    (await stack.sql(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [id])).length === 1;

  it('deletes what is past its period and keeps recent, unpublished and unfinished rows', async () => {
    // Gone: an old event and its inbox row; an old event whose only mails, SENT
    // and CANCELLED long ago, go in the same run.
    const oldEvent = await event({ publishedDaysAgo: 40 });
    await inbox(oldEvent, 40);
    const oldMailedEvent = await event({ publishedDaysAgo: 200 });
    const oldSent = await mail(oldMailedEvent, 'SENT', 200);
    const oldCancelled = await mail(oldMailedEvent, 'CANCELLED', 200);
    // Kept: recent rows; an unpublished event; events with a PENDING or FAILED mail.
    const recentEvent = await event({ publishedDaysAgo: 2 });
    await inbox(recentEvent, 2);
    const recentSent = await mail(recentEvent, 'SENT', 10);
    const unpublished = await event({
      publishedDaysAgo: null,
      claimedUntil: new Date(Date.now() + 3600 * 1000).toISOString(), // a relay holds it
    });
    const pendingEvent = await event({ publishedDaysAgo: 200 });
    const oldPending = await mail(pendingEvent, 'PENDING', 200);
    const failedEvent = await event({ publishedDaysAgo: 200 });
    const oldFailed = await mail(failedEvent, 'FAILED', 200);
    const audit = randomUUID();
    await stack.sql(
      `INSERT INTO audit_log (id, action, entity_type, entity_id, at) VALUES ($1, 'project.reviewed', 'project', $1, $2)`,
      [audit, daysAgo(3000)],
    );

    await waitFor('the retention job to prune', async () => {
      const gone = [];
      for (const [table, id, column] of [
        ['outbox_events', oldEvent],
        ['outbox_events', oldMailedEvent],
        ['notifications', oldSent],
        ['notifications', oldCancelled],
        ['processed_events', oldEvent, 'event_id'],
      ])
        gone.push(await exists(table, id, column));
      return gone.every((e) => !e);
    });

    for (const id of [recentEvent, unpublished, pendingEvent, failedEvent])
      expect(await exists('outbox_events', id)).toBe(true);
    for (const id of [recentSent, oldPending, oldFailed])
      expect(await exists('notifications', id)).toBe(true);
    expect(await exists('processed_events', recentEvent, 'event_id')).toBe(true);
    expect(await exists('audit_log', audit)).toBe(true);
  });
});
