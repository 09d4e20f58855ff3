import { currentYearIn } from './local-date.js';

export type Trigger = 'yearly' | 'monthly' | 'manual';

export interface YearsRequest {
  trigger: Trigger;
  /** Explicit years of a manual run; they win over the trigger's rule. */
  years?: readonly number[] | undefined;
  now: Date;
  timeZone: string;
  yearsAhead: number;
}

/**
 * The years a run recomputes for one calendar. Y is the current year in the calendar's time
 * zone, so a run just after midnight on 1 January in Auckland already counts the new year.
 */
export function runYears({ trigger, years, now, timeZone, yearsAhead }: YearsRequest): number[] {
  if (years && years.length > 0) return [...new Set(years)].sort((a, b) => a - b);
  const current = currentYearIn(timeZone, now);
  const first = trigger === 'yearly' ? current + 1 : current;
  return Array.from({ length: yearsAhead + 1 }, (_, index) => first + index);
}

/** Events that ended before this date are pruned: 1 January of (Y - keepPastYears). */
export function pruneBefore(now: Date, timeZone: string, keepPastYears: number): string {
  return `${currentYearIn(timeZone, now) - keepPastYears}-01-01`;
}
