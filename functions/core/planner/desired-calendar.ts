import { listBounded, quoteBounded } from '../bounded-text.js';
import type { CalendarConfig, Config } from '../config/config-schema.js';
import { InputError } from '../errors.js';
import {
  appliedCorrections,
  buildCalendarDays,
  calendarTimeZone,
  unmatchedExclusions,
} from '../holidays/calendar-events.js';
import { minuteOf } from '../holidays/day-parts.js';
import { unknownHolidayWarnings } from '../holidays/holiday-corrections.js';
import { yearOf } from '../holidays/local-date.js';
import { pruneBefore, runYears, type Trigger } from '../holidays/run-years.js';
import { eventYear } from './canonical-events.js';
import type { DesiredCalendar } from './plan.js';
import type { SpecialOccasion } from './special-occasion.js';

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
      `Unknown calendar ${listBounded(unknown.map((name) => quoteBounded(name)))}; the config has: ${known.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  return config.calendars.filter((calendar) => names.includes(calendar.name));
}

/** The years each special occasion holds events of, by name (what a read of LivePerson shows). */
export function heldYears(occasions: readonly SpecialOccasion[]): Map<string, number[]> {
  const held = new Map<string, number[]>();
  for (const occasion of occasions) {
    if (occasion.deleted) continue;
    held.set(occasion.name, [...new Set(occasion.events.map(eventYear))]);
  }
  return held;
}

/**
 * What each selected calendar should hold after this run: the events of the run's years, and of
 * the other (unpruned) years its existing object holds, by `held` (empty before a read).
 */
export function desiredCalendars(
  config: Config,
  request: RunRequest,
  held: ReadonlyMap<string, readonly number[]> = new Map(),
): DesiredCalendar[] {
  return selectCalendars(config, request.calendars).map((calendar) => {
    const timeZone = calendarTimeZone(calendar);
    const years = runYears({ ...request, timeZone, yearsAhead: config.yearsAhead });
    const prune = pruneBefore(request.now, timeZone, config.keepPastYears);
    const otherYears = (held.get(calendar.name) ?? []).filter(
      (year) => !years.includes(year) && `${year}-12-31` >= prune,
    );
    const days = buildCalendarDays(calendar, years);
    const heldDays =
      otherYears.length > 0 ? buildCalendarDays(calendar, otherYears) : { events: [], halfDays: [] };
    const { opensAt, closesAt } = calendar.partialDays;
    return {
      name: calendar.name,
      timeZone,
      description: calendar.description,
      years,
      events: days.events,
      halfDays: days.halfDays,
      corrections: appliedCorrections(calendar, years),
      warnings: [
        ...unmatchedExclusions(calendar, years).map(
          (name) =>
            `exclude "${name}" matches no holiday of ${calendar.regions.join(', ')} in ${years.join(', ')}; check the spelling and the language ("${calendar.language}")`,
        ),
        ...unknownHolidayWarnings(
          calendar.regions,
          years,
          new Set(calendar.extraEvents.map((extra) => yearOf(extra.date))),
        ),
      ],
      heldEvents: heldDays.events,
      heldHalfDays: heldDays.halfDays,
      pruneBefore: prune,
      skills: calendar.skills,
      adopt: calendar.adopt,
      accountDefault: calendar.accountDefault,
      ...(opensAt && closesAt ? { fixedHours: { from: minuteOf(opensAt), to: minuteOf(closesAt) } } : {}),
    };
  });
}
