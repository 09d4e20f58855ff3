import type { HolidaysTypes } from 'date-holidays';
import { type CalendarConfig, type ExtraEvent, HOLIDAY_TYPES } from '../config/config-schema.js';
import { sortEvents } from '../planner/canonical-events.js';
import type { SpecialOccasionEvent } from '../planner/special-occasion.js';
import { correctHolidays, substituteHolidays } from './correction-kinds.js';
import {
  clock,
  DAY_MINUTES,
  type Interval,
  minuteOf,
  subtractIntervals,
  unionIntervals,
} from './day-parts.js';
import {
  correctionsFor,
  type HolidayCorrection,
  isSuspended,
  type SuspendHolidays,
  touchesYear,
} from './holiday-corrections.js';
import { addDays, daysBetween, isLocalDate, yearOf } from './local-date.js';
import { holidaysFor, regionTimeZone, ruleHolidays, shippedLanguagesOf } from './region-catalog.js';

/**
 * Holidays -> special-occasion events, as a chain of small pure steps:
 * region holidays -> day entries -> exclusions -> merge per date -> consecutive runs -> events.
 */

/** LivePerson rejects a day-off event whose daily recurrence exceeds 30 days. */
export const MAX_OFF_DAYS_PER_EVENT = 30;

/** A whole day off. */
export interface OffDay {
  kind: 'off';
  date: string;
  name: string;
  /** Named in the config (`extraEvents`): wins over every computed holiday on its date. */
  fromConfig?: boolean;
}

/** Opening hours the config names for one day (a working `extraEvents` entry): the day's hours. */
export interface WindowDay {
  kind: 'window';
  date: string;
  name: string;
  working: true;
  from: string;
  to: string;
  fromConfig?: boolean;
}

/**
 * A day closed only in part (24 Dec from 14:00, Ash Wednesday until 14:00, a closure the config
 * names from..to). Its hours are the day's normal hours without the closed part, known only from
 * the Workdays of the calendar's skills (or fixed hours): LivePerson takes an occasion's windows
 * as the whole day's hours, and a not-working window closes all of it.
 */
export interface HalfDay {
  kind: 'half';
  date: string;
  name: string;
  /** The closed part of the day, minutes from midnight. */
  closed: Interval[];
  fromConfig?: boolean;
}

export type DayEntry = OffDay | WindowDay | HalfDay;

export type PartialDays = CalendarConfig['partialDays'];

/** The calendar's time zone: the configured one, else the (single) time zone of its regions. */
export function calendarTimeZone(calendar: Pick<CalendarConfig, 'timeZone' | 'regions'>): string {
  const zone = calendar.timeZone ?? calendar.regions.map(regionTimeZone).find(Boolean);
  return zone ?? 'UTC';
}

/** A civil (wall-clock) moment: the local date and HH:MM. */
export interface WallClock {
  date: string;
  time: string;
}

/**
 * date-holidays' `date`: the civil start, followed by an offset when the holiday begins before its
 * civil date ("2026-05-27 00:00:00 -0600": Islamic and Hebrew holidays begin at the previous sunset).
 */
const HOLIDAY_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}):\d{2}( [+-]\d{4})?$/;

export class UnexpectedHolidayDateError extends Error {
  override name = 'UnexpectedHolidayDateError';
  constructor(readonly holiday: Pick<HolidaysTypes.Holiday, 'date' | 'name'>) {
    super(
      `date-holidays gave "${holiday.name}" the date "${holiday.date}", not "YYYY-MM-DD HH:mm:ss [+-HHMM]": a library upgrade changed its format (README "Upgrading the holiday libraries")`,
    );
  }
}

const DAY_MS = 86_400_000;

/**
 * One date-holidays entry as the civil days it covers: from its `date` through its length. Every
 * day it covers whole is a day off; a day it covers only in part (from a start time, until an end
 * time, or both) is a half day, handled per `partialDays`.
 *
 * A holiday that begins at the previous sunset is not a half day on its eve: it is whole days on
 * its civil dates, and the eve keeps its normal hours. date-holidays counts such a holiday's length
 * from that sunset, so a length of whole days ends with its last civil date, and any other length
 * ends at a real time (TR's "1 Shawwal PT90H": 18:00 on the eve + 90 h = noon on the fourth day).
 *
 * The instants must come from date-holidays computing in UTC (`holidaysFor`): they are then the
 * civil times themselves, read without any zone's offsets or DST gaps.
 */
