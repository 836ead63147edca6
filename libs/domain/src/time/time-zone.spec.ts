import {
  DEFAULT_TIME_ZONE,
  endOfDayInZone,
  canonicalTimeZone,
  dateInZone,
  formatHumanTime,
  formatOffset,
  formatZonedCell,
  isValidTimeZone,
  isoInZone,
  zoneLabel,
  zonedParts,
} from './time-zone';

describe('time zones', () => {
  it('accepts IANA names and canonicalises their spelling', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
  });

  it('refuses what is not a zone: unknown names, offsets, abbreviations, empty', () => {
    for (const bad of [
      'Mars/Olympus',
      '+08:00',
      'GMT+8:00',
      'CST',
      'PRC',
      '',
      ' Asia/Shanghai',
      'Asia/',
    ]) {
      expect(isValidTimeZone(bad)).toBe(false);
    }
  });

  it('renders Beijing time in Chinese and English, 8 hours from UTC', () => {
    const at = '2026-12-01T10:00:00Z';
    expect(formatHumanTime(at, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月1日 18:00（北京时间）');
    expect(formatHumanTime(at, 'Asia/Shanghai', 'en')).toBe('1 Dec 2026, 18:00 (UTC+08:00)');
  });

  it('crosses the date line of the zone, not of UTC', () => {
    expect(formatHumanTime('2026-04-30T16:30:00Z', 'Asia/Shanghai', 'zh')).toBe(
      '2026年5月1日 00:30（北京时间）',
    );
    expect(formatHumanTime('2026-12-31T23:59:00Z', 'Asia/Shanghai', 'en')).toBe(
      '1 Jan 2027, 07:59 (UTC+08:00)',
    );
  });

  it('follows daylight saving time in Europe/Berlin on both sides of the change', () => {
    // 2026-03-29 01:00 UTC: clocks go from 02:00 CET to 03:00 CEST.
    expect(formatHumanTime('2026-03-29T00:59:00Z', 'Europe/Berlin', 'en')).toBe(
      '29 Mar 2026, 01:59 (UTC+01:00)',
    );
    expect(formatHumanTime('2026-03-29T01:00:00Z', 'Europe/Berlin', 'en')).toBe(
      '29 Mar 2026, 03:00 (UTC+02:00)',
    );
    expect(formatHumanTime('2026-03-29T01:00:00Z', 'Europe/Berlin', 'zh')).toBe(
      '2026年3月29日 03:00（UTC+02:00）',
    );
    // 2026-10-25 01:00 UTC: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(formatHumanTime('2026-10-25T00:30:00Z', 'Europe/Berlin', 'en')).toBe(
      '25 Oct 2026, 02:30 (UTC+02:00)',
    );
    expect(formatHumanTime('2026-10-25T01:30:00Z', 'Europe/Berlin', 'en')).toBe(
      '25 Oct 2026, 02:30 (UTC+01:00)',
    );
  });

  it('handles negative and half-hour offsets', () => {
    expect(formatHumanTime('2026-01-15T12:00:00Z', 'America/New_York', 'en')).toBe(
      '15 Jan 2026, 07:00 (UTC-05:00)',
    );
    expect(formatHumanTime('2026-01-15T12:00:00Z', 'Asia/Kolkata', 'en')).toBe(
      '15 Jan 2026, 17:30 (UTC+05:30)',
    );
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(-210)).toBe('-03:30');
  });

  it('falls back to Beijing time for a missing or unknown zone', () => {
    expect(formatHumanTime('2026-12-01T10:00:00Z', null, 'zh')).toBe(
      '2026年12月1日 18:00（北京时间）',
    );
    expect(formatHumanTime('2026-12-01T10:00:00Z', 'Nowhere/Land', 'en')).toBe(
      '1 Dec 2026, 18:00 (UTC+08:00)',
    );
  });

  it('reads the wall clock with seconds and never prints hour 24', () => {
    expect(zonedParts(new Date('2026-06-01T16:00:05Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 6,
      day: 2,
      hour: 0,
      minute: 0,
      second: 5,
      offsetMinutes: 480,
    });
  });

  it('writes spreadsheet cells and ISO strings in the zone', () => {
    expect(formatZonedCell('2026-12-01T10:00:00Z', 'Asia/Shanghai')).toBe('2026-12-01 18:00:00');
    expect(formatZonedCell(null, 'Asia/Shanghai')).toBe('');
    expect(isoInZone('2026-07-01T10:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00');
    expect(isoInZone('2026-12-01T10:00:00.900Z', 'Asia/Shanghai')).toBe(
      '2026-12-01T18:00:00+08:00',
    );
  });

  it('gives the calendar day in the zone: past midnight in Beijing is the next day', () => {
    // 2026-12-01T16:30Z is 00:30 on 2 December in Beijing, still 1 December in UTC.
    expect(dateInZone('2026-12-01T16:30:00Z', 'Asia/Shanghai')).toBe('2026-12-02');
    expect(dateInZone('2026-12-01T15:59:59Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(dateInZone(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dateInZone('2026-12-01T16:30:00Z', 'Europe/Berlin')).toBe('2026-12-01');
    expect(dateInZone('2026-12-01T16:30:00Z', null)).toBe('2026-12-02');
  });

  it('labels a zone for headers', () => {
    expect(zoneLabel('Asia/Shanghai', 'zh')).toBe('北京时间');
    expect(zoneLabel('Asia/Shanghai', 'en')).toBe('Asia/Shanghai, UTC+08:00');
    expect(zoneLabel('Europe/Berlin', 'zh', new Date('2026-01-01T00:00:00Z'))).toBe(
      'Europe/Berlin, UTC+01:00',
    );
  });
});

describe('endOfDayInZone', () => {
  it('ends a Beijing day at 16:00 UTC, from any hour of it', () => {
    for (const at of ['2026-12-06T16:00:00Z', '2026-12-07T03:00:00Z', '2026-12-07T15:59:59.999Z'])
      expect(endOfDayInZone(new Date(at), 'Asia/Shanghai').toISOString()).toBe(
        '2026-12-07T16:00:00.000Z',
      );
  });
  it('midnight itself starts a new day', () => {
    expect(endOfDayInZone(new Date('2026-12-07T16:00:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-08T16:00:00.000Z',
    );
  });
  it('follows a daylight-saving change on the day (Berlin, 29 March 2026: 23 hours)', () => {
    expect(endOfDayInZone(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(endOfDayInZone(new Date('2026-03-28T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });
  it('a skipped midnight (São Paulo, 4 November 2018) ends the day at 01:00 of the next', () => {
    expect(
      endOfDayInZone(new Date('2018-11-03T15:00:00Z'), 'America/Sao_Paulo').toISOString(),
    ).toBe('2018-11-04T03:00:00.000Z');
  });
  it('UTC', () => {
    expect(endOfDayInZone(new Date('2026-12-06T23:05:00Z'), 'UTC').toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
  });
});
