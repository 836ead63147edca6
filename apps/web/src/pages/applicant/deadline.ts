/**
 * A time as the competition's clock shows it: "2026-12-25 06:45 (Asia/Shanghai)".
 * Numeric and unambiguous in both languages, with the zone named.
 */
export function formatInZone(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${timeZone})`;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
