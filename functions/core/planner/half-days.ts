import { listBounded, quoteBounded } from '../bounded-text.js';
import type { CalendarConfig } from '../config/config-schema.js';
import {
  buildCalendarDays,
  calendarTimeZone,
  type HalfDay,
  offRunToEvent,
  windowOf,
  windowToEvent,
} from '../holidays/calendar-events.js';
import {
  clock,
  DAY_MINUTES,
  formatIntervals,
  type Interval,
  minuteOf,
  subtractIntervals,
} from '../holidays/day-parts.js';
import { sortEvents } from './canonical-events.js';
import type { Skill, SpecialOccasionEvent } from './special-occasion.js';
import { hoursOn, type Workdays, weeklyWindows } from './working-hours.js';

/**
 * Half days against normal hours. LivePerson's rule: a special occasion overwrites the hours
 * Workdays give its date, and a date with a not-working window is closed all day. So a half day is
 * written as the working windows left of that weekday's hours once the holiday's part is taken
 * out; a weekday the hours keep closed gets no event; a day with nothing left is a day off.
 */

/** Where a calendar's normal hours come from, and how a person knows it. */
export interface HoursSource {
  /** `Workdays "Office DE" (4011110000)`, `fixed hours 09:00-17:00 (config)`, ... */
  label: string;
  /** The skills that keep these hours (none for the account default or fixed hours). */
  skills: readonly string[];
  hoursOn(date: string): Interval[];
}

/** What a half day became, for `plan`: its windows and where they came from. */
export interface HalfDayNote {
  date: string;
  name: string;
  /** "08:00-14:00", "closed all day", or "no event: closed by the normal hours". */
  hours: string;
  from: string;
}

export type HalfDayResolution =
  | { events: SpecialOccasionEvent[]; notes: HalfDayNote[] }
  | { failure: string };

type Outcome = { kind: 'none' } | { kind: 'off' } | { kind: 'open'; windows: Interval[] };

function outcomeOf(normal: readonly Interval[], closed: readonly Interval[]): Outcome {
  if (normal.length === 0) return { kind: 'none' };
  const windows = subtractIntervals(normal, closed);
  return windows.length === 0 ? { kind: 'off' } : { kind: 'open', windows };
}

function describe(outcome: Outcome): string {
  if (outcome.kind === 'none') return 'no event: closed by the normal hours';
  if (outcome.kind === 'off') return 'closed all day';
  return formatIntervals(outcome.windows);
}

function sourceName(source: HoursSource): string {
  return source.skills.length > 0
    ? `${listBounded(source.skills.map((skill) => quoteBounded(skill)))} (${source.label})`
    : source.label;
}

/**
 * Every half day against every source of the calendar's hours. Sources that give one date
 * different hours cannot share one occasion: the calendar fails, naming them, and nothing is
 * guessed.
 */
export function resolveHalfDays(
  halfDays: readonly HalfDay[],
  sources: readonly HoursSource[],
  timeZone: string,
): HalfDayResolution {
  const events: SpecialOccasionEvent[] = [];
  const notes: HalfDayNote[] = [];
  const clashes: string[] = [];
  for (const half of halfDays) {
    const outcomes = sources.map((source) => ({
      source,
      outcome: outcomeOf(source.hoursOn(half.date), half.closed),
    }));
    const distinct = new Map<string, typeof outcomes>();
    for (const entry of outcomes) {
      const key = JSON.stringify(entry.outcome);
      distinct.set(key, [...(distinct.get(key) ?? []), entry]);
    }
    if (distinct.size > 1) {
      const groups = [...distinct.values()].map(
        (group) =>
          `${group.map((entry) => sourceName(entry.source)).join(' and ')}: ${describe(group[0]?.outcome ?? { kind: 'none' })}`,
      );
      clashes.push(`${half.date} (${half.name}): ${groups.join(' vs ')}`);
      continue;
    }
    const [first] = outcomes;
    if (!first) continue;
    const { outcome } = first;
    notes.push({
      date: half.date,
      name: half.name,
      hours: describe(outcome),
      from: outcomes.map((entry) => sourceName(entry.source)).join(', '),
    });
    if (outcome.kind === 'off')
      events.push(offRunToEvent({ date: half.date, name: half.name, days: 1 }, timeZone));
    if (outcome.kind === 'open') {
      for (const part of outcome.windows)
        events.push(windowToEvent(windowOf(half.date, half.name, part), timeZone));
    }
  }
  if (clashes.length > 0) {
    return {
      failure: `its skills keep different hours on ${clashes.length} half day(s), so one special occasion cannot serve them all: ${listBounded(clashes, 3, '; ')}. Split the calendar by hours: one calendar per group of skills with the same Workdays hours. Nothing was written for it.`,
    };
  }
  return { events, notes };
}

/** How a half day reads where the hours are not known (`preview`, offline). */
export function describeHalfDay(half: HalfDay): string {
  const [only, ...more] = half.closed;
  if (!only || more.length > 0) return `normal hours except ${formatIntervals(half.closed)}`;
  if (only.from === 0) return `normal hours from ${clock(only.to)}`;
  if (only.to >= DAY_MINUTES) return `normal hours until ${clock(only.from)}`;
  return `normal hours except ${formatIntervals(half.closed)}`;
}

