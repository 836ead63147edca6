import { ClaimedEvent, OutboxRelay, PublishFn, RelayStore } from './outbox-relay';
import { bullConnectionFromUrl } from './redis';

// The relay's own decisions (routing, job ids, what gets marked) are checked
// here; its SQL and BullMQ wiring are exercised by the end-to-end tests.
function harness(events: ClaimedEvent[], publish?: PublishFn) {
  const published: { queue: string; jobIds: string[] }[] = [];
  const marked: string[][] = [];
  const store: RelayStore = {
    claim: async () => events,
    markPublished: async (ids) => {
      marked.push(ids);
    },
  };
  const warnings: object[] = [];
  const relay = new OutboxRelay(
    store,
    publish ??
      (async (queue, jobs) => {
        published.push({ queue, jobIds: jobs.map((j) => j.jobId) });
      }),
    { warn: (o) => warnings.push(o) },
    { batchSize: 10, leaseMs: 1000 },
  );
  return { relay, published, marked, warnings };
}

describe('OutboxRelay', () => {
  it('publishes each event to its consumers with a job id derived from the event id', async () => {
    const h = harness([{ id: 'e1', type: 'registration.project-submitted' }]);
    expect(await h.relay.relayOnce()).toBe(1);
    expect(h.published).toEqual([{ queue: 'notifications', jobIds: ['evt_e1'] }]);
    expect(h.marked).toEqual([['e1']]);
  });

  it('leaves unknown event types unpublished and says so', async () => {
    const h = harness([{ id: 'e2', type: 'no.such-event' }]);
    expect(await h.relay.relayOnce()).toBe(0);
    expect(h.marked).toEqual([]);
    expect(h.warnings).toHaveLength(1);
  });

  it('marks nothing when publishing fails, so the lease expires and the rows are retried', async () => {
    const h = harness([{ id: 'e3', type: 'identity.user-signed-up' }], async () => {
      throw new Error('redis down');
    });
    await expect(h.relay.relayOnce()).rejects.toThrow('redis down');
    expect(h.marked).toEqual([]);
  });
});

describe('bullConnectionFromUrl', () => {
  it('parses host, port, credentials and db, and never limits retries', () => {
    expect(bullConnectionFromUrl('redis://u:p%40ss@10.0.0.1:6380/2')).toMatchObject({
      host: '10.0.0.1',
      port: 6380,
      username: 'u',
      password: 'p@ss',
      db: 2,
      maxRetriesPerRequest: null,
    });
    expect(bullConnectionFromUrl('rediss://cache:6379').tls).toEqual({});
  });
});
