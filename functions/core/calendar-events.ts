import type { HolidaysTypes } from 'date-holidays';
import { sortEvents } from './canonical-events.js';
import type { CalendarConfig, ExtraEvent } from './config-schema.js';
import { addDays, daysBetween, yearOf } from './local-date.js';
import { holidaysFor, regionTimeZone } from './region-catalog.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

/**
 * Holidays -> special-occasion events, as a chain of small pure steps:
 * region holidays -> day entries -> exclusions -> merge per date -> consecutive runs -> events.
 */

/** LivePerson rejects a day-off event whose daily recurrence exceeds 30 days. */
export const MAX_OFF_DAYS_PER_EVENT = 30;
const DAY_MS = 86_400_000;

/** A whole day off. */
export interface OffDay {
  kind: 'off';
  date: string;
  name: string;
}

/** A time window on one day: reduced opening hours (working) or a partial closure. */
export interface WindowDay {
  kind: 'window';
  date: string;
  name: string;
  working: boolean;
  from: string;
  to: string;
}

export type DayEntry = OffDay | WindowDay;

export type PartialDays = CalendarConfig['partialDays'];

/** The calendar's time zone: the configured one, else the (single) time zone of its regions. */
export function calendarTimeZone(calendar: Pick<CalendarConfig, 'timeZone' | 'regions'>): string {
  const zone = calendar.timeZone ?? calendar.regions.map(regionTimeZone).find(Boolean);
  return zone ?? 'UTC';
}

/** One date-holidays entry as the days it covers, honouring the half-day policy. */
export function holidayToDays(holiday: HolidaysTypes.Holiday, partialDays: PartialDays): DayEntry[] {
  const date = holiday.date.slice(0, 10);
  const startsAt = holiday.date.slice(11, 16) || '00:00';
  if (startsAt !== '00:00') {
    switch (partialDays.mode) {
      case 'ignore':
        return [];
      case 'reduced':
        if (partialDays.opensAt && partialDays.opensAt < startsAt) {
          return [
            {
              kind: 'window',
              date,
              name: holiday.name,
              working: true,
              from: partialDays.opensAt,
              to: startsAt,
            },
          ];
        }
        // Opening after the holiday starts leaves no working time: the day is off.
        return [{ kind: 'off', date, name: holiday.name }];
      default:
        return [{ kind: 'off', date, name: holiday.name }];
    }
  }
  const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
  return Array.from({ length: days }, (_, index) => ({
    kind: 'off',
    date: addDays(date, index),
    name: holiday.name,
  }));
}

export function extraEventToDay(extra: ExtraEvent): DayEntry {
  if (extra.from && extra.to) {
    return {
      kind: 'window',
      date: extra.date,
      name: extra.name,
      working: extra.working,
      from: extra.from,
      to: extra.to,
    };
  }
  return { kind: 'off', date: extra.date, name: extra.name };
}

/** Whether an `exclude` entry (a date or a holiday name, any case) removes this day. */
export function isExcluded(day: DayEntry, exclude: readonly string[]): boolean {
  const name = day.name.toLowerCase();
  return exclude.some((entry) => entry === day.date || entry.toLowerCase() === name);
}

export function regionHolidays(
  region: string,
  year: number,
  calendar: Pick<CalendarConfig, 'types' | 'language' | 'substitutes'>,
): HolidaysTypes.Holiday[] {
  const prefix = `${year}-`;
  const holidays = holidaysFor(region, calendar.types);
  // "en" in the US means US English: prefer the region's own variant of the language.
  const language =
    holidays
      .getLanguages()
      .find((lang) => lang === calendar.language || lang.startsWith(`${calendar.language}-`)) ??
    calendar.language;
  return holidays
    .getHolidays(year, language)
    .filter((holiday) => calendar.types.includes(holiday.type))
    .filter((holiday) => calendar.substitutes === 'include' || !holiday.substitute)
    .filter((holiday) => holiday.date.startsWith(prefix));
}

