import { calendarTimeZone } from './calendar-events.js';
import type { Config } from './config-schema.js';
import { desiredCalendars, selectCalendars } from './desired-calendar.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

export interface CalendarPreview {
  name: string;
  timeZone: string;
  years: number[];
  events: SpecialOccasionEvent[];
}

export interface Preview {
  years: number[];
  calendars: CalendarPreview[];
}

/** The events each calendar would get, computed offline (a manual run's years unless given). */
export function previewCalendars(
  config: Config,
  request: { years?: readonly number[]; calendars?: readonly string[]; now: Date },
): Preview {
  const selected = selectCalendars(config, request.calendars);
  const desired = desiredCalendars(config, { ...request, trigger: 'manual' });
  const calendars = desired.map((calendar, index) => ({
    name: calendar.name,
    timeZone: calendarTimeZone(selected[index] ?? { regions: [] }),
    years: [...calendar.years],
    events: [...calendar.events],
  }));
  const years = [...new Set(calendars.flatMap((calendar) => calendar.years))].sort((a, b) => a - b);
  return { years, calendars };
}
