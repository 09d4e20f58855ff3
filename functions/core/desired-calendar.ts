import { buildCalendarEvents, calendarTimeZone } from './calendar-events.js';
import type { CalendarConfig, Config } from './config-schema.js';
import { InputError } from './errors.js';
import type { DesiredCalendar } from './plan.js';
import { pruneBefore, runYears, type Trigger } from './run-years.js';

export interface RunRequest {
  trigger: Trigger;
  years?: readonly number[] | undefined;
  /** Calendar names to run; all when empty. */
  calendars?: readonly string[] | undefined;
  now: Date;
}

export function selectCalendars(config: Config, names: readonly string[] | undefined): CalendarConfig[] {
  if (!names || names.length === 0) return config.calendars;
  const known = config.calendars.map((calendar) => calendar.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown calendar ${unknown.map((name) => `"${name}"`).join(', ')}; the config has: ${known.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  return config.calendars.filter((calendar) => names.includes(calendar.name));
}

/** What each selected calendar should hold after this run. */
export function desiredCalendars(config: Config, request: RunRequest): DesiredCalendar[] {
  return selectCalendars(config, request.calendars).map((calendar) => {
    const timeZone = calendarTimeZone(calendar);
    const years = runYears({ ...request, timeZone, yearsAhead: config.yearsAhead });
    return {
      name: calendar.name,
      timeZone,
      description: calendar.description,
      years,
      events: buildCalendarEvents(calendar, years),
      pruneBefore: pruneBefore(request.now, timeZone, config.keepPastYears),
      skills: calendar.skills,
      adopt: calendar.adopt,
    };
  });
}
