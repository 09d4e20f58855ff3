import { describe, expect, it } from 'vitest';
import { type CalendarConfig, ConfigSchema } from '../../functions/core/config/config-schema.js';
import {
  calendarTimeZone,
  type DayEntry,
  groupOffRuns,
  holidayToDays,
  isExcluded,
  mergeDays,
  type OffDay,
  offRunToEvent,
  spanToDays,
  UnexpectedHolidayDateError,
  yearDaysKey,
} from '../../functions/core/holidays/calendar-events.js';
import { addDays } from '../../functions/core/holidays/local-date.js';
import { eventLastDate, fingerprintEvents } from '../../functions/core/planner/canonical-events.js';
import { buildCalendarEvents } from '../../functions/core/planner/half-days.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';

function calendar(overrides: Record<string, unknown>): CalendarConfig {
  const config = ConfigSchema.parse({
    accountId: '1',
    secretId: 's',
    calendars: [{ name: 'Test', regions: ['DE-BY'], ...overrides }],
  });
  const [first] = config.calendars;
  if (!first) throw new Error('no calendar');
  return first;
}

function summarize(events: readonly SpecialOccasionEvent[]): string[] {
  return events.map(
    (event) =>
      `${event.start.dateTime}..${event.end.dateTime.slice(11)} ${event.meta.working ? 'open' : 'off'} ${event.meta.name}${event.recurrence.length ? ` ${event.recurrence[0]}` : ''}`,
  );
}

function dates(events: readonly SpecialOccasionEvent[]): string[] {
  return events.map((event) => event.start.dateTime.slice(0, 10));
}

