import Holidays from 'date-holidays';
import moment from 'moment-timezone';
import { describe, expect, it } from 'vitest';
import { type CalendarConfig, ConfigSchema } from '../../functions/core/config/config-schema.js';
import { calendarTimeZone } from '../../functions/core/holidays/calendar-events.js';
import { addDays } from '../../functions/core/holidays/local-date.js';
import { eventLastDate } from '../../functions/core/planner/canonical-events.js';
import { buildCalendarEvents, workdaysSource } from '../../functions/core/planner/half-days.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';

/**
 * The whole input space of the holiday mapping: every country date-holidays knows and a sample of
 * states (the first of each country, all of eight federal ones), three years, corrections off, every `partialDays` mode, and zones far from the
 * region's own. The oracle is date-holidays' own civil reading of a holiday: `date` (its civil
 * start, without the sunset offset) through its length (end - start). Whole civil days must be
 * closed in every mode; only days the holiday covers in part may differ, as the mode says.
 */

const YEARS = [2026, 2027, 2028];
const TYPES = ['public', 'bank', 'optional'] as const;
const library = new Holidays();
const countries = Object.keys(library.getCountries());
const statesOf = (country: string) =>
  Object.keys(library.getStates(country) ?? {})
    .sort()
    .map((state) => `${country}-${state}`);
// The first state of each country, and every state of a few federal countries whose states differ.
const states = [
  ...new Set([
    ...countries.flatMap((country) => statesOf(country).slice(0, 1)),
    ...['AU', 'BR', 'CA', 'CH', 'DE', 'ES', 'MY', 'US'].flatMap(statesOf),
  ]),
];

type Mode = CalendarConfig['partialDays']['mode'];
const MODES: Record<Mode, CalendarConfig['partialDays']> = {
  closed: { mode: 'closed' },
  reduced: { mode: 'reduced' },
  ignore: { mode: 'ignore' },
};

function calendar(region: string, partialDays: CalendarConfig['partialDays'], timeZone?: string) {
  const config = ConfigSchema.parse({
    accountId: '1',
    secretId: 's',
    calendars: [
      {
        name: 'All',
        regions: [region],
        types: TYPES,
        corrections: false,
        partialDays,
        ...(timeZone ? { timeZone } : {}),
      },
    ],
  });
  const [first] = config.calendars;
  if (!first) throw new Error('no calendar');
  return first;
}

interface CivilDays {
  whole: Set<string>;
  partial: Set<string>;
}

const SUFFIX = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: ([+-])(\d{2})(\d{2}))?$/;

/**
 * date-holidays' civil dates of a region's holidays in a year, as whole and partial days. In UTC
 * its instants are the civil times themselves (no DST day of 23 or 25 hours).
 */
function civilDays(region: string, year: number): CivilDays {
  const [country = '', state] = region.split('-');
  const holidays = new Holidays(
    { country, ...(state ? { state } : {}) },
    { types: [...TYPES], timezone: 'UTC' },
  );
  const whole = new Set<string>();
  const partial = new Set<string>();
  for (const holiday of [year - 1, year, year + 1].flatMap((each) => holidays.getHolidays(each))) {
    if (!(TYPES as readonly string[]).includes(holiday.type)) continue;
    const match = SUFFIX.exec(holiday.date);
    if (!match?.[1]) throw new Error(`unexpected date-holidays date "${holiday.date}"`);
    const civilStart = moment.utc(match[1], 'YYYY-MM-DD HH:mm:ss');
    const length = holiday.end.getTime() - holiday.start.getTime();
    const civilEnd = civilStart.clone().add(length, 'ms');
    for (let day = civilStart.clone().startOf('day'); day.isBefore(civilEnd); day.add(1, 'day')) {
      const date = day.format('YYYY-MM-DD');
      if (Number(date.slice(0, 4)) !== year) continue;
      const next = day.clone().add(1, 'day');
      if (!day.isBefore(civilStart) && !next.isAfter(civilEnd)) whole.add(date);
      else partial.add(date);
    }
  }
  for (const date of whole) partial.delete(date);
  return { whole, partial };
}

