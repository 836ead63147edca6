// When a mail that failed temporarily is tried again: exponential from
// `baseMs`, capped at `maxMs` (minutes), so a long SMTP outage is retried every
// few minutes for as long as it lasts; the mail is never given up on.
export function nextMailAttemptDelay(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
