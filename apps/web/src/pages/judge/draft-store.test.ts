import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalDraft, draftStore } from './draft-store';

/**
 * The Web Storage interface over a Map, standing in for the phone's
 * localStorage (Node has none); `quota` makes setItem fail as a full
 * browser storage does.
 */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
}

const draft = (overrides: Partial<LocalDraft> = {}): LocalDraft => ({
  scores: { TECH: 8, MARKET: null },
  comment: '路演表现很好',
  unsynced: true,
  savedAt: 1_700_000_000_000,
  ...overrides,
});

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: Storage }).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

describe('draftStore', () => {
  it('gives back what was saved, unfilled criteria and Chinese text included', () => {
    draftStore.save('judge-1', 'round-1', 'project-1', draft());
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toEqual(draft());
  });

  it('has nothing for a project never saved', () => {
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toBeNull();
  });

  it('keeps one draft per judge, round and project', () => {
    draftStore.save('judge-1', 'round-1', 'project-1', draft({ comment: 'a' }));
    draftStore.save('judge-2', 'round-1', 'project-1', draft({ comment: 'b' }));
    draftStore.save('judge-1', 'round-2', 'project-1', draft({ comment: 'c' }));
    draftStore.save('judge-1', 'round-1', 'project-2', draft({ comment: 'd' }));
    expect(storage.length).toBe(4);
    expect(draftStore.load('judge-1', 'round-1', 'project-1')?.comment).toBe('a');
    expect(draftStore.load('judge-2', 'round-1', 'project-1')?.comment).toBe('b');
    expect(draftStore.load('judge-1', 'round-2', 'project-1')?.comment).toBe('c');
    expect(draftStore.load('judge-1', 'round-1', 'project-2')?.comment).toBe('d');
  });

  it('replaces a draft on save: the server confirming it clears the unsynced mark', () => {
    draftStore.save('judge-1', 'round-1', 'project-1', draft());
    draftStore.save('judge-1', 'round-1', 'project-1', draft({ unsynced: false }));
    expect(draftStore.load('judge-1', 'round-1', 'project-1')?.unsynced).toBe(false);
    expect(storage.length).toBe(1);
  });

  it('clears only the draft it is asked to', () => {
    draftStore.save('judge-1', 'round-1', 'project-1', draft());
    draftStore.save('judge-1', 'round-1', 'project-2', draft());
    draftStore.clear('judge-1', 'round-1', 'project-1');
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toBeNull();
    expect(draftStore.load('judge-1', 'round-1', 'project-2')).toEqual(draft());
  });

  it('reads a damaged entry as no draft rather than breaking the page', () => {
    draftStore.save('judge-1', 'round-1', 'project-1', draft());
    const [key] = storage.items.keys();
    storage.items.set(key, '{"scores": {"TECH": 8');
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toBeNull();
  });

  it('reads as no draft when the browser refuses storage (private mode)', () => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toBeNull();
  });

  it('lets a full storage refuse the save to the caller, keeping nothing half-written', () => {
    storage.quota = 10;
    expect(() => draftStore.save('judge-1', 'round-1', 'project-1', draft())).toThrow(/full/);
    expect(draftStore.load('judge-1', 'round-1', 'project-1')).toBeNull();
  });
});
