import { receipts, releaseEvent } from './support/mail-events';
import { ADMIN, Stack, waitFor } from './support/stack';

// Deliveries in flight at once in one worker (SMTP_MAX_CONNECTIONS × 2).
const SLOTS = 8;

// The database refuses to record SENT (disk full: SQLSTATE 53100) while a
// release is being sent, as a trigger on the test's own database makes it.
describe('the SENT mark fails while a release is sent', () => {
  const stack = new Stack({
    env: {
      MAIL_LEASE_MS: '2000', // a mail sent but not marked would be re-claimed after this
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_AFTER_MS: '1500',
    },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('stops sending until the database takes writes again; then every mail is SENT, none twice', async () => {
    await stack.sql(`CREATE SEQUENCE sent_mark_refusals`);
    await stack.sql(`
      CREATE FUNCTION refuse_sent_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('sent_mark_refusals'); -- not rolled back: counts the refusals
        RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';
      END $$`);
    await stack.sql(`
      CREATE TRIGGER refuse_sent_mark BEFORE UPDATE ON notifications
      FOR EACH ROW WHEN (NEW.status = 'SENT') EXECUTE FUNCTION refuse_sent_mark()`);
    stack.smtp.delayMs = 20;
    const { recipients } = await releaseEvent(stack, 'diskfull', 40);

    const refusals = async () =>
      Number((await stack.sql(`SELECT last_value FROM sent_mark_refusals`))[0].last_value);
    // Long enough for the marks to be retried many times over.
    await waitFor('the SENT marks to be refused 30 times', async () => (await refusals()) >= 30);
    const sentDuringOutage = stack.smtp.mails.length;
    await stack.sql(`DROP TRIGGER refuse_sent_mark ON notifications`);
    await stack.drained();

    const got = receipts(stack, recipients);
    const repeats = got.reduce((sum, r) => sum + r.count - 1, 0);
    console.log(
      `SENT mark refused ${await refusals()} times: ${sentDuringOutage} of 40 mails sent while refused; after recovery ${stack.smtp.mails.length} received, ${repeats} repeated`,
    );
    // Only deliveries already in flight when the first mark failed went out.
    expect(sentDuringOutage).toBeLessThanOrEqual(SLOTS);
    expect(got.filter((r) => r.count !== 1)).toEqual([]);
    expect(
      await stack.sql(`SELECT status, count(*)::int AS n FROM notifications GROUP BY status`),
    ).toEqual([{ status: 'SENT', n: 40 }]);
    expect(stack.alive()).toEqual({ api: true, worker: true });
  });
});

// A server that accepts each message but answers the final "." late.
describe('an SMTP server whose final reply outlasts the reply timeout', () => {
  const stack = new Stack({
    env: {
      SMTP_TIMEOUT_MS: '2000',
      SMTP_REPLY_TIMEOUT_MS: '1000',
      MAIL_MAX_SENDS_IN_DOUBT: '3',
      MAIL_RETRY_BASE_MS: '100',
      MAIL_RETRY_MAX_MS: '400',
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_AFTER_MS: '1500',
    },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('sends each mail at most MAIL_MAX_SENDS_IN_DOUBT times with one Message-ID, then FAILED with an alert', async () => {
    stack.smtp.delayMs = 1500;
    const { recipients } = await releaseEvent(stack, 'slow', 5);
    const rows = () =>
      stack.sql(
        `SELECT id, status, last_error, sends_in_doubt, message_id FROM notifications ORDER BY recipient`,
      );
    // Counted, not only checked with every(): before the worker has planned
    // the mails there are no rows, and every() of none is true.
    await waitFor(
      'every mail given up on',
      async () => {
        const all = await rows();
        return all.length === recipients.length && all.every((r) => r.status === 'FAILED');
      },
      60000,
      200,
    );
    // The server keeps the last attempt's message 1.5 s after the client gave up.
    await waitFor('the last attempts to reach the server', () =>
      receipts(stack, recipients).every((r) => r.count >= 3),
    );
    const got = receipts(stack, recipients);
    console.log(
      `slow final reply: ${recipients.length} mails, received ${got.map((r) => r.count).join(', ')} times each`,
    );
    for (const r of got) {
      expect(r.count).toBe(3);
      expect(r.messageIds.size).toBe(1);
    }
    const failed = await rows();
    expect(failed).toHaveLength(recipients.length);
    for (const row of failed) {
      expect(row.status).toBe('FAILED');
      expect(row.sends_in_doubt).toBe(3);
      expect(row.last_error).toMatch(/^in doubt: sent 3 time\(s\)/);
      expect(got.find((r) => r.messageIds.has(row.message_id))).toBeDefined();
    }
    const health = await stack.get('/health');
    expect(health.body.alerts).toContainEqual(
      expect.stringMatching(/^5 mail\(s\).*never confirmed/),
    );

    // A person checks, then re-sends one: its count of sends in doubt starts afresh.
    stack.smtp.delayMs = 0;
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    expect((await stack.post(`/notifications/${failed[0].id}/resend`, {}, admin)).status).toBe(202);
    await waitFor(
      'the re-sent mail to be SENT',
      async () => (await rows())[0].status === 'SENT',
      30000,
      200,
    );
    expect((await rows())[0]).toMatchObject({ sends_in_doubt: 0, last_error: null });
    const resent = receipts(stack, recipients)[0];
    expect(resent).toMatchObject({ count: 4 });
    expect(resent.messageIds.size).toBe(1);
  });
});

describe('an SMTP server slower than the connect timeout but within the reply timeout', () => {
  const stack = new Stack({
    env: { SMTP_TIMEOUT_MS: '1000', SMTP_REPLY_TIMEOUT_MS: '20000' },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('waits for the final reply: each mail once, SENT', async () => {
    stack.smtp.delayMs = 1500;
    const { recipients } = await releaseEvent(stack, 'patient', 5);
    await stack.drained();
    const got = receipts(stack, recipients);
    console.log(
      `final reply after 1.5 s, connect timeout 1 s: received ${got.map((r) => r.count).join(', ')} times each`,
    );
    expect(got.map((r) => r.count)).toEqual([1, 1, 1, 1, 1]);
    expect(await stack.sql(`SELECT DISTINCT status, sends_in_doubt FROM notifications`)).toEqual([
      { status: 'SENT', sends_in_doubt: 0 },
    ]);
  });
});