function eventDates(event: SpecialOccasionEvent): string[] {
  const dates: string[] = [];
  for (let date = event.start.dateTime.slice(0, 10); date <= eventLastDate(event); date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
}

interface ImportedDays {
  closed: Set<string>;
  windows: Set<string>;
}

function importedDays(events: readonly SpecialOccasionEvent[]): ImportedDays {
  const closed = new Set<string>();
  const windows = new Set<string>();
  for (const event of events) {
    const allDay =
      !event.meta.working &&
      event.start.dateTime.endsWith('T00:00:00') &&
      event.end.dateTime.endsWith('T23:59:59');
    for (const date of eventDates(event)) (allDay ? closed : windows).add(date);
  }
  return { closed, windows };
}

const sorted = (dates: Iterable<string>) => [...dates].sort();
const minus = (a: Iterable<string>, b: Set<string>) => sorted([...a].filter((date) => !b.has(date)));

/** What differs from the oracle, as readable lines (empty when the mapping is right). */
function differences(mode: Mode, civil: CivilDays, imported: ImportedDays): string[] {
  const lines: string[] = [];
  const report = (what: string, dates: string[]) => {
    if (dates.length > 0) lines.push(`${what}: ${dates.join(' ')}`);
  };
  report('whole civil days not closed', minus(civil.whole, imported.closed));
  const allowedClosed = new Set([...civil.whole, ...(mode === 'ignore' ? [] : civil.partial)]);
  report('closed, not a civil day of a holiday', minus(imported.closed, allowedClosed));
  if (mode === 'closed') report('partial days not closed', minus(civil.partial, imported.closed));
  if (mode === 'ignore') report('windows in ignore mode', sorted(imported.windows));
  else report('windows outside the partial days', minus(imported.windows, civil.partial));
  return lines;
}

/**
 * The hours of a Monday-to-Friday contact center, 08:00-17:00 in Berlin (a zone other than most
 * calendars', so half days are placed across zones), as LivePerson's Workdays hold them.
 */
const WORKDAYS_ZONE = 'Europe/Berlin';
const WORKDAYS = {
  id: 4011110000,
  name: 'Office hours',
  isDefault: true,
  events: ['MO', 'TU', 'WE', 'TH', 'FR'].map((day, index) => ({
    start: { dateTime: `2026-12-${String(7 + index).padStart(2, '0')}T08:00:00`, timeZone: WORKDAYS_ZONE },
    end: { dateTime: `2026-12-${String(7 + index).padStart(2, '0')}T17:00:00`, timeZone: WORKDAYS_ZONE },
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${day}`],
  })),
};

/** Whether an instant lies inside those hours, read with moment-timezone (not the code's Intl). */
function insideWorkdays(instant: moment.Moment): boolean {
  const local = instant.clone().tz(WORKDAYS_ZONE);
  const minute = local.hours() * 60 + local.minutes();
  return local.isoWeekday() <= 5 && minute >= 8 * 60 && minute < 17 * 60;
}

/**
 * LivePerson's rule, checked on every event of a reduced calendar: an occasion overwrites the
 * Workdays of its date, so a working window must lie inside the Workdays hours (never opening a
 * closed weekday or an hour outside them), and a not-working event is always a whole day (one in
 * part would close the whole date).
 */
function hoursDifferences(events: readonly SpecialOccasionEvent[]): string[] {
  const lines: string[] = [];
  for (const event of events) {
    const zone = event.start.timeZone;
    const start = moment.tz(event.start.dateTime, zone);
    const end = moment.tz(event.end.dateTime, zone);
    if (!event.meta.working) {
      if (!(event.start.dateTime.endsWith('T00:00:00') && event.end.dateTime.endsWith('T23:59:59')))
        lines.push(`a not-working window in part of a day: ${event.start.dateTime}..${event.end.dateTime}`);
      continue;
    }
    const last = end.clone().subtract(1, 'minute');
    if (!insideWorkdays(start) || !insideWorkdays(last))
      lines.push(`opens outside the Workdays hours: ${event.start.dateTime}..${event.end.dateTime} ${zone}`);
  }
  return lines;
}

function check(region: string, mode: Mode, timeZone?: string): string[] {
  const cal = calendar(region, MODES[mode], timeZone);
  const zone = calendarTimeZone(cal);
  const hours = workdaysSource(WORKDAYS, zone);
  if (typeof hours === 'string') throw new Error(hours);
  return YEARS.flatMap((year) => {
    const events = buildCalendarEvents(cal, [year], hours);
    const imported = importedDays(events);
    return [
      ...differences(mode, civilDays(region, year), imported),
      ...(mode === 'reduced' ? hoursDifferences(events) : []),
    ].map((line) => `${region} ${zone} ${mode} ${year}: ${line}`);
  });
}

describe('every country and a state of each, 2026-2028, corrections off', () => {
  it('knows the countries it claims to cover', () => {
    expect(countries.length).toBeGreaterThanOrEqual(200);
    expect(states.length).toBeGreaterThanOrEqual(150);
  });

  it.each(Object.keys(MODES) as Mode[])(
    '%s: whole civil days closed, eves untouched, half days as the mode says',
    (mode) => {
      const failures = [...countries, ...states].flatMap((region) => check(region, mode));
      expect(failures).toEqual([]);
    },
  );

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns'])(
    "in %s the days are still the holidays' civil dates in their own country",
    (timeZone) => {
      const failures = countries.flatMap((country) =>
        YEARS.flatMap((year) => {
          const own = civilDays(country, year);
          const imported = importedDays(
            buildCalendarEvents(calendar(country, MODES.closed, timeZone), [year]),
          );
          return differences('closed', own, imported).map(
            (line) => `${country} in ${timeZone} ${year}: ${line}`,
          );
        }),
      );
      expect(failures).toEqual([]);
    },
  );
});