/** Hours the config gives (`opensAt`..`closesAt`), the same on every weekday. */
export function fixedHoursSource(hours: Interval): HoursSource {
  return {
    label: `fixed hours ${formatIntervals([hours])} on every weekday (config)`,
    skills: [],
    hoursOn: () => [hours],
  };
}

/**
 * A calendar's events with its half days resolved against one source of hours (default: the
 * config's fixed hours, else around the clock): the offline form that tests and the bench compare.
 */
export function buildCalendarEvents(
  calendar: CalendarConfig,
  years: readonly number[],
  hours: HoursSource = fixedHoursOf(calendar) ?? aroundTheClock('offline'),
): SpecialOccasionEvent[] {
  const days = buildCalendarDays(calendar, years);
  const resolved = resolveHalfDays(days.halfDays, [hours], calendarTimeZone(calendar));
  // One source never clashes with itself.
  if ('failure' in resolved) throw new Error(resolved.failure);
  return sortEvents([...days.events, ...resolved.events]);
}

function fixedHoursOf(calendar: CalendarConfig): HoursSource | undefined {
  const { opensAt, closesAt } = calendar.partialDays;
  return opensAt && closesAt
    ? fixedHoursSource({ from: minuteOf(opensAt), to: minuteOf(closesAt) })
    : undefined;
}

function aroundTheClock(skill: string): HoursSource {
  return {
    label: 'no Workdays: open around the clock',
    skills: [skill],
    hoursOn: () => [{ from: 0, to: DAY_MINUTES }],
  };
}

/** A Workdays object as a calendar's hours in its zone, or why it cannot be read. */
export function workdaysSource(
  workdays: Workdays,
  timeZone: string,
  skills: string[] = [],
): HoursSource | string {
  const read = weeklyWindows(workdays);
  const label = `Workdays ${quoteBounded(workdays.name)} (${workdays.id}${workdays.isDefault ? ', the account default' : ''})`;
  if ('problem' in read) {
    return `${label} cannot be read (${read.problem}); fix it in LivePerson or use "partialDays": "closed"`;
  }
  const windows = read.windows;
  return { label, skills, hoursOn: (date) => hoursOn(windows, date, timeZone) };
}

export interface HoursRequest {
  name: string;
  timeZone: string;
  /** The calendar's skills found in the account. */
  skills: readonly Skill[];
  /** Its occasion is the account default: the skills without one of their own follow it. */
  accountDefault: boolean;
  fixedHours?: Interval | undefined;
}

/**
 * The sources of a calendar's normal hours: each skill's Workdays (`workingHoursId`), else the
 * account's default Workdays, else around the clock (LivePerson restricts a skill without Workdays
 * by nothing); for a calendar without skills, or the account default, the default Workdays, else
 * the config's fixed hours. Equal Workdays objects are one source.
 */
export function hoursSources(
  request: HoursRequest,
  workdays: readonly Workdays[],
): { sources: HoursSource[]; warnings: string[] } | { failure: string } {
  const live = workdays.filter((item) => !item.deleted);
  const byId = new Map(live.map((item) => [item.id, item]));
  const fallback = live.find((item) => item.isDefault);
  const bySource = new Map<string, { workdays?: Workdays; skills: string[] }>();
  const add = (key: string, entry: { workdays?: Workdays; skill?: string }) => {
    const group = bySource.get(key) ?? {
      ...(entry.workdays ? { workdays: entry.workdays } : {}),
      skills: [],
    };
    if (entry.skill) group.skills.push(entry.skill);
    bySource.set(key, group);
  };
  for (const skill of request.skills) {
    const id = typeof skill.workingHoursId === 'number' ? skill.workingHoursId : undefined;
    const own = id === undefined ? undefined : byId.get(id);
    if (id !== undefined && !own) {
      return {
        failure: `skill ${quoteBounded(skill.name)} (${skill.id}) names Workdays ${id}, which the account does not hold; fix the skill's working hours in LivePerson`,
      };
    }
    const hours = own ?? fallback;
    if (hours) add(`workdays:${hours.id}`, { workdays: hours, skill: skill.name });
    else add(`clock:${skill.id}`, { skill: skill.name });
  }
  const warnings: string[] = [];
  let usedFixed = false;
  if (request.skills.length === 0 || request.accountDefault) {
    if (fallback) add(`workdays:${fallback.id}`, { workdays: fallback });
    else if (request.fixedHours) usedFixed = true;
    else if (request.skills.length === 0) {
      return {
        failure:
          'its half days need the normal hours, and it has no skills, the account no default Workdays and the config no fixed hours: link skills, set a default Workdays in LivePerson, or give "partialDays": { "mode": "reduced", "opensAt", "closesAt" }',
      };
    }
  }
  if (request.fixedHours && !usedFixed) {
    warnings.push(
      'the fixed hours of "partialDays" are not used: the hours come from Workdays (fixed hours apply only to a calendar with no skills and no default Workdays)',
    );
  }
  const sources: HoursSource[] = [];
  for (const group of bySource.values()) {
    if (!group.workdays) {
      sources.push(aroundTheClock(group.skills[0] ?? ''));
      continue;
    }
    const source = workdaysSource(group.workdays, request.timeZone, group.skills);
    if (typeof source === 'string') return { failure: source };
    sources.push(source);
  }
  if (usedFixed && request.fixedHours) sources.push(fixedHoursSource(request.fixedHours));
  return { sources, warnings };
}