function joinNames(names: readonly string[]): string {
  return [...new Set(names)].join(' / ');
}

/**
 * One entry per date and window: a whole day off absorbs everything else on its date
 * (LivePerson lets "not working" win anyway); equal windows join their names.
 */
export function mergeDays(entries: readonly DayEntry[]): DayEntry[] {
  const byDate = new Map<string, DayEntry[]>();
  for (const entry of entries) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  const merged: DayEntry[] = [];
  for (const [date, dayEntries] of byDate) {
    const offNames = dayEntries.filter((entry) => entry.kind === 'off').map((entry) => entry.name);
    if (offNames.length > 0) {
      merged.push({ kind: 'off', date, name: joinNames(offNames) });
      continue;
    }
    const windows = new Map<string, WindowDay[]>();
    for (const entry of dayEntries) {
      if (entry.kind !== 'window') continue;
      const key = `${entry.working}|${entry.from}|${entry.to}`;
      windows.set(key, [...(windows.get(key) ?? []), entry]);
    }
    for (const group of windows.values()) {
      const [first] = group;
      if (first) merged.push({ ...first, name: joinNames(group.map((entry) => entry.name)) });
    }
  }
  return merged;
}

/** A run of consecutive days off with the same name, as its first date and length. */
export interface OffRun {
  date: string;
  name: string;
  days: number;
}

/** Consecutive days off of one holiday become one run, split so no run exceeds 30 days. */
export function groupOffRuns(days: readonly OffDay[]): OffRun[] {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const runs: OffRun[] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (
      last &&
      last.name === day.name &&
      last.days < MAX_OFF_DAYS_PER_EVENT &&
      daysBetween(last.date, day.date) === last.days
    ) {
      last.days += 1;
    } else {
      runs.push({ date: day.date, name: day.name, days: 1 });
    }
  }
  return runs;
}

export function offRunToEvent(run: OffRun, timeZone: string): SpecialOccasionEvent {
  return {
    meta: { working: false, name: run.name },
    start: { dateTime: `${run.date}T00:00:00`, timeZone },
    end: { dateTime: `${run.date}T23:59:59`, timeZone },
    recurrence: run.days > 1 ? [`RRULE:FREQ=DAILY;COUNT=${run.days};INTERVAL=1`] : [],
  };
}

export function windowToEvent(day: WindowDay, timeZone: string): SpecialOccasionEvent {
  return {
    meta: { working: day.working, name: day.name },
    start: { dateTime: `${day.date}T${day.from}:00`, timeZone },
    end: { dateTime: `${day.date}T${day.to}:00`, timeZone },
    recurrence: [],
  };
}

/** The day entries of one calendar year, before merging. */
export function calendarDays(calendar: CalendarConfig, year: number): DayEntry[] {
  const holidayDays = calendar.regions
    .flatMap((region) => regionHolidays(region, year, calendar))
    .flatMap((holiday) => holidayToDays(holiday, calendar.partialDays))
    .filter((day) => !isExcluded(day, calendar.exclude));
  const extraDays = calendar.extraEvents.filter((extra) => yearOf(extra.date) === year).map(extraEventToDay);
  return [...holidayDays, ...extraDays];
}

/** The canonical events a calendar wants for the given years. */
export function buildCalendarEvents(
  calendar: CalendarConfig,
  years: readonly number[],
): SpecialOccasionEvent[] {
  const timeZone = calendarTimeZone(calendar);
  const events = [...new Set(years)].flatMap((year) => {
    const merged = mergeDays(calendarDays(calendar, year));
    const offRuns = groupOffRuns(merged.filter((day): day is OffDay => day.kind === 'off'));
    const windows = merged.filter((day): day is WindowDay => day.kind === 'window');
    return [
      ...offRuns.map((run) => offRunToEvent(run, timeZone)),
      ...windows.map((day) => windowToEvent(day, timeZone)),
    ];
  });
  return sortEvents(events);
}
