import { randomUUID } from 'node:crypto';
import { PgService } from '@app/database';
import type { Actor } from '@app/domain';
import { messageIdFor } from '@app/mail';
import { SmtpRecorder } from '@app/testing';
import { MailSenderService } from '../../apps/worker/src/notifications/mail-sender.service';
import { waitFor } from '../support/stack';
import { CompetitionsModule } from '../../apps/api/src/modules/competitions/competitions.module';
import { NotificationsModule } from '../../apps/api/src/modules/notifications/notifications.module';
import { TestWorld, providerOf, quietLogger, sleep } from './support/harness';

interface MailActions {
  cancel(actor: Actor, id: string): Promise<{ status: string }>;
}
const ADMIN: Actor = { id: randomUUID(), roles: ['ADMIN'] };

// The mail lease (MailSenderService): a notification row is claimed (lease,
// attempts + 1) before SMTP is spoken to and marked after; a claim of a row
// whose lease ran out without an outcome counts a send in doubt.

const FROM = 'Integration <noreply@int.test>';

let world: TestWorld;
// Each SMTP recorder started once, with its port.
const recorders = new Map<SmtpRecorder, Promise<number>>();

interface Deliverer {
  sender: MailSenderService;
  pg: PgService;
}

// One worker's sender: its own pool, its own SMTP connections.
async function deliverer(smtp: SmtpRecorder, env: Record<string, string> = {}): Promise<Deliverer> {
  const port = await recorders.get(smtp)!;
  const config = world.config({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: FROM, ...env });
  const pg = world.pg();
  await world.connected();
  return { sender: new MailSenderService(pg, config, quietLogger()), pg };
}

// A delivery's answer or its error, handled from the start (a delivery of a
// "dead" worker fails once its pool is gone, before the test looks at it).
function settled<T>(p: Promise<T>): Promise<T | { error: unknown }> {
  return p.catch((error: unknown) => ({ error }));
}

function recorder(): SmtpRecorder {
  const r = new SmtpRecorder();
  recorders.set(r, r.start());
  return r;
}

async function pendingMails(count: number): Promise<string[]> {
  const eventId = randomUUID();
  const ids = Array.from({ length: count }, () => randomUUID());
  await world.sql(
    `INSERT INTO notifications (id, event_id, type, recipient, locale, subject, body, message_id)
     SELECT id, $2, 'judging.judges-assigned', 'judge-' || ord || '@int.test', 'zh-CN',
            '评审任务', '您好，您有新的评审任务。', '<' || id || '@int.test>'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [ids, eventId],
  );
  return ids;
}

async function row(id: string) {
  const [r] = await world.sql<{
    status: string;
    attempts: number;
    sends_in_doubt: number;
    last_error: string | null;
  }>(`SELECT status, attempts, sends_in_doubt, last_error FROM notifications WHERE id = $1`, [id]);
  return r;
}

beforeAll(async () => {
  world = await TestWorld.create();
});
afterAll(async () => {
  await world?.close();
  for (const r of recorders.keys()) await r.stop();
});

describe('two deliverers racing on one notification', () => {
  it('exactly one claims and sends each mail', async () => {
    const smtp = recorder();
    const a = await deliverer(smtp);
    const b = await deliverer(smtp);
    const ids = await pendingMails(40);
    // Both workers got the same job (a redelivery, a reconciler's re-add).
    const results = await Promise.all(
      ids.flatMap((id) => [a.sender.deliver(id), b.sender.deliver(id)]),
    );
    expect(results).toHaveLength(80);
    const rows = await world.sql<{ status: string; attempts: number; sends_in_doubt: number }>(
      `SELECT status, attempts, sends_in_doubt FROM notifications WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(
      rows.every((r) => r.status === 'SENT' && r.attempts === 1 && r.sends_in_doubt === 0),
    ).toBe(true);
    await waitFor('all 40 mails at the server', () => smtp.mails.length >= 40);
    await sleep(200);
    expect(smtp.mails).toHaveLength(40);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(40);
    a.sender.close();
    b.sender.close();
  });

  it('the second deliverer backs off while the first holds the lease', async () => {
    const smtp = recorder();
    const a = await deliverer(smtp);
    const b = await deliverer(smtp);
    const [id] = await pendingMails(1);
    const release = smtp.hold();
    const first = settled(a.sender.deliver(id));
    await waitFor('the first send to reach the server', () => smtp.held === 1, 10000, 10);
    const second = await b.sender.deliver(id);
    expect(second.kind).toBe('later');
    expect((await row(id)).attempts).toBe(1);
    release();
    expect(await first).toEqual({ kind: 'done' });
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 1, sends_in_doubt: 0 });
    expect(smtp.mails).toHaveLength(1);
    a.sender.close();
    b.sender.close();
  });
});

