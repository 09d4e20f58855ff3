import { createHash } from 'node:crypto';
import { addDays, yearOf } from '../holidays/local-date.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(.*)$/;

/**
 * The importer's form of a wall-clock time, yyyy-MM-dd'T'HH:mm:ss: LivePerson may hand back
 * `T00:00` for `T00:00:00` or add milliseconds; a date alone stays a date alone. An end at `23:59`
 * without seconds is LivePerson's own "end of day" (the UI's), i.e. the importer's `23:59:59`.
 */
export function normalizeDateTime(value: string, end = false): string {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return value;
  const [, date, hours, minutes, seconds, rest = ''] = match;
  if (hours === undefined) return `${date}${rest}`;
  const defaultSeconds = end && hours === '23' && minutes === '59' ? '59' : '00';
  return `${date}T${hours}:${minutes}:${seconds ?? defaultSeconds}${rest}`;
}

/**
 * One event in a fixed key order with only the fields LivePerson defines, times normalised. Two
 * events that mean the same thing serialize to the same string, whatever key order or time
 * format the API answered with. (The importer's own events are already in this form, so their
 * fingerprints are the same as before normalising.)
 */
export function canonicalEvent(event: SpecialOccasionEvent): SpecialOccasionEvent {
  return {
    meta: { working: event.meta.working, name: event.meta.name },
    start: { dateTime: normalizeDateTime(event.start.dateTime), timeZone: event.start.timeZone.trim() },
    end: { dateTime: normalizeDateTime(event.end.dateTime, true), timeZone: event.end.timeZone.trim() },
    recurrence: event.recurrence.map((rule) => rule.trim()),
  };
}

export function eventKey(event: SpecialOccasionEvent): string {
  return JSON.stringify(canonicalEvent(event));
}

export function compareEvents(a: SpecialOccasionEvent, b: SpecialOccasionEvent): number {
  return (
    compareText(a.start.dateTime, b.start.dateTime) ||
    compareText(a.meta.name, b.meta.name) ||
    compareText(eventKey(a), eventKey(b))
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function sortEvents<T extends SpecialOccasionEvent>(events: readonly T[]): T[] {
  return [...events].sort(compareEvents);
}

/** The calendar year an event belongs to: the year of its first day. */
export function eventYear(event: SpecialOccasionEvent): number {
  return yearOf(event.start.dateTime.slice(0, 10));
}

const COUNT_PATTERN = /COUNT=(\d+)/;

/** The last calendar day an event covers, counting its daily recurrence. */
export function eventLastDate(event: SpecialOccasionEvent): string {
  const startDate = event.start.dateTime.slice(0, 10);
  const endDate = event.end.dateTime.slice(0, 10);
  const count = Number(COUNT_PATTERN.exec(event.recurrence[0] ?? '')?.[1] ?? '1');
  // A date-only end is exclusive (the Workdays rule); a wall-clock end is inclusive.
  const lastOfFirst =
    event.end.dateTime.length === 10 && endDate > startDate ? addDays(endDate, -1) : endDate;
  return addDays(lastOfFirst, Math.max(count, 1) - 1);
}

/** Hash of the canonical, sorted events: what the ownership marker records. */
export function fingerprintEvents(events: readonly SpecialOccasionEvent[]): string {
  const canonical = sortEvents(events.map(canonicalEvent));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
}
