import { ALL_QUEUES, EVENT_CONSUMERS, eventJobId, isEventName, jobOptionsFor } from './index';

describe('event catalog', () => {
  it('routes every event to at least one known queue', () => {
    for (const [name, queues] of Object.entries(EVENT_CONSUMERS)) {
      expect(queues.length).toBeGreaterThan(0);
      for (const q of queues) expect(ALL_QUEUES).toContain(q);
      expect(isEventName(name)).toBe(true);
    }
    expect(isEventName('nope')).toBe(false);
  });

  it('derives job ids from event ids and has a retry policy per queue', () => {
    expect(eventJobId('0b6f')).toBe('evt_0b6f');
    for (const q of ALL_QUEUES) expect(jobOptionsFor(q).attempts).toBeGreaterThan(1);
  });
});
