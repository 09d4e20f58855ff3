import type { Config } from './config-schema.js';
import { desiredCalendars } from './desired-calendar.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

export interface CalendarPreview {
  name: string;
  timeZone: string;
  years: number[];
  events: SpecialOccasionEvent[];
  warnings: string[];
  corrections: string[];
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
  const calendars = desiredCalendars(config, { ...request, trigger: 'manual' }).map((calendar) => ({
    name: calendar.name,
    timeZone: calendar.timeZone,
    years: [...calendar.years],
    events: [...calendar.events],
    warnings: [...(calendar.warnings ?? [])],
    corrections: [...(calendar.corrections ?? [])],
  }));
  const years = [...new Set(calendars.flatMap((calendar) => calendar.years))].sort((a, b) => a - b);
  return { years, calendars };
}
