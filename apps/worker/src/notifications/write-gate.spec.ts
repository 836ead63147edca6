import { WriteGate } from './write-gate';

describe('WriteGate', () => {
  it('is open until closed, and opens when the last holder releases it', async () => {
    const gate = new WriteGate();
    await gate.open();
    gate.close();
    gate.close();
    let passed = false;
    const waiting = gate.open().then(() => (passed = true));
    gate.release();
    await Promise.resolve();
    expect(passed).toBe(false);
    expect(gate.isClosed).toBe(true);
    gate.release();
    await waiting;
    expect(passed).toBe(true);
    expect(gate.isClosed).toBe(false);
  });

  it('ignores a release it was not closed for', async () => {
    const gate = new WriteGate();
    gate.release();
    gate.close();
    gate.release();
    await gate.open();
    expect(gate.isClosed).toBe(false);
  });
});