export function holidayToDays(holiday: HolidaysTypes.Holiday, partialDays: PartialDays): DayEntry[] {
  const match = HOLIDAY_DATE.exec(holiday.date);
  const [, date, time, offset] = match ?? [];
  if (!date || !time) throw new UnexpectedHolidayDateError(holiday);
  const length = holiday.end.getTime() - holiday.start.getTime();
  const civilStart = { date, time };
  const civilEnd =
    offset && length % DAY_MS === 0
      ? { date: addDays(date, length / DAY_MS), time: time }
      : utcClock(holiday.end);
  return spanToDays(civilStart, civilEnd, holiday.name, partialDays);
}

/** An instant computed in UTC, as the civil date and time it stands for. */
function utcClock(instant: Date): WallClock {
  const iso = instant.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The days of a span [start, end) given as wall clock; the end is exclusive. */
export function spanToDays(
  start: WallClock,
  end: WallClock,
  name: string,
  partialDays: PartialDays,
): DayEntry[] {
  const days: DayEntry[] = [];
  if (start.date === end.date) {
    if (start.time < end.time) days.push(...partialDay(start.date, start.time, end.time, name, partialDays));
    return days;
  }
  let date = start.date;
  if (start.time !== '00:00') {
    days.push(...partialDay(date, start.time, END_OF_DAY, name, partialDays));
    date = addDays(date, 1);
  }
  for (; date < end.date; date = addDays(date, 1)) days.push({ kind: 'off', date, name });
  if (end.time !== '00:00') days.push(...partialDay(end.date, '00:00', end.time, name, partialDays));
  return days;
}

/** The last minute LivePerson's wall-clock windows can express on a day. */
const END_OF_DAY = '23:59';

/**
 * A day the holiday covers from `from` to `to` only. `closed` takes the whole day off, `ignore`
 * keeps normal hours, `reduced` keeps the normal hours outside the holiday (a half day, resolved
 * against the hours once they are known).
 */
function partialDay(
  date: string,
  from: string,
  to: string,
  name: string,
  partialDays: PartialDays,
): DayEntry[] {
  switch (partialDays.mode) {
    case 'ignore':
      return [];
    case 'reduced':
      return [{ kind: 'half', date, name, closed: [{ from: minuteOf(from), to: endMinute(to) }] }];
    default:
      return [{ kind: 'off', date, name }];
  }
}

function endMinute(time: string): number {
  return time === END_OF_DAY ? DAY_MINUTES : minuteOf(time);
}

export function extraEventToDay(extra: ExtraEvent): DayEntry {
  if (extra.from && extra.to) {
    if (!extra.working) {
      return {
        kind: 'half',
        date: extra.date,
        name: extra.name,
        closed: [{ from: minuteOf(extra.from), to: endMinute(extra.to) }],
      };
    }
    return {
      kind: 'window',
      date: extra.date,
      name: extra.name,
      working: true,
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

const holidayCache = new Map<string, HolidaysTypes.Holiday[]>();

/**
 * The holidays date-holidays lists for a region and year, of the calendar's types. Their dates are
 * civil dates: the same in every zone a calendar names. Memoised: a run asks for the same region
 * and year for several years and calendars; the data is static.
 */
export function regionHolidays(
  region: string,
  year: number,
  calendar: Pick<CalendarConfig, 'types' | 'language' | 'substitutes'>,
): HolidaysTypes.Holiday[] {
  const key = JSON.stringify([
    region,
    year,
    [...calendar.types].sort(),
    calendar.language,
    calendar.substitutes,
  ]);
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const holidays = holidaysFor(region, calendar.types);
  const shipped = shippedLanguagesOf(holidays);
  // "en" in the US means US English: prefer the region's own variant of the language.
  const preferred =
    shipped.find((lang) => lang === calendar.language || lang.startsWith(`${calendar.language}-`)) ??
    calendar.language;
  // The instance is shared by every calendar of the region, and date-holidays keeps the language
  // of its last call, falling back to it for a name the asked one lacks: set this calendar's
  // whole chain each time, so one calendar's language never leaks into another's names.
  holidays.setLanguages([...new Set([preferred, calendar.language, ...shipped])]);
  const result = holidays
    .getHolidays(year)
    .filter((holiday) => calendar.types.includes(holiday.type))
    .filter((holiday) => calendar.substitutes === 'include' || !holiday.substitute);
  holidayCache.set(key, result);
  return result;
}

function joinNames(names: readonly string[]): string {
  return [...new Set(names)].join(' / ');
}

/**
 * One entry per date. What the config names explicitly (`extraEvents`) replaces the computed
 * holidays of its date; otherwise a whole day off absorbs everything else on its date (LivePerson
 * lets "not working" win anyway). Opening hours the config names are the day's hours, less any
 * closure on the date; closures in part add up into one half day.
 */
export function mergeDays(entries: readonly DayEntry[]): DayEntry[] {
  const byDate = new Map<string, DayEntry[]>();
  for (const entry of entries) {
    const list = byDate.get(entry.date);
    if (list) list.push(entry);
    else byDate.set(entry.date, [entry]);
  }
  const merged: DayEntry[] = [];
  for (const [date, all] of byDate) {
    const configured = all.filter((entry) => entry.fromConfig);
    const dayEntries = (configured.length > 0 ? configured : all).map(({ fromConfig: _, ...entry }) => entry);
    const offNames = dayEntries.filter((entry) => entry.kind === 'off').map((entry) => entry.name);
    if (offNames.length > 0) {
      merged.push({ kind: 'off', date, name: joinNames(offNames) });
      continue;
    }
    const halves = dayEntries.filter((entry): entry is HalfDay => entry.kind === 'half');
    const closed = unionIntervals(halves.flatMap((entry) => entry.closed));
    const windows = dayEntries.filter((entry): entry is WindowDay => entry.kind === 'window');
    if (windows.length === 0) {
      if (halves.length > 0)
        merged.push({ kind: 'half', date, name: joinNames(halves.map((h) => h.name)), closed });
      continue;
    }
    const name = joinNames(windows.map((entry) => entry.name));
    const open = subtractIntervals(
      windows.map((entry) => ({ from: minuteOf(entry.from), to: endMinute(entry.to) })),
      closed,
    );
    if (open.length === 0) merged.push({ kind: 'off', date, name });
    for (const part of open) merged.push(windowOf(date, name, part));
  }
  return merged;
}

/** A working window of a day, as the config's HH:MM (the day's end is 23:59, LivePerson's). */
export function windowOf(date: string, name: string, part: Interval): WindowDay {
  const to = part.to >= DAY_MINUTES ? END_OF_DAY : clock(part.to);
  return { kind: 'window', date, name, working: true, from: clock(part.from), to };
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
    meta: { working: true, name: day.name },
    start: { dateTime: `${day.date}T${day.from}:00`, timeZone },
    // The day's end as the importer writes it for a day off too.
    end: { dateTime: `${day.date}T${day.to}:${day.to === END_OF_DAY ? '59' : '00'}`, timeZone },
    recurrence: [],
  };
}

/**
 * The day entries of one calendar year, before merging: the days of every holiday that touches
 * the year (one of the year before may run into it, one of the year after may be observed in it),
 * clipped to the year, so each year's events are the same whatever other years a run covers.
 */
export function calendarDays(calendar: CalendarConfig, year: number): DayEntry[] {
  const holidayDays = calendar.regions
    .flatMap((region) => {
      const corrections = correctionsFor(region, calendar.corrections);
      const days = correctedRegionHolidays(region, year, calendar, corrections).flatMap((holiday) =>
        holidayToDays(holiday, calendar.partialDays),
      );
      return removeCorrectedDays(days, corrections);
    })
    .filter((day) => yearOf(day.date) === year && !isExcluded(day, calendar.exclude));
  const extraDays = calendar.extraEvents
    .filter((extra) => yearOf(extra.date) === year)
    .map((extra): DayEntry => ({ ...extraEventToDay(extra), fromConfig: true }));
  return [...holidayDays, ...extraDays];
}

/**
 * A region's holidays that touch a year (one of the year before may run into it, one of the year
 * after may be observed in it), with the corrections table's holiday-level entries, of the
 * calendar's types: each year corrected on its own, then the substitute days over all three.
 */
function correctedRegionHolidays(
  region: string,
  year: number,
  calendar: CalendarConfig,
  corrections: readonly HolidayCorrection[],
): HolidaysTypes.Holiday[] {
  const seen = new Set<string>();
  const holidays = [year - 1, year, year + 1]
    .flatMap((each) =>
      correctHolidays(regionHolidays(region, each, calendar), each, corrections, {
        language: calendar.language,
        everyType: () => regionHolidays(region, each, { ...calendar, types: [...HOLIDAY_TYPES] }),
        evaluate: ruleHolidays,
      }),
    )
    .filter((holiday) => {
      const key = `${holiday.name}|${holiday.start.toISOString()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const substitutes = corrections.flatMap((entry) =>
    entry.kind === 'substitute' ? substituteHolidays(holidays, entry, calendar.language) : [],
  );
  return [...holidays, ...substitutes]
    .filter((holiday) => calendar.types.includes(holiday.type))
    .filter((holiday) => calendar.substitutes === 'include' || !holiday.substitute);
}

/**
 * `exclude` names that match no holiday of the calendar's regions in these years: most likely a
 * typo or another language, so the holiday they meant is still in.
 */
export function unmatchedExclusions(calendar: CalendarConfig, years: readonly number[]): string[] {
  const names = calendar.exclude.filter((entry) => !isLocalDate(entry));
  if (names.length === 0) return [];
  const known = new Set(
    calendar.regions.flatMap((region) =>
      years.flatMap((year) =>
        regionHolidays(region, year, calendar).map((holiday) => holiday.name.toLowerCase()),
      ),
    ),
  );
  return names.filter((name) => !known.has(name.toLowerCase()));
}

/**
 * The corrections table's day-level entries on the days (before `exclude`, which still wins, as
 * do `extraEvents`): removed days, the wrong day of a move and suspended holidays go.
 */
export function removeCorrectedDays(
  days: readonly DayEntry[],
  corrections: readonly HolidayCorrection[],
): DayEntry[] {
  if (corrections.length === 0) return [...days];
  const removed = new Set(
    corrections.flatMap((entry) =>
      entry.kind === 'remove' ? entry.dates : entry.kind === 'move' ? [entry.from] : [],
    ),
  );
  const suspensions = corrections.filter((entry): entry is SuspendHolidays => entry.kind === 'suspend');
  return days.filter(
    (day) => !removed.has(day.date) && !suspensions.some((entry) => isSuspended(entry, day.date)),
  );
}

/** The ids of the corrections a calendar uses in these years. */
export function appliedCorrections(calendar: CalendarConfig, years: readonly number[]): string[] {
  const ids = new Set<string>();
  for (const region of calendar.regions) {
    for (const entry of correctionsFor(region, calendar.corrections)) {
      if (years.some((year) => touchesYear(entry, year))) ids.add(entry.id);
    }
  }
  return [...ids];
}

/** A calendar's days for some years: the events they give now, and the half days still to resolve. */
export interface CalendarDays {
  events: SpecialOccasionEvent[];
  halfDays: HalfDay[];
}

/** The canonical events and the half days of a calendar for the given years. */
export function buildCalendarDays(calendar: CalendarConfig, years: readonly number[]): CalendarDays {
  const timeZone = calendarTimeZone(calendar);
  const parts = [...new Set(years)].map((year) => yearDays(calendar, year, timeZone));
  return {
    events: sortEvents(parts.flatMap((part) => part.events)),
    halfDays: parts
      .flatMap((part) => part.halfDays)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

const yearDaysCache = new Map<string, CalendarDays>();

/**
 * The settings that cannot change a calendar's days: its name, its text and what it links. Every
 * other setting, one added later included, is part of the cache key, so a warm Lambda never serves
 * the days of another config.
 */
const NOT_ABOUT_DAYS = ['name', 'description', 'skills', 'adopt', 'accountDefault'] as const;

/** The cache key of one year's days: the whole calendar but what cannot change them. */
export function yearDaysKey(calendar: CalendarConfig, year: number, timeZone: string): string {
  const about: Record<string, unknown> = { ...calendar };
  for (const field of NOT_ABOUT_DAYS) delete about[field];
  about.extraEvents = calendar.extraEvents.filter((extra) => yearOf(extra.date) === year);
  return JSON.stringify([about, timeZone, year]);
}

/**
 * One year's days of a calendar. Memoised by everything they depend on, so the many calendars
 * of a large account that share regions and options compute each year once. (Events are never
 * mutated: whoever changes a list copies it.)
 */
function yearDays(calendar: CalendarConfig, year: number, timeZone: string): CalendarDays {
  const key = yearDaysKey(calendar, year, timeZone);
  const cached = yearDaysCache.get(key);
  if (cached) return cached;
  const merged = mergeDays(calendarDays(calendar, year));
  const offRuns = groupOffRuns(merged.filter((day): day is OffDay => day.kind === 'off'));
  const windows = merged.filter((day): day is WindowDay => day.kind === 'window');
  const days: CalendarDays = {
    events: [
      ...offRuns.map((run) => offRunToEvent(run, timeZone)),
      ...windows.map((day) => windowToEvent(day, timeZone)),
    ],
    halfDays: merged.filter((day): day is HalfDay => day.kind === 'half'),
  };
  yearDaysCache.set(key, days);
  return days;
}