describe('a lease that runs out', () => {
  it('is re-claimed after the deliverer died, counting a send in doubt', async () => {
    const stalled = recorder();
    const healthy = recorder();
    const a = await deliverer(stalled, { MAIL_LEASE_MS: '400' });
    const b = await deliverer(healthy, { MAIL_LEASE_MS: '400' });
    const [id] = await pendingMails(1);
    const release = stalled.hold();
    const first = settled(a.sender.deliver(id));
    await waitFor('the first send to reach the server', () => stalled.held === 1, 10000, 10);
    // The first worker dies mid-send: no more database, no more SMTP.
    a.sender.close();
    await a.pg.pool.end();
    // Still leased: the second leaves it.
    expect((await b.sender.deliver(id)).kind).toBe('later');
    await sleep(500);
    expect(await b.sender.deliver(id)).toEqual({ kind: 'done' });
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, sends_in_doubt: 1 });
    expect(healthy.mails).toHaveLength(1);
    // The same Message-ID the first attempt used, so the receiver can tell.
    expect(healthy.mails[0].messageId).toBe(`<${id}@int.test>`);
    release();
    await first;
    b.sender.close();
    expect(messageIdFor(id, FROM)).toBe(`<${id}@int.test>`);
  });

  it('gives up once MAIL_MAX_SENDS_IN_DOUBT sends were never confirmed', async () => {
    const stalled = recorder();
    const a = await deliverer(stalled, { MAIL_LEASE_MS: '300' });
    const b = await deliverer(recorder(), { MAIL_LEASE_MS: '300', MAIL_MAX_SENDS_IN_DOUBT: '1' });
    const [id] = await pendingMails(1);
    const release = stalled.hold();
    const first = settled(a.sender.deliver(id));
    await waitFor('the first send to reach the server', () => stalled.held === 1, 10000, 10);
    a.sender.close();
    await a.pg.pool.end();
    await sleep(400);
    expect(await b.sender.deliver(id)).toEqual({ kind: 'done' });
    const r = await row(id);
    expect(r).toMatchObject({ status: 'FAILED', attempts: 2, sends_in_doubt: 1 });
    expect(r.last_error).toMatch(/^in doubt:/);
    release();
    await first;
    b.sender.close();
  });

  it('a stalled deliverer that comes back after its lease was taken over changes nothing', async () => {
    // The first deliverer is slow, not dead: its lease lapses (its renewals
    // did not get through), the second claims and sends the mail, and then
    // the first hears back from its SMTP server.
    // Before the fix the late 451 put the SENT row back to PENDING.
    const stalled = recorder();
    const healthy = recorder();
    const a = await deliverer(stalled, { MAIL_LEASE_MS: '300' });
    const b = await deliverer(healthy, { MAIL_LEASE_MS: '300' });
    try {
      const [id] = await pendingMails(1);
      const release = stalled.hold();
      const first = settled(a.sender.deliver(id));
      await waitFor('the first send to reach the server', () => stalled.held === 1, 10000, 10);
      await sleep(400);
      expect(await b.sender.deliver(id)).toEqual({ kind: 'done' });
      expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, sends_in_doubt: 1 });
      // The first one's server now answers 451 (try later).
      stalled.rejectWith = { code: 451, message: 'try again later' };
      release();
      expect(await first).toMatchObject({ kind: 'later' });
      // The mail stays SENT: the stale deliverer's outcome is not written over
      // it (else it is PENDING again and goes out a third time).
      expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
      expect(healthy.mails).toHaveLength(1);
    } finally {
      a.sender.close();
      b.sender.close();
    }
  });

  it('a stalled deliverer does not undo a cancel made after its lease ran out', async () => {
    const stalled = recorder();
    const a = await deliverer(stalled, { MAIL_LEASE_MS: '300' });
    // The organiser's cancel (the api's notifications module), connected
    // beforehand: it must land after the lease lapsed and before the stalled
    // delivery's next renewal (every second).
    const prisma = world.prisma();
    const Actions = providerOf<MailActions>(NotificationsModule, 'NotificationActionsService');
    const Competitions = providerOf<object>(CompetitionsModule, 'CompetitionsService');
    const actions = new Actions(prisma, new Competitions(prisma));
    await world.connected();
    try {
      const [id] = await pendingMails(1);
      const release = stalled.hold();
      const first = settled(a.sender.deliver(id));
      await waitFor('the first send to reach the server', () => stalled.held === 1, 10000, 10);
      await sleep(400);
      expect((await actions.cancel(ADMIN, id)).status).toBe('CANCELLED');
      stalled.rejectWith = { code: 451, message: 'try again later' };
      release();
      await first;
      expect((await row(id)).status).toBe('CANCELLED');
    } finally {
      a.sender.close();
    }
  });
});
