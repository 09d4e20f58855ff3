import type { HolidaysTypes } from 'date-holidays';
import {
  type AbolishHoliday,
  type AddDayOff,
  appliesInYear,
  correctionName,
  type HolidayCorrection,
  type InstituteHoliday,
  type MoveDayOff,
  nameIn,
  type ReruleHoliday,
  type RetypeHoliday,
  type SubstituteRule,
} from './holiday-corrections.js';
import { addDays, weekday, yearOf } from './local-date.js';

/**
 * The corrections that act on holidays (before they become days), one small pure function per
 * kind. Each takes the holidays date-holidays computed for a region and year (`Holiday`, with its
 * `rule`) and returns them corrected; the table's own tests are in holiday-corrections.test.ts.
 * Order matters only in `correctHolidays`: what the law takes away, then what it changes, then
 * what it adds, so that a substitute day sees every holiday of the year.
 */

export type HolidayRecord = HolidaysTypes.Holiday;

const DAY_MS = 86_400_000;

/** The civil dates a holiday covers: its date, and one more per further (started) day. */
export function civilDates(holiday: HolidayRecord): string[] {
  const first = holiday.date.slice(0, 10);
  const length = Math.max(1, Math.ceil((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
  return Array.from({ length }, (_, index) => addDays(first, index));
}

/** A whole-day public holiday on a civil date, as date-holidays would give it (computed in UTC). */
export function dayHoliday(date: string, name: string, rule: string, substitute = false): HolidayRecord {
  const start = new Date(`${date}T00:00:00Z`);
  return {
    date: `${date} 00:00:00`,
    start,
    end: new Date(start.getTime() + DAY_MS),
    name,
    type: 'public',
    rule,
    ...(substitute ? { substitute } : {}),
  };
}

/** `abolish`: the holiday's days (its substitutes too) are working days from `since`. */
export function abolishHolidays(
  holidays: readonly HolidayRecord[],
  entry: AbolishHoliday,
  year: number,
): HolidayRecord[] {
  if (!appliesInYear(entry, year)) return [...holidays];
  return holidays.filter((holiday) => !entry.rules.includes(holiday.rule));
}

/**
 * `retype`: the holiday's own days take the law's type, from whichever types the calendar asked
 * for (`everyType` holds the region's holidays of all types). Its substitute days, where the
 * library has any, keep their type: make-up days for a retyped holiday come by yearly decree (TW).
 */
export function retypeHolidays(
  holidays: readonly HolidayRecord[],
  entry: RetypeHoliday,
  year: number,
  everyType: () => readonly HolidayRecord[],
): HolidayRecord[] {
  if (!appliesInYear(entry, year)) return [...holidays];
  const isOwnDay = (holiday: HolidayRecord) => entry.rules.includes(holiday.rule) && !holiday.substitute;
  const retyped = everyType()
    .filter(isOwnDay)
    .map((holiday) => ({ ...holiday, type: entry.type }));
  return [...holidays.filter((holiday) => !isOwnDay(holiday)), ...retyped];
}

/**
 * `rerule`: a holiday the library moves by the wrong rule is computed by the law's rule instead,
 * with the library's name and type. Its `rule` becomes the law's, which a substitute rule names.
 */
export function reruleHolidays(
  holidays: readonly HolidayRecord[],
  entry: ReruleHoliday,
  year: number,
  evaluate: (rule: string, year: number) => readonly HolidayRecord[],
): HolidayRecord[] {
  if (!appliesInYear(entry, year)) return [...holidays];
  const rules = new Map(Object.entries(entry.rules));
  const redated = holidays.flatMap((holiday) => {
    const rule = rules.get(holiday.rule);
    if (rule === undefined || holiday.substitute) return [];
    return evaluate(rule, year).map((day) => ({ ...day, name: holiday.name, type: holiday.type, rule }));
  });
  return [...holidays.filter((holiday) => !rules.has(holiday.rule)), ...redated];
}

/** `institute`: a public holiday the law added, computed by its date-holidays rule from `since`. */
export function instituteHoliday(
  holidays: readonly HolidayRecord[],
  entry: InstituteHoliday,
  year: number,
  language: string,
  evaluate: (rule: string, year: number) => readonly HolidayRecord[],
): HolidayRecord[] {
  if (!appliesInYear(entry, year)) return [...holidays];
  const name = correctionName(entry, language);
  const added = evaluate(entry.rule, year).map((day) => ({
    ...day,
    name,
    type: 'public' as const,
    rule: entry.id,
  }));
  return [...holidays, ...added];
}

/** `add`, and the right day of a `move`: whole public days off on the entry's dates in the year. */
export function addDatedHolidays(
  holidays: readonly HolidayRecord[],
  entry: AddDayOff | MoveDayOff,
  year: number,
  language: string,
): HolidayRecord[] {
  const dates = entry.kind === 'add' ? entry.dates : [entry.to];
  const name = correctionName(entry, language);
  const added = dates.filter((date) => yearOf(date) === year).map((date) => dayHoliday(date, name, entry.id));
  return [...holidays, ...added];
}

function inSet(holidays: SubstituteRule['holidays'], rule: string): boolean {
  if (holidays === 'public') return true;
  if ('only' in holidays) return holidays.only.includes(rule);
  return !holidays.except.includes(rule);
}

/** A rule that already says what happens on a weekend ("... and if sunday then next monday"). */
const LIBRARY_SHIFT = /\bif\b/i;

/**
 * `substitute`: each rest day that one of the covered public holidays falls on gives the next
 * working day off, in date order: the first day that is not a rest day, not a public holiday and
 * not already a substitute (BG 2027: 25 Dec Sat -> 27, 26 Dec Sun -> 28). A holiday whose library
 * rule already shifts it is left to that rule. Returns the substitute days only.
 */
export function substituteHolidays(
  holidays: readonly HolidayRecord[],
  entry: SubstituteRule,
  language: string,
): HolidayRecord[] {
  const publicHolidays = holidays.filter((holiday) => holiday.type === 'public');
  const taken = new Set(publicHolidays.flatMap(civilDates));
  const restDates = new Map<string, string>();
  for (const holiday of publicHolidays) {
    if (holiday.substitute || LIBRARY_SHIFT.test(holiday.rule) || !inSet(entry.holidays, holiday.rule))
      continue;
    for (const date of civilDates(holiday)) {
      if (
        entry.restDays.includes(weekday(date)) &&
        appliesInYear(entry, yearOf(date)) &&
        !restDates.has(date)
      ) {
        restDates.set(date, holiday.name);
      }
    }
  }
  const label = nameIn(entry.label, language);
  const substitutes: HolidayRecord[] = [];
  for (const [date, name] of [...restDates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let next = addDays(date, 1);
    while (entry.restDays.includes(weekday(next)) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    substitutes.push(dayHoliday(next, `${name} (${label})`, entry.id, true));
  }
  return substitutes;
}

export interface HolidayRuleContext {
  language: string;
  /** The region's holidays of every type in the year (a retype may take one the calendar's types leave out). */
  everyType: () => readonly HolidayRecord[];
  evaluate: (rule: string, year: number) => readonly HolidayRecord[];
}

/**
 * A region's holidays of one year with the table's holiday-level corrections: abolished and
 * retyped first, then re-dated, then what the law and the dated entries add. (Removed days and
 * suspensions act on days, after; substitutes need the years around, `substituteHolidays`.)
 */
export function correctHolidays(
  holidays: readonly HolidayRecord[],
  year: number,
  corrections: readonly HolidayCorrection[],
  context: HolidayRuleContext,
): HolidayRecord[] {
  let result = [...holidays];
  for (const entry of corrections)
    if (entry.kind === 'abolish') result = abolishHolidays(result, entry, year);
  for (const entry of corrections)
    if (entry.kind === 'retype') result = retypeHolidays(result, entry, year, context.everyType);
  for (const entry of corrections)
    if (entry.kind === 'rerule') result = reruleHolidays(result, entry, year, context.evaluate);
  for (const entry of corrections) {
    if (entry.kind === 'institute')
      result = instituteHoliday(result, entry, year, context.language, context.evaluate);
    if (entry.kind === 'add' || entry.kind === 'move')
      result = addDatedHolidays(result, entry, year, context.language);
  }
  return result;
}
