import { createHash } from 'node:crypto';
import { ICalCalendar } from 'ical-generator';
import moment from 'moment-timezone';
import { tzlib_get_ical_block, tzlib_get_offset } from 'timezones-ical-library';
import type { HalfDay } from '../holidays/calendar-events.js';
import { clock, DAY_MINUTES, formatIntervals } from '../holidays/day-parts.js';
import { addDays } from '../holidays/local-date.js';
import { occasionDays } from '../planner/occasion-days.js';
import type { SpecialOccasionEvent } from '../planner/special-occasion.js';

/**
 * A calendar's closures as an iCalendar file (RFC 5545) that Outlook and Google Calendar import:
 * a whole day off is an all-day event, reduced hours are timed events in the calendar's zone
 * (with its VTIMEZONE), each named after its holiday. Written with ical-generator; the zone's
 * VTIMEZONE comes from timezones-ical-library.
 */

export type CalendarEntry =
  | { kind: 'allDay'; date: string; name: string; description: string }
  | { kind: 'timed'; date: string; from: number; to: number; name: string; description: string };

/** What the occasion's events make of each date, as LivePerson reads them. */
export function occasionEntries(events: readonly SpecialOccasionEvent[]): CalendarEntry[] {
  return occasionDays(events).flatMap((day): CalendarEntry[] => {
    const name = day.holidays.join(', ');
    if (day.kind === 'closed')
      return [{ kind: 'allDay', date: day.date, name, description: 'Closed all day' }];
    const description = `Reduced hours: open only ${formatIntervals(day.hours)}`;
    return day.hours.map((hours) => ({ kind: 'timed', date: day.date, ...hours, name, description }));
  });
}

/**
 * Half days whose hours only the skills' Workdays tell (offline, `--from-config`): the holiday's
 * part of the day, as a timed event.
 */
export function halfDayEntries(halfDays: readonly HalfDay[]): CalendarEntry[] {
  return halfDays.flatMap((half) =>
    half.closed.map((closed): CalendarEntry => {
      const description =
        closed.to >= DAY_MINUTES
          ? `Reduced hours: closed from ${clock(closed.from)}; the normal hours until then`
          : closed.from === 0
            ? `Reduced hours: closed until ${clock(closed.to)}; the normal hours from then`
            : `Reduced hours: closed ${formatIntervals([closed])}`;
      return { kind: 'timed', date: half.date, ...closed, name: half.name, description };
    }),
  );
}

export interface CalendarFile {
  name: string;
  timeZone: string;
  entries: readonly CalendarEntry[];
  /** The file's DTSTAMP: the moment it was made. */
  now: Date;
}

interface ZoneBlock {
  /** The TZID the block defines: a link's canonical zone ("US/Eastern" -> "America/New_York"). */
  tzid: string;
  vtimezone: string;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The zone's VTIMEZONE, if the library holds one that gives every timed entry the offset the tz
 * database (moment-timezone) gives it. A VTIMEZONE states yearly rules; a zone whose law is not
 * one (Morocco's Ramadan change) gets none, and its timed events are written in UTC instead.
 */
function zoneBlock(zone: string, entries: readonly CalendarEntry[]): ZoneBlock | undefined {
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block) || !block[0]?.startsWith('BEGIN:VTIMEZONE')) return undefined;
  const tzid = /^TZID[=:](.+)$/.exec(block[1] ?? '')?.[1]?.trim();
  if (!tzid) return undefined;
  for (const entry of entries) {
    if (entry.kind !== 'timed') continue;
    for (const minute of [entry.from, entry.to]) {
      const wall = wallClock(entry.date, minute, zone);
      const offset = tzlib_get_offset(tzid, wall.format('YYYY-MM-DD'), wall.format('HH:mm'));
      if (offset !== offsetText(wall.utcOffset())) return undefined;
    }
  }
  return { tzid, vtimezone: block[0] };
}

function wallClock(date: string, minute: number, zone: string): moment.Moment {
  // 24:00 is the next day's midnight.
  const day = minute >= DAY_MINUTES ? addDays(date, 1) : date;
  return moment.tz(`${day}T${clock(minute % DAY_MINUTES)}:00`, zone);
}

/** A UID that stays the same for the same calendar, date and window, so a re-import updates. */
function uid(calendar: string, entry: CalendarEntry): string {
  const window = entry.kind === 'timed' ? `${entry.from}-${entry.to}` : 'all-day';
  const hash = createHash('sha256').update(`${calendar}\n${entry.date}\n${window}`).digest('hex');
  return `${hash.slice(0, 24)}@holiday-importer`;
}

export function renderCalendarFile(file: CalendarFile): string {
  const zone = zoneBlock(file.timeZone, file.entries);
  const calendar = new ICalCalendar({
    name: file.name,
    prodId: { company: 'holiday-importer', product: 'export', language: 'EN' },
  });
  // A zone without a VTIMEZONE block: timed events are written in UTC, the same instants.
  if (zone) calendar.timezone({ name: zone.tzid, generator: () => zone.vtimezone });
  const stamp = moment.utc(file.now.getTime());
  const sorted = [...file.entries].sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      (a.kind === 'timed' ? a.from : -1) - (b.kind === 'timed' ? b.from : -1),
  );
  for (const entry of sorted) {
    if (entry.kind === 'allDay') {
      calendar.createEvent({
        id: uid(file.name, entry),
        allDay: true,
        // ical-generator writes a date as it reads in the calendar's zone: midnight there.
        start: moment.tz(entry.date, zone?.tzid ?? 'UTC'),
        end: moment.tz(addDays(entry.date, 1), zone?.tzid ?? 'UTC'),
        summary: entry.name,
        description: entry.description,
        stamp,
      });
      continue;
    }
    const start = wallClock(entry.date, entry.from, file.timeZone);
    const end = wallClock(entry.date, entry.to, file.timeZone);
    calendar.createEvent({
      id: uid(file.name, entry),
      start: zone ? start : start.clone().utc(),
      end: zone ? end : end.clone().utc(),
      ...(zone ? { timezone: zone.tzid } : {}),
      summary: entry.name,
      description: entry.description,
      stamp,
    });
  }
  return calendar.toString();
}

const NOT_IN_FILE_NAMES = new Set([...'/\\:*?"<>|']);

/** A calendar's name as a file name: the characters no file system takes become "_". */
export function calendarFileName(name: string): string {
  const safe = [...name]
    .map((character) => (NOT_IN_FILE_NAMES.has(character) || character.charCodeAt(0) < 32 ? '_' : character))
    .join('')
    .replace(/^\.+/, '_')
    .trim();
  return `${safe || 'calendar'}.ics`;
}
