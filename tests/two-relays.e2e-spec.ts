import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { uniqueEmail } from './support/scenario';
import { Stack, waitFor } from './support/stack';

const WRITERS = 8;
const PER_WRITER = 60;

// Two workers (two relays) while eight writers commit outbox events in
// interleaved transactions that commit out of order (a later row commits
// first, an earlier one after a pause): no "last id seen" can skip a row,
// every event is delivered, and no mail goes twice.
describe('two relays under interleaved commits', () => {
  const stack = new Stack({ workerProcesses: 2, env: { RELAY_INTERVAL_MS: '20' } });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('publishes every committed event once and sends every mail once', async () => {
    const emails: string[] = [];
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const db = new Client({ connectionString: stack.databaseUrl });
      await db.connect();
      try {
        for (let i = 0; i < PER_WRITER; i += 3) {
          await db.query('BEGIN');
          for (let k = 0; k < 3; k++) {
            const email = uniqueEmail(`relay${w}-${i + k}`);
            emails.push(email);
            await db.query(
              `INSERT INTO outbox_events (id, type, aggregate_id, payload) VALUES ($1, 'identity.user-signed-up', $2, $3::jsonb)`,
              [
                randomUUID(),
                randomUUID(),
                JSON.stringify({
                  user: { userId: randomUUID(), email, name: '李娜', locale: 'zh-CN' },
                }),
              ],
            );
            // Rows get created_at at insert time; holding the commit lets later rows commit first.
            await new Promise((r) => setTimeout(r, (w * 7 + i) % 13));
          }
          await db.query('COMMIT');
        }
      } finally {
        await db.end();
      }
    });
    await Promise.all(writers);
    await waitFor(
      'a mail to every recipient',
      () => emails.every((e) => stack.smtp.to(e).length >= 1),
      90000,
      200,
    );
    await stack.drained(60000);
    for (const e of emails) {
      const mails = stack.smtp.to(e);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    }
    expect(stack.smtp.mails.length).toBe(emails.length); // no repeats without a crash
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM notifications WHERE status = 'SENT'`,
    );
    expect(n).toBe(WRITERS * PER_WRITER);
    expect(stack.alive()).toEqual({ api: true, worker: true });
  });
});
