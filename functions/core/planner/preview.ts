import type { CalendarConfig, Config } from '../config/config-schema.js';
import { appliedCorrections, calendarDays, type HalfDay, mergeDays } from '../holidays/calendar-events.js';
import { sortEvents } from './canonical-events.js';
import { desiredCalendars } from './desired-calendar.js';
import { describeHalfDay, fixedHoursSource, resolveHalfDays } from './half-days.js';
import type { SpecialOccasionEvent } from './special-occasion.js';

/** A half day whose hours only LivePerson's Workdays tell: how `preview` shows it offline. */
export interface PreviewHalfDay {
  date: string;
  name: string;
  /** "normal hours until 14:00" */
  hours: string;
}

export interface CalendarPreview {
  name: string;
  timeZone: string;
  years: number[];
  events: SpecialOccasionEvent[];
  /** Half days left to the Workdays of the calendar's skills (none when fixed hours are given). */
  halfDays: PreviewHalfDay[];
  /** The same half days with the holiday's part of the day, for a calendar file. */
  openHalfDays: HalfDay[];
  warnings: string[];
  corrections: string[];
  /** The dates where the corrections make the days differ from date-holidays' own. */
  correctedDates: string[];
  /** The dates each correction changes in the years shown (id -> dates). */
  correctedBy: Record<string, string[]>;
}

export interface Preview {
  years: number[];
  calendars: CalendarPreview[];
}

/** Each day a calendar's days touch in some years, with what happens on it. */
function dayStates(calendar: CalendarConfig, years: readonly number[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const year of years) {
    for (const day of mergeDays(calendarDays(calendar, year))) {
      states.set(day.date, `${states.get(day.date) ?? ''}${JSON.stringify({ ...day, name: undefined })}`);
    }
  }
  return states;
}

/** The dates whose days differ between two sets of days. */
function differingDates(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((date) => a.get(date) !== b.get(date)).sort();
}

/** What the corrections change in a calendar's years: the dates, all in all and per entry. */
export interface CorrectionEffects {
  /** Where the calendar's days differ from date-holidays' own. */
  dates: string[];
  /** Per entry: where the days differ with the entry skipped. A rule names no dates of its own. */
  byEntry: Map<string, string[]>;
}

export function correctionEffects(calendar: CalendarConfig, years: readonly number[]): CorrectionEffects {
  const byEntry = new Map<string, string[]>();
  const ids = appliedCorrections(calendar, years);
  if (ids.length === 0) return { dates: [], byEntry };
  const skipped = typeof calendar.corrections === 'object' ? calendar.corrections.skip : [];
  const states = dayStates(calendar, years);
  for (const id of ids) {
    byEntry.set(
      id,
      differingDates(states, dayStates({ ...calendar, corrections: { skip: [...skipped, id] } }, years)),
    );
  }
  return { dates: differingDates(states, dayStates({ ...calendar, corrections: false }, years)), byEntry };
}

function correctedDatesOf(
  config: Config,
  name: string,
  years: readonly number[],
): Pick<CalendarPreview, 'correctedDates' | 'correctedBy'> {
  const calendar = config.calendars.find((each) => each.name === name);
  if (!calendar) return { correctedDates: [], correctedBy: {} };
  const effects = correctionEffects(calendar, years);
  return { correctedDates: effects.dates, correctedBy: Object.fromEntries(effects.byEntry) };
}

/** The events each calendar would get, computed offline (a manual run's years unless given). */
export function previewCalendars(
  config: Config,
  request: { years?: readonly number[]; calendars?: readonly string[]; now: Date },
): Preview {
  const calendars = desiredCalendars(config, { ...request, trigger: 'manual' }).map((calendar) => {
    // Fixed hours are known offline; Workdays only to a run that reads LivePerson.
    const fixed = calendar.fixedHours
      ? resolveHalfDays(calendar.halfDays, [fixedHoursSource(calendar.fixedHours)], calendar.timeZone)
      : undefined;
    const resolved = fixed && 'events' in fixed ? fixed.events : [];
    return {
      name: calendar.name,
      timeZone: calendar.timeZone,
      years: [...calendar.years],
      events: sortEvents([...calendar.events, ...resolved]),
      halfDays: calendar.fixedHours
        ? []
        : calendar.halfDays.map((half) => ({
            date: half.date,
            name: half.name,
            hours: describeHalfDay(half),
          })),
      openHalfDays: calendar.fixedHours ? [] : [...calendar.halfDays],
      warnings: [...(calendar.warnings ?? [])],
      corrections: [...(calendar.corrections ?? [])],
      ...correctedDatesOf(config, calendar.name, calendar.years),
    };
  });
  const years = [...new Set(calendars.flatMap((calendar) => calendar.years))].sort((a, b) => a - b);
  return { years, calendars };
}
