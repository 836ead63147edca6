// Human-facing times in a competition's own time zone. Stored times are
// instants (timestamptz) and the API answers ISO 8601; only what a person
// reads (mails, exports, messages) is rendered here, in the zone the
// competition runs in, with the zone named so nobody has to guess.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type HumanLocale = 'zh' | 'en';

// Zones that Chinese readers know as 北京时间 (China has one civil time).
const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'PRC']);

// An IANA Area/Location name such as "Europe/Berlin", or "UTC". Intl knows the
// database; the pattern keeps out offsets ("+08:00") and abbreviations ("CST",
// which ICU quietly maps to America/Chicago, not to China) and the deprecated
// one-word links ("PRC"), so a stored zone always says where it is.
const IANA_SHAPE = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+)$/i;

// The canonical spelling of an IANA zone name, or null when it is not one.
export function canonicalTimeZone(name: string): string | null {
  if (typeof name !== 'string' || !IANA_SHAPE.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isValidTimeZone = (name: string): boolean => canonicalTimeZone(name) !== null;

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  offsetMinutes: number; // east of UTC, e.g. 480 for Beijing
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

// The wall-clock reading of an instant in a zone, and the zone's offset then.
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const get = (type: Intl.DateTimeFormatPartTypes, parts: Intl.DateTimeFormatPart[]) =>
    Number(parts.find((p) => p.type === type)?.value);
  const parts = partsFormatter(timeZone).formatToParts(at);
  const wall = {
    year: get('year', parts),
    month: get('month', parts),
    day: get('day', parts),
    hour: get('hour', parts),
    minute: get('minute', parts),
    second: get('second', parts),
  };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
  return { ...wall, offsetMinutes };
}

const pad = (n: number) => String(n).padStart(2, '0');

// "+08:00", "-03:30", "+00:00".
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export const humanLocale = (locale: string | null | undefined): HumanLocale =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh';

const toDate = (at: Date | string) => (at instanceof Date ? at : new Date(at));

// What a reader sees: "2026年12月1日 18:00（北京时间）" or
// "1 Dec 2026, 18:00 (UTC+08:00)". Outside China the Chinese form names the
// UTC offset too: "2026年3月29日 03:00（UTC+02:00）".
export function formatHumanTime(
  at: Date | string,
  timeZone: string | null | undefined,
  locale: string | null | undefined,
): string {
  const zone = canonicalTimeZone(timeZone ?? '') ?? DEFAULT_TIME_ZONE;
  const p = zonedParts(toDate(at), zone);
  const clock = `${pad(p.hour)}:${pad(p.minute)}`;
  const offset = `UTC${formatOffset(p.offsetMinutes)}`;
  if (humanLocale(locale) === 'en') {
    return `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}, ${clock} (${offset})`;
  }
  const zoneName = BEIJING_ZONES.has(zone) ? '北京时间' : offset;
  return `${p.year}年${p.month}月${p.day}日 ${clock}（${zoneName}）`;
}

// For spreadsheet cells: "2026-12-01 18:00:00", the wall clock in the zone,
// which sorts and which Excel reads as a date-time; the header names the zone.
export function formatZonedCell(at: Date | string | null | undefined, timeZone: string): string {
  if (at == null) return '';
  const p = zonedParts(toDate(at), canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

// The calendar day an instant falls on in the zone, "2026-12-02": what
// "today" means to a competition (a deadline date, a founding date), which
// between midnight and 08:00 in Beijing is not UTC's day.
export function dateInZone(at: Date | string, timeZone: string | null | undefined): string {
  const p = zonedParts(toDate(at), canonicalTimeZone(timeZone ?? '') ?? DEFAULT_TIME_ZONE);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

// ISO 8601 with the zone's offset instead of "Z": "2026-12-01T18:00:00+08:00".
export function isoInZone(at: Date | string, timeZone: string): string {
  const zone = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE;
  const p = zonedParts(toDate(at), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(p.offsetMinutes)}`;
}

// How the zone reads in a column header or note: "北京时间" / "UTC+08:00";
// the offset is the one at `at` (DST zones change it).
export function zoneLabel(timeZone: string, locale: string | null | undefined, at = new Date()) {
  const zone = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE;
  if (humanLocale(locale) === 'zh' && BEIJING_ZONES.has(zone)) return '北京时间';
  return `${zone}, UTC${formatOffset(zonedParts(at, zone).offsetMinutes)}`;
}

// The end of the day an instant falls on, in a zone: the next midnight there
// (a judge's day pass ends then). A zone whose clocks jump over midnight
// ends the day at the first instant of the next day's wall clock.
export function endOfDayInZone(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const nextMidnightWall = Date.UTC(p.year, p.month - 1, p.day + 1, 0, 0, 0);
  // First guess with the offset now, then with the offset at the guess (DST).
  let guess = nextMidnightWall - p.offsetMinutes * 60000;
  for (let i = 0; i < 2; i++) {
    const offset = zonedParts(new Date(guess), timeZone).offsetMinutes;
    guess = nextMidnightWall - offset * 60000;
  }
  // A wall midnight skipped by a jump: the first instant of the next day.
  while (zonedParts(new Date(guess), timeZone).day === p.day && guess <= at.getTime() + 48 * 3600e3)
    guess += 60000;
  return new Date(guess);
}