describe('buildCalendarEvents with real date-holidays data', () => {
  it('DE-BY 2027 has 12 public holidays, whole days off in Europe/Berlin, no observances', () => {
    const events = buildCalendarEvents(calendar({ language: 'de' }), [2027]);
    expect(events).toHaveLength(12);
    expect(summarize(events)).toEqual([
      '2027-01-01T00:00:00..23:59:59 off Neujahr',
      '2027-01-06T00:00:00..23:59:59 off Heilige Drei Könige',
      '2027-03-26T00:00:00..23:59:59 off Karfreitag',
      '2027-03-29T00:00:00..23:59:59 off Ostermontag',
      '2027-05-01T00:00:00..23:59:59 off Maifeiertag',
      '2027-05-06T00:00:00..23:59:59 off Christi Himmelfahrt',
      '2027-05-17T00:00:00..23:59:59 off Pfingstmontag',
      '2027-05-27T00:00:00..23:59:59 off Fronleichnam',
      '2027-10-03T00:00:00..23:59:59 off Tag der Deutschen Einheit',
      '2027-11-01T00:00:00..23:59:59 off Allerheiligen',
      '2027-12-25T00:00:00..23:59:59 off 1. Weihnachtstag',
      '2027-12-26T00:00:00..23:59:59 off 2. Weihnachtstag',
    ]);
    expect(
      events.every((event) => event.start.timeZone === 'Europe/Berlin' && event.recurrence.length === 0),
    ).toBe(true);
  });

  it('keeps observances out unless asked, and honours the region level (DE-BY-KATH has Mariä Himmelfahrt)', () => {
    const names = (overrides: Record<string, unknown>) =>
      buildCalendarEvents(calendar({ language: 'de', ...overrides }), [2027]).map((event) => event.meta.name);
    expect(names({})).not.toContain('Valentinstag');
    expect(names({})).not.toContain('Mariä Himmelfahrt');
    expect(names({ regions: ['DE-BY-KATH'] })).toContain('Mariä Himmelfahrt');
    expect(names({ types: ['public', 'observance'] })).toContain('Valentinstag');
  });

  it('uses the language asked for and falls back to the region language', () => {
    expect(buildCalendarEvents(calendar({ language: 'en' }), [2027])[0]?.meta.name).toBe("New Year's Day");
    // date-holidays has no Japanese names for Bavaria: the names fall back, they never vanish.
    expect(buildCalendarEvents(calendar({ language: 'ja' }), [2027])[0]?.meta.name).toMatch(
      /Neujahr|New Year/,
    );
    expect(
      buildCalendarEvents(calendar({ regions: ['US'], language: 'en' }), [2027]).map(
        (event) => event.meta.name,
      ),
    ).toContain('Labor Day');
  });

  it('US 2027: observed days fall on Fridays, and New Year 2028 observed on 31 Dec belongs to 2027', () => {
    const us = calendar({ regions: ['US'], language: 'en' });
    const events2027 = buildCalendarEvents(us, [2027]);
    expect(summarize(events2027)).toContain(
      '2027-12-24T00:00:00..23:59:59 off Christmas Day (substitute day)',
    );
    expect(summarize(events2027)).toContain(
      "2027-12-31T00:00:00..23:59:59 off New Year's Day (substitute day)",
    );
    expect(events2027[0]?.start.timeZone).toBe('America/New_York');
    const events2028 = buildCalendarEvents(us, [2028]);
    expect(dates(events2028).every((date) => date.startsWith('2028-'))).toBe(true);
    const excluded = buildCalendarEvents(calendar({ regions: ['US'], substitutes: 'exclude' }), [2027]);
    expect(excluded.some((event) => event.meta.name.includes('substitute'))).toBe(false);
    expect(dates(excluded)).not.toContain('2027-12-31');
  });

  it('GB-SCT 2027 has the 27/28 Dec substitutes', () => {
    const events = buildCalendarEvents(calendar({ regions: ['GB-SCT'] }), [2027]);
    expect(summarize(events).slice(-4)).toEqual([
      '2027-12-25T00:00:00..23:59:59 off Christmas Day',
      '2027-12-26T00:00:00..23:59:59 off Boxing Day',
      '2027-12-27T00:00:00..23:59:59 off Christmas Day (substitute day)',
      '2027-12-28T00:00:00..23:59:59 off Boxing Day (substitute day)',
    ]);
    expect(events[0]?.start.timeZone).toBe('Europe/London');
  });

  it.each([
    {
      mode: { mode: 'closed' },
      expected: [
        '2027-12-24T00:00:00..23:59:59 off Heiliger Abend',
        '2027-12-31T00:00:00..23:59:59 off Silvester',
      ],
    },
    {
      mode: { mode: 'reduced', opensAt: '09:00', closesAt: '17:00' },
      expected: [
        '2027-12-24T09:00:00..14:00:00 open Heiliger Abend',
        '2027-12-31T09:00:00..14:00:00 open Silvester',
      ],
    },
    {
      // Offline, without fixed hours, the stand-in hours are the whole day.
      mode: { mode: 'reduced' },
      expected: [
        '2027-12-24T00:00:00..14:00:00 open Heiliger Abend',
        '2027-12-31T00:00:00..14:00:00 open Silvester',
      ],
    },
    { mode: { mode: 'ignore' }, expected: [] },
    {
      // Opening after the half day begins leaves no working time: the day is off.
      mode: { mode: 'reduced', opensAt: '15:00', closesAt: '17:00' },
      expected: [
        '2027-12-24T00:00:00..23:59:59 off Heiliger Abend',
        '2027-12-31T00:00:00..23:59:59 off Silvester',
      ],
    },
  ])('DE half days on 24 and 31 Dec, partialDays $mode.mode', ({ mode, expected }) => {
    const events = buildCalendarEvents(
      calendar({ language: 'de', types: ['public', 'bank'], partialDays: mode }),
      [2027],
    );
    const halfDays = summarize(events).filter((line) => /^2027-12-(24|31)/.test(line));
    expect(halfDays).toEqual(expected);
  });

  it('a multi-day holiday becomes one event with a daily COUNT recurrence (Armenia, New Year P2D)', () => {
    const events = buildCalendarEvents(calendar({ regions: ['AM'], language: 'en' }), [2027]);
    const first = events[0];
    expect(first?.start.dateTime).toBe('2027-01-01T00:00:00');
    expect(first?.end.dateTime).toBe('2027-01-01T23:59:59');
    expect(first?.recurrence).toEqual(['RRULE:FREQ=DAILY;COUNT=2;INTERVAL=1']);
    expect(first?.start.timeZone).toBe('Asia/Yerevan');
  });

  it("a calendar's names never take the language of a calendar computed before it", () => {
    // The same region and types in English first: date-holidays shares one instance between them.
    const english = buildCalendarEvents(
      calendar({ regions: ['AT'], language: 'en', timeZone: 'Europe/Vienna' }),
      [2031],
    );
    expect(english[0]?.meta.name).toBe("New Year's Day");
    const german = buildCalendarEvents(
      calendar({ regions: ['AT'], language: 'de', timeZone: 'Europe/Vienna' }),
      [2031],
    );
    expect(german.map((event) => event.meta.name)).toContain('Neujahr');
    expect(german.map((event) => event.meta.name)).not.toContain("New Year's Day");
    const french = buildCalendarEvents(
      calendar({ regions: ['US'], language: 'fr', timeZone: 'America/New_York' }),
      [2031],
    );
    const englishUs = buildCalendarEvents(
      calendar({ regions: ['US'], language: 'en', timeZone: 'America/New_York' }),
      [2031],
    );
    expect(french[0]?.meta.name).toBe('Nouvel An');
    expect(englishUs[0]?.meta.name).toBe("New Year's Day");
  });

  it('two regions: one event per date, distinct names joined', () => {
    const events = buildCalendarEvents(
      calendar({ regions: ['DE-BY', 'AT'], language: 'de', timeZone: 'Europe/Berlin' }),
      [2027],
    );
    const dateList = dates(events);
    expect(new Set(dateList).size).toBe(dateList.length);
    const boxing = events.find((event) => event.start.dateTime.startsWith('2027-12-26'));
    expect(boxing?.meta.name).toBe('2. Weihnachtstag / Stefanitag');
    expect(events.find((event) => event.start.dateTime.startsWith('2027-01-01'))?.meta.name).toBe('Neujahr');
    expect(dateList).toContain('2027-12-08'); // Mariä Empfängnis, Austria only
  });

  it.each([
    { region: 'NZ', zone: 'Pacific/Auckland' },
    { region: 'JP', zone: 'Asia/Tokyo' },
  ])('$zone: local dates, never shifted by the UTC instant', ({ region, zone }) => {
    const events = buildCalendarEvents(calendar({ regions: [region] }), [2027]);
    expect(events[0]?.start).toEqual({ dateTime: '2027-01-01T00:00:00', timeZone: zone });
    expect(dates(events).every((date) => date.startsWith('2027-'))).toBe(true);
  });

  it('exclude by date and by name (any case); extra events merged in', () => {
    const events = buildCalendarEvents(
      calendar({
        language: 'de',
        exclude: ['2027-11-01', 'fronleichnam'],
        extraEvents: [
          { name: 'Betriebsausflug', date: '2027-07-16' },
          { name: 'Inventur', date: '2027-01-06' },
          { name: 'Late opening', date: '2027-09-01', working: true, from: '12:00', to: '20:00' },
          { name: 'Next year', date: '2028-01-03' },
        ],
      }),
      [2027],
    );
    const lines = summarize(events);
    expect(lines).not.toContain('2027-11-01T00:00:00..23:59:59 off Allerheiligen');
    expect(lines.some((line) => line.includes('Fronleichnam'))).toBe(false);
    expect(lines).toContain('2027-07-16T00:00:00..23:59:59 off Betriebsausflug');
    // What the config names wins over the computed holiday of its date.
    expect(lines).toContain('2027-01-06T00:00:00..23:59:59 off Inventur');
    expect(lines.some((line) => line.includes('Heilige Drei Könige'))).toBe(false);
    expect(lines).toContain('2027-09-01T12:00:00..20:00:00 open Late opening');
    expect(lines.some((line) => line.startsWith('2028'))).toBe(false);
  });

  it('is canonical: same input, byte-identical output and fingerprint, whatever the year order', () => {
    const cal = calendar({ regions: ['DE-BY', 'AT'], timeZone: 'Europe/Vienna' });
    const a = buildCalendarEvents(cal, [2027, 2028]);
    const b = buildCalendarEvents(cal, [2028, 2027, 2027]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(fingerprintEvents(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprintEvents(a)).toBe(fingerprintEvents([...b].reverse()));
    expect(fingerprintEvents(a)).not.toBe(fingerprintEvents(a.slice(1)));
  });

  it('time zone: configured, else the region zone', () => {
    expect(calendarTimeZone({ regions: ['JP'] })).toBe('Asia/Tokyo');
    expect(calendarTimeZone({ regions: ['JP'], timeZone: 'Europe/Paris' })).toBe('Europe/Paris');
  });
});

/** Day entries of a holiday named "H", as the span and holiday tables below expect them. */
const off = (date: string) => ({ kind: 'off', date, name: 'H' });
/** A day closed in part, from..to in minutes of the day: its hours wait for the Workdays. */
const half = (date: string, from: number, to: number) => ({
  kind: 'half',
  date,
  name: 'H',
  closed: [{ from, to }],
});
const closed = { mode: 'closed' as const };
const ignore = { mode: 'ignore' as const };
const reduced = { mode: 'reduced' as const };

describe('spanToDays: a span [start, end) of wall clock as days off and half days', () => {
  const at = (date: string, time = '00:00') => ({ date, time });
  it.each([
    {
      name: 'one day',
      start: at('2027-05-01'),
      end: at('2027-05-02'),
      mode: closed,
      days: [off('2027-05-01')],
    },
    {
      name: 'three days (P3D)',
      start: at('2027-05-01'),
      end: at('2027-05-04'),
      mode: closed,
      days: [off('2027-05-01'), off('2027-05-02'), off('2027-05-03')],
    },
    {
      name: 'from 14:00, ignore',
      start: at('2027-12-24', '14:00'),
      end: at('2027-12-25'),
      mode: ignore,
      days: [],
    },
    {
      name: 'from 14:00, closed: the whole day',
      start: at('2027-12-24', '14:00'),
      end: at('2027-12-25'),
      mode: closed,
      days: [off('2027-12-24')],
    },
    {
      name: 'from 14:00, reduced: a half day closed from 14:00',
      start: at('2027-12-24', '14:00'),
      end: at('2027-12-25'),
      mode: reduced,
      days: [half('2027-12-24', 840, 1440)],
    },
    {
      name: 'from 08:00, reduced: a half day closed from 08:00',
      start: at('2027-12-24', '08:00'),
      end: at('2027-12-25'),
      mode: reduced,
      days: [half('2027-12-24', 480, 1440)],
    },
    {
      name: 'until 14:00 (Ash Wednesday), reduced: closed only until it ends',
      start: at('2026-02-18'),
      end: at('2026-02-18', '14:00'),
      mode: reduced,
      days: [half('2026-02-18', 0, 840)],
    },
    {
      name: 'until 14:00, closed',
      start: at('2026-02-18'),
      end: at('2026-02-18', '14:00'),
      mode: closed,
      days: [off('2026-02-18')],
    },
    {
      name: 'until 14:00, ignore',
      start: at('2026-02-18'),
      end: at('2026-02-18', '14:00'),
      mode: ignore,
      days: [],
    },
    {
      name: 'inside a day, reduced: closed during it',
      start: at('2026-02-18', '10:00'),
      end: at('2026-02-18', '12:00'),
      mode: reduced,
      days: [half('2026-02-18', 600, 720)],
    },
    {
      name: 'TR Bayram: 18:00 on the eve .. 12:00 on the day after, reduced',
      start: at('2026-03-19', '18:00'),
      end: at('2026-03-23', '12:00'),
      mode: reduced,
      days: [
        half('2026-03-19', 1080, 1440),
        off('2026-03-20'),
        off('2026-03-21'),
        off('2026-03-22'),
        half('2026-03-23', 0, 720),
      ],
    },
    {
      name: 'TR Bayram, ignore: only the whole days',
      start: at('2026-03-19', '18:00'),
      end: at('2026-03-23', '12:00'),
      mode: ignore,
      days: [off('2026-03-20'), off('2026-03-21'), off('2026-03-22')],
    },
  ])('$name', ({ start, end, mode, days }) => {
    expect(spanToDays(start, end, 'H', mode)).toEqual(days);
  });
});

describe('holidayToDays: date-holidays entries (computed in UTC) as civil days', () => {
  const entry = (date: string, start: string, end: string) => ({
    type: 'public' as const,
    rule: 'x',
    name: 'H',
    date,
    start: new Date(`${start}Z`),
    end: new Date(`${end}Z`),
  });
  it.each([
    {
      name: 'SG Hari Raya Haji, from the previous sunset: its civil date only, in every mode',
      holiday: entry('2026-05-27 00:00:00 -0600', '2026-05-26T18:00', '2026-05-27T18:00'),
      modes: [closed, reduced, ignore],
      days: [off('2026-05-27')],
    },
    {
      name: 'IL Rosh Hashana, two days from the previous sunset',
      holiday: entry('2026-09-12 00:00:00 -0600', '2026-09-11T18:00', '2026-09-13T18:00'),
      modes: [closed, reduced, ignore],
      days: [off('2026-09-12'), off('2026-09-13')],
    },
    {
      name: 'TR Bayram PT90H from the previous sunset, closed: the eve untouched, the day after until noon',
      holiday: entry('2026-03-20 00:00:00 -0600', '2026-03-19T18:00', '2026-03-23T12:00'),
      modes: [closed],
      days: [off('2026-03-20'), off('2026-03-21'), off('2026-03-22'), off('2026-03-23')],
    },
    {
      name: 'TR Bayram, reduced: closed until noon on the day after',
      holiday: entry('2026-03-20 00:00:00 -0600', '2026-03-19T18:00', '2026-03-23T12:00'),
      modes: [reduced],
      days: [off('2026-03-20'), off('2026-03-21'), off('2026-03-22'), half('2026-03-23', 0, 720)],
    },
    {
      name: 'TR Bayram, ignore: the three civil days',
      holiday: entry('2026-03-20 00:00:00 -0600', '2026-03-19T18:00', '2026-03-23T12:00'),
      modes: [ignore],
      days: [off('2026-03-20'), off('2026-03-21'), off('2026-03-22')],
    },
    {
      name: 'DE Heiliger Abend from 14:00, reduced: a half day closed from 14:00',
      holiday: entry('2026-12-24 14:00:00', '2026-12-24T14:00', '2026-12-25T00:00'),
      modes: [reduced],
      days: [half('2026-12-24', 840, 1440)],
    },
    {
      name: 'BR Ash Wednesday until 14:00, reduced',
      holiday: entry('2026-02-18 00:00:00', '2026-02-18T00:00', '2026-02-18T14:00'),
      modes: [reduced],
      days: [half('2026-02-18', 0, 840)],
    },
    {
      name: 'a day that a DST change makes 23 hours long is still one whole day (UTC has no DST)',
      holiday: entry('2027-03-28 00:00:00', '2027-03-28T00:00', '2027-03-29T00:00'),
      modes: [closed, ignore],
      days: [off('2027-03-28')],
    },
  ])('$name', ({ holiday, modes, days }) => {
    for (const mode of modes) expect(holidayToDays(holiday, mode), mode.mode).toEqual(days);
  });

  it('refuses a date it cannot read, naming the holiday and what to do', () => {
    const holiday = entry('2026-05-27T00:00:00', '2026-05-27T00:00', '2026-05-28T00:00');
    expect(() => holidayToDays(holiday, closed)).toThrow(UnexpectedHolidayDateError);
    expect(() => holidayToDays(holiday, closed)).toThrow(/"H".*Upgrading the holiday libraries/);
  });
});

describe('holidays that end or start mid-day, with real data', () => {
  const TR_DAYS_AFTER = ['2026-03-23', '2027-03-12', '2027-05-20', '2028-02-29', '2028-05-09'];
  const closedAllDay = (events: readonly SpecialOccasionEvent[], date: string) =>
    events.some(
      (event) =>
        !event.meta.working &&
        event.start.dateTime.slice(11) === '00:00:00' &&
        event.end.dateTime.slice(11) === '23:59:59' &&
        date >= event.start.dateTime.slice(0, 10) &&
        date <= eventLastDate(event),
    );

  it.each(['reduced', 'ignore'] as const)('TR, %s: the day after a Bayram is not closed all day', (mode) => {
    const events = buildCalendarEvents(
      calendar({ regions: ['TR'], partialDays: { mode } }),
      [2026, 2027, 2028],
    );
    for (const date of TR_DAYS_AFTER) expect(closedAllDay(events, date), date).toBe(false);
    // The Bayram days themselves are closed.
    for (const date of ['2026-03-20', '2026-03-22', '2027-03-09', '2027-05-16']) {
      expect(closedAllDay(events, date), date).toBe(true);
    }
  });

  it('TR, reduced: closed only until noon on the day after', () => {
    const events = buildCalendarEvents(
      calendar({
        regions: ['TR'],
        language: 'tr',
        corrections: false,
        partialDays: { mode: 'reduced', opensAt: '09:00', closesAt: '18:00' },
      }),
      [2026],
    );
    // Open from noon until closing: never a not-working window, which would close the whole day.
    expect(summarize(events.filter((event) => event.start.dateTime.startsWith('2026-03-23')))).toEqual([
      '2026-03-23T12:00:00..18:00:00 open Ramazan Bayramı',
    ]);
  });

  it('BR Ash Wednesday (until 14:00), reduced: closed until 14:00, not all day', () => {
    const events = buildCalendarEvents(
      calendar({
        regions: ['BR'],
        types: ['public', 'optional'],
        partialDays: { mode: 'reduced', opensAt: '09:00', closesAt: '18:00' },
      }),
      [2026],
    );
    const ash = events.filter((event) => event.start.dateTime.startsWith('2026-02-18'));
    expect(summarize(ash)).toEqual([expect.stringMatching(/^2026-02-18T14:00:00\.\.18:00:00 open /)]);
  });
});

describe('a holiday that runs into the next year', () => {
  it('SZ Incwala 2026-12-28 .. 2027-01-02 and New Year 2027: never two events on one date', () => {
    const events = buildCalendarEvents(calendar({ regions: ['SZ'] }), [2026, 2027]);
    const covered = new Map<string, number>();
    for (const event of events) {
      for (
        let date = event.start.dateTime.slice(0, 10);
        date <= eventLastDate(event);
        date = addDays(date, 1)
      ) {
        covered.set(date, (covered.get(date) ?? 0) + 1);
      }
    }
    expect([...covered].filter(([, count]) => count > 1)).toEqual([]);
    expect(
      summarize(
        events.filter((event) => event.start.dateTime >= '2026-12-20' && event.start.dateTime < '2027-01-05'),
      ),
    ).toEqual([
      '2026-12-25T00:00:00..23:59:59 off Christmas Day',
      '2026-12-26T00:00:00..23:59:59 off Boxing Day',
      '2026-12-28T00:00:00..23:59:59 off Incwala Festival RRULE:FREQ=DAILY;COUNT=4;INTERVAL=1',
      "2027-01-01T00:00:00..23:59:59 off Incwala Festival / New Year's Day",
      '2027-01-02T00:00:00..23:59:59 off Incwala Festival',
    ]);
  });

  it("each year's events are the same whatever other years the run covers", () => {
    const sz = calendar({ regions: ['SZ'] });
    const of2027 = (events: readonly SpecialOccasionEvent[]) =>
      events.filter((event) => event.start.dateTime.startsWith('2027-'));
    expect(of2027(buildCalendarEvents(sz, [2027]))).toEqual(
      of2027(buildCalendarEvents(sz, [2026, 2027, 2028])),
    );
  });
});

describe('what the config names wins over a computed holiday', () => {
  it('a working extra event on a holiday: the opening is written, the holiday is not', () => {
    const events = buildCalendarEvents(
      calendar({
        extraEvents: [
          { name: 'Hotline open', date: '2027-10-03', working: true, from: '10:00', to: '14:00' },
        ],
      }),
      [2027],
    );
    expect(summarize(events.filter((event) => event.start.dateTime.startsWith('2027-10-03')))).toEqual([
      '2027-10-03T10:00:00..14:00:00 open Hotline open',
    ]);
  });
});

describe('mergeDays', () => {
  const off = (date: string, name: string): DayEntry => ({ kind: 'off', date, name });
  const open = (date: string, name: string, from = '09:00', to = '14:00'): DayEntry => ({
    kind: 'window',
    date,
    name,
    working: true,
    from,
    to,
  });
  it.each([
    { name: 'same name twice', input: [off('d', 'A'), off('d', 'A')], expected: [off('d', 'A')] },
    { name: 'distinct names joined', input: [off('d', 'A'), off('d', 'B')], expected: [off('d', 'A / B')] },
    {
      name: 'a day off wins over a window',
      input: [open('d', 'A'), off('d', 'B')],
      expected: [off('d', 'B')],
    },
    { name: 'equal windows joined', input: [open('d', 'A'), open('d', 'B')], expected: [open('d', 'A / B')] },
    {
      name: 'overlapping windows: their union (LivePerson unions working windows)',
      input: [open('d', 'A'), open('d', 'B', '10:00', '16:00')],
      expected: [open('d', 'A / B', '09:00', '16:00')],
    },
    {
      name: 'a closure in part on a day with configured hours: those hours without it',
      input: [
        open('d', 'A'),
        { kind: 'half', date: 'd', name: 'B', closed: [{ from: 600, to: 720 }] } as DayEntry,
      ],
      expected: [open('d', 'A', '09:00', '10:00'), open('d', 'A', '12:00', '14:00')],
    },
    {
      name: 'closures in part add up into one half day',
      input: [
        { kind: 'half', date: 'd', name: 'A', closed: [{ from: 840, to: 1440 }] } as DayEntry,
        { kind: 'half', date: 'd', name: 'B', closed: [{ from: 720, to: 900 }] } as DayEntry,
      ],
      expected: [{ kind: 'half', date: 'd', name: 'A / B', closed: [{ from: 720, to: 1440 }] }],
    },
    {
      name: 'other dates untouched',
      input: [off('d', 'A'), off('e', 'B')],
      expected: [off('d', 'A'), off('e', 'B')],
    },
  ])('$name', ({ input, expected }) => {
    expect(mergeDays(input)).toEqual(expected);
  });
});

describe('groupOffRuns', () => {
  const offDays = (first: string, count: number, name = 'H'): OffDay[] =>
    Array.from({ length: count }, (_, index) => ({
      kind: 'off',
      date: new Date(Date.parse(`${first}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10),
      name,
    }));
  it.each([
    {
      name: 'single day',
      days: offDays('2027-01-01', 1),
      runs: [{ date: '2027-01-01', name: 'H', days: 1 }],
    },
    {
      name: 'three consecutive',
      days: offDays('2027-01-01', 3),
      runs: [{ date: '2027-01-01', name: 'H', days: 3 }],
    },
    {
      name: 'across a month end',
      days: offDays('2027-01-30', 4),
      runs: [{ date: '2027-01-30', name: 'H', days: 4 }],
    },
    {
      name: '35 days split at 30',
      days: offDays('2027-07-01', 35),
      runs: [
        { date: '2027-07-01', name: 'H', days: 30 },
        { date: '2027-07-31', name: 'H', days: 5 },
      ],
    },
    {
      name: 'different holidays on consecutive days stay apart',
      days: [...offDays('2027-12-25', 1, 'Christmas'), ...offDays('2027-12-26', 1, 'Boxing Day')],
      runs: [
        { date: '2027-12-25', name: 'Christmas', days: 1 },
        { date: '2027-12-26', name: 'Boxing Day', days: 1 },
      ],
    },
    {
      name: 'a gap starts a new run',
      days: [...offDays('2027-01-01', 1), ...offDays('2027-01-03', 1)],
      runs: [
        { date: '2027-01-01', name: 'H', days: 1 },
        { date: '2027-01-03', name: 'H', days: 1 },
      ],
    },
  ])('$name', ({ days, runs }) => {
    expect(groupOffRuns([...days].reverse())).toEqual(runs);
  });

  it('a run becomes one event with the first day window and COUNT', () => {
    expect(offRunToEvent({ date: '2027-07-01', name: 'H', days: 30 }, 'Europe/Berlin')).toEqual({
      meta: { working: false, name: 'H' },
      start: { dateTime: '2027-07-01T00:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-07-01T23:59:59', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=30;INTERVAL=1'],
    });
  });
});

describe('isExcluded', () => {
  const day: DayEntry = { kind: 'off', date: '2027-11-01', name: 'Allerheiligen' };
  it.each([
    { exclude: ['2027-11-01'], expected: true },
    { exclude: ['ALLERHEILIGEN'], expected: true },
    { exclude: ['2027-11-02', 'Neujahr'], expected: false },
    { exclude: [], expected: false },
  ])('$exclude -> $expected', ({ exclude, expected }) => {
    expect(isExcluded(day, exclude)).toBe(expected);
  });
});

describe('the days cache key', () => {
  const base = calendar({});
  const key = (value: CalendarConfig) => yearDaysKey(value, 2027, 'Europe/Berlin');
  it.each([
    ['regions', { regions: ['AT'] }],
    ['types', { types: ['public', 'bank'] }],
    ['language', { language: 'de' }],
    ['substitutes', { substitutes: 'exclude' }],
    ['partialDays', { partialDays: { mode: 'reduced' } }],
    ['exclude', { exclude: ['2027-01-01'] }],
    ['corrections', { corrections: false }],
    ['an extra event of the year', { extraEvents: [{ name: 'X', date: '2027-06-01', working: false }] }],
    ['a setting added later', { someNewSetting: 1 }],
  ])('changes with %s', (_, change) => {
    expect(key({ ...base, ...change } as CalendarConfig)).not.toBe(key(base));
  });
  it.each([
    ['name', { name: 'Other' }],
    ['description', { description: 'Other' }],
    ['skills', { skills: ['Support'] }],
    ['adopt', { adopt: true }],
    ['accountDefault', { accountDefault: true }],
    ['an extra event of another year', { extraEvents: [{ name: 'X', date: '2028-06-01', working: false }] }],
  ])('stays with %s (calendars that differ only there share the days)', (_, change) => {
    expect(key({ ...base, ...change } as CalendarConfig)).toBe(key(base));
  });
});
