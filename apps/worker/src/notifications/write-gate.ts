// Closed while any holder cannot write to the database; `open()` resolves at
// once when nobody holds it, else when the last holder releases it.
export class WriteGate {
  private holders = 0;
  private reopened?: Promise<void>;
  private resolve?: () => void;

  close(): void {
    if (this.holders++ === 0) this.reopened = new Promise<void>((r) => (this.resolve = r));
  }

  release(): void {
    if (this.holders === 0) return;
    if (--this.holders === 0) {
      this.resolve?.();
      this.reopened = this.resolve = undefined;
    }
  }

  get isClosed(): boolean {
    return this.holders > 0;
  }

  async open(): Promise<void> {
    while (this.reopened) await this.reopened;
  }
}
