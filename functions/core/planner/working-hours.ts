import { clock, DAY_MINUTES, type Interval, unionIntervals } from '../holidays/day-parts.js';
import { addDays, daysBetween, isTimeZone, weekday } from '../holidays/local-date.js';
import { instantOf, isIntlTimeZone, wallAt, wallOfDate } from '../holidays/zoned-time.js';

/**
 * LivePerson's Workdays (the `workinghours` objects) as normal hours: weekly windows, each in its
 * own zone, read for one date of a calendar in the calendar's zone. The importer only reads them.
 */

/** A Workdays object as read: lenient, since the importer never writes one back. */
export interface Workdays {
  id: number;
  name: string;
  deleted?: boolean | undefined;
  isDefault?: boolean | undefined;
  events: readonly unknown[];
}

const MINUTE_MS = 60_000;
const DAY_MS = DAY_MINUTES * MINUTE_MS;

/** One weekly window: a start on a weekday (0 = Sunday) and a length, in its own zone. */
export interface WeeklyWindow {
  weekday: number;
  startMinute: number;
  minutes: number;
  timeZone: string;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
const WEEKLY = /^RRULE:FREQ=WEEKLY;BYDAY=(SU|MO|TU|WE|TH|FR|SA)$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

interface WallTime {
  date: string;
  minute: number;
}

function readTime(value: unknown, end: boolean): { time: WallTime; zone: string } | string {
  const time = record(value);
  const dateTime = typeof time?.dateTime === 'string' ? time.dateTime.trim() : undefined;
  const zone = typeof time?.timeZone === 'string' ? time.timeZone.trim() : undefined;
  const match = dateTime ? DATE_TIME.exec(dateTime) : null;
  const [, date, hours, minutes] = match ?? [];
  if (!date)
    return `${end ? 'end' : 'start'}.dateTime ${JSON.stringify(dateTime ?? null)} is not a date or date-time`;
  // The bundled zones first: ICU (~20 ms of a cold start) only starts for a zone they lack.
  if (!zone || !(isTimeZone(zone) || isIntlTimeZone(zone)))
    return `${end ? 'end' : 'start'}.timeZone ${JSON.stringify(zone ?? null)} is not a time zone`;
  let minute = Number(hours ?? 0) * 60 + Number(minutes ?? 0);
  // LivePerson's own "until the end of the day" is 23:59.
  if (end && minute === DAY_MINUTES - 1) minute = DAY_MINUTES;
  return { time: { date, minute }, zone };
}

/** One Workdays event as a weekly window, or why it cannot be read. */
export function weeklyWindow(event: unknown): WeeklyWindow | string {
  const fields = record(event);
  if (!fields) return 'an event is not an object';
  const start = readTime(fields.start, false);
  if (typeof start === 'string') return start;
  const end = readTime(fields.end, true);
  if (typeof end === 'string') return end;
  if (start.zone !== end.zone) return `start.timeZone "${start.zone}" and end.timeZone "${end.zone}" differ`;
  const rules = Array.isArray(fields.recurrence) ? fields.recurrence : [];
  if (rules.length !== 1 || typeof rules[0] !== 'string' || !WEEKLY.test(rules[0].trim())) {
    return `recurrence ${JSON.stringify(fields.recurrence ?? null)} is not one "RRULE:FREQ=WEEKLY;BYDAY=XX"`;
  }
  const minutes =
    daysBetween(start.time.date, end.time.date) * DAY_MINUTES + end.time.minute - start.time.minute;
  if (minutes <= 0 || minutes > DAY_MINUTES) {
    return `the window ${start.time.date} ${clock(start.time.minute)} .. ${end.time.date} ${clock(end.time.minute)} is not between 1 minute and 24 hours`;
  }
  // The newest Workdays documentation: the start date's weekday wins over BYDAY.
  return { weekday: weekday(start.time.date), startMinute: start.time.minute, minutes, timeZone: start.zone };
}

/** Every window of a Workdays object, or the first event it cannot read. */
export function weeklyWindows(workdays: Workdays): { windows: WeeklyWindow[] } | { problem: string } {
  const windows: WeeklyWindow[] = [];
  for (const [index, event] of workdays.events.entries()) {
    const window = weeklyWindow(event);
    if (typeof window === 'string') return { problem: `events[${index}]: ${window}` };
    windows.push(window);
  }
  return { windows };
}

/**
 * The hours that weekly windows give one date of a calendar, in the calendar's zone. A window in
 * another zone is placed by its instants on that date (so a DST change on either side counts); one
 * in the calendar's own zone is read as wall time, as LivePerson runs it.
 */
export function hoursOn(windows: readonly WeeklyWindow[], date: string, zone: string): Interval[] {
  const dayStart = wallOfDate(date);
  const parts: Interval[] = [];
  for (const window of windows) {
    // A window that starts the day before may run into this date; one of the next day never does
    // in the same zone, but may in a zone behind.
    for (const candidate of [addDays(date, -1), date, addDays(date, 1)]) {
      if (weekday(candidate) !== window.weekday) continue;
      const start = wallOfDate(candidate) + window.startMinute * MINUTE_MS;
      const end = start + window.minutes * MINUTE_MS;
      if (window.timeZone === zone) {
        parts.push(clip(start - dayStart, end - dayStart));
        continue;
      }
      const from = instantOf(start, window.timeZone);
      const to = instantOf(end, window.timeZone);
      const dayFrom = instantOf(dayStart, zone);
      const dayTo = instantOf(dayStart + DAY_MS, zone);
      const clippedFrom = Math.max(from, dayFrom);
      const clippedTo = Math.min(to, dayTo);
      if (clippedTo <= clippedFrom) continue;
      const wallFrom = clippedFrom === dayFrom ? dayStart : wallAt(clippedFrom, zone);
      const wallTo = clippedTo === dayTo ? dayStart + DAY_MS : wallAt(clippedTo, zone);
      parts.push(clip(wallFrom - dayStart, wallTo - dayStart));
    }
  }
  return unionIntervals(parts);
}

function clip(fromMs: number, toMs: number): Interval {
  return {
    from: Math.max(0, Math.min(DAY_MINUTES, Math.round(fromMs / MINUTE_MS))),
    to: Math.max(0, Math.min(DAY_MINUTES, Math.round(toMs / MINUTE_MS))),
  };
}
