import moment from 'moment-timezone';

/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC midnights so that no
 * machine time zone or DST change can shift a day: these are wall-calendar days, not instants.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  if (days === 0) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The calendar year in `timeZone` at `now`. */
export function currentYearIn(timeZone: string, now: Date): number {
  return moment.tz(now.getTime(), timeZone).year();
}

/**
 * Whether moment-timezone knows the zone: the zone data date-holidays computes with, so a zone
 * the importer accepts is one its holidays can be computed in (the function bundles only the
 * configured zones; Intl would also start ICU's time zone data, ~20 ms of a cold start).
 */
export function isTimeZone(value: string): boolean {
  return moment.tz.zone(value) !== null;
}

/**
 * The zone's name as the tz database spells it ("europe/berlin" -> "Europe/Berlin"): lookups
 * ignore case, LivePerson and other tools do not. A link keeps its own name ("US/Eastern").
 */
export function canonicalTimeZone(value: string): string {
  return moment.tz.zone(value)?.name ?? value;
}
