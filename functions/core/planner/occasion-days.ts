import { type Interval, minuteOf, unionIntervals } from '../holidays/day-parts.js';
import { addDays, isLocalDate } from '../holidays/local-date.js';
import { eventLastDate, normalizeDateTime } from './canonical-events.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

/**
 * What a special occasion makes of each date it covers, by LivePerson's rule: its windows are the
 * date's whole hours (they overwrite the Workdays), and a not-working window closes the date.
 * The notice, `upcoming` and the calendar export read LivePerson's occasions through this.
 */

export interface DayWindow {
  working: boolean;
  interval: Interval;
  name: string;
}

const TIME_OF_DAY = /T(\d{2}:\d{2})/;

/** The windows an event puts on each date it covers, by date. */
export function eventWindows(event: SpecialOccasionEvent): Map<string, DayWindow> {
  const windows = new Map<string, DayWindow>();
  const startDate = event.start.dateTime.slice(0, 10);
  const lastDate = eventLastDate(event);
  if (!isLocalDate(startDate) || !isLocalDate(lastDate) || lastDate < startDate) return windows;
  const start = normalizeDateTime(event.start.dateTime);
  const end = normalizeDateTime(event.end.dateTime, true);
  const from = minuteOf(TIME_OF_DAY.exec(start)?.[1] ?? '00:00');
  const endTime = TIME_OF_DAY.exec(end)?.[1];
  // 23:59:59 is LivePerson's end of day.
  const to = endTime === undefined || end.endsWith('23:59:59') ? 1440 : minuteOf(endTime);
  const daily = (event.recurrence[0] ?? '').includes('COUNT=');
  for (let date = startDate; date <= lastDate; date = addDays(date, 1)) {
    // A daily recurrence repeats the first day's window; a span runs from its start to its end.
    const first = daily || date === startDate;
    const last = daily || date === lastDate;
    windows.set(date, {
      working: event.meta.working,
      interval: { from: first ? from : 0, to: last ? to : 1440 },
      name: event.meta.name,
    });
  }
  return windows;
}

/** What an occasion makes of one date, by LivePerson's rule. */
export interface OccasionDay {
  date: string;
  /** closed: a not-working window closes the whole date; reduced: open only in `hours`. */
  kind: 'closed' | 'reduced';
  hours: Interval[];
  holidays: string[];
}

/**
 * The dates an occasion's events cover, each decided as LivePerson does: a not-working window
 * closes the date; otherwise its working windows are the date's only hours. Sorted by date.
 */
export function occasionDays(events: readonly SpecialOccasionEvent[]): OccasionDay[] {
  const perDate = new Map<string, DayWindow[]>();
  for (const event of events) {
    for (const [date, window] of eventWindows(event))
      perDate.set(date, [...(perDate.get(date) ?? []), window]);
  }
  return [...perDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, windows]) => {
      const closed = windows.some((window) => !window.working);
      return {
        date,
        kind: closed ? 'closed' : 'reduced',
        hours: closed ? [] : unionIntervals(windows.map((window) => window.interval)),
        holidays: [...new Set(windows.map((window) => window.name))],
      };
    });
}
