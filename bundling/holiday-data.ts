// @ts-expect-error date-holidays/data ships no types; it is the data the Holidays class is built on.
import { data as untypedData } from 'date-holidays/data';
import { appliesTo, HOLIDAY_CORRECTIONS } from '../functions/core/holidays/holiday-corrections.js';

/** date-holidays' data file: every country's rules (`holidays`) and the shared names. */
export interface HolidayData {
  version: string;
  license: string;
  holidays: Record<string, unknown>;
  names: Record<string, unknown>;
}

const allData = untypedData as HolidayData;

/** The countries whose rules a node borrows (`_days: "FR"` or `["DE", "states", "BY"]`). */
function borrowedCountries(node: unknown, found = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === '_days') {
      const [country] = Array.isArray(value) ? value : [value];
      if (typeof country === 'string') found.add(country);
    } else {
      borrowedCountries(value, found);
    }
  }
  return found;
}

/** The shared names (`names`) the rules refer to by `_name`. */
function referencedNames(node: unknown, found = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === '_name' && typeof value === 'string') found.add(value);
    else referencedNames(value, found);
  }
  return found;
}

/**
 * date-holidays' data with the regions' countries only, whole (states, every language), and the
 * countries their rules borrow from, transitively; of the shared names, those their rules refer
 * to (the parser looks a name up by a rule's `_name` only, and always reads `substitutes`).
 * Unknown countries are left out: the config's validation has refused them before.
 */
export function holidayDataFor(regions: readonly string[], data: HolidayData = allData): HolidayData {
  const countries = new Set<string>();
  const pending = regions.map((code) => code.split('-')[0] ?? code);
  for (let country = pending.pop(); country !== undefined; country = pending.pop()) {
    if (countries.has(country) || !(country in data.holidays)) continue;
    countries.add(country);
    pending.push(...borrowedCountries(data.holidays[country]));
  }
  const holidays = Object.fromEntries(
    [...countries].sort().map((country) => [country, data.holidays[country]]),
  );
  const names = referencedNames(holidays, new Set(['substitutes']));
  return {
    ...data,
    holidays,
    names: Object.fromEntries(Object.entries(data.names).filter(([key]) => names.has(key))),
  };
}

/** Every rule (the keys of `days`) in some holiday data. */
export function ruleKeys(node: unknown, keys: string[] = []): string[] {
  if (!node || typeof node !== 'object') return keys;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'days' && value && typeof value === 'object') keys.push(...Object.keys(value));
    ruleKeys(value, keys);
  }
  return keys;
}

/**
 * Whether a rule computes a position of the sun: an equinox or solstice, or a date of the Chinese
 * family of calendars (new moons and solar terms). Those need astronomia's VSOP87 earth series.
 * (The Julian calendar uses astronomia's arithmetic only.)
 */
const ASTRONOMICAL_RULE = /\b(?:equinox|solstice|chinese|korean|vietnamese)\b/;

export function needsAstronomy(data: HolidayData, moreRules: readonly string[] = []): boolean {
  return [...ruleKeys(data.holidays), ...moreRules].some((rule) => ASTRONOMICAL_RULE.test(rule));
}

/** The date-holidays rules the corrections table computes for some regions (the function runs them too). */
export function correctionRulesFor(regions: readonly string[]): string[] {
  return HOLIDAY_CORRECTIONS.filter((entry) => regions.some((region) => appliesTo(entry, region))).flatMap(
    (entry) =>
      entry.kind === 'institute' ? [entry.rule] : entry.kind === 'rerule' ? Object.values(entry.rules) : [],
  );
}

const ZONE_NAME =
  /\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z0-9_+\-/]+/g;

/**
 * The zones the rules name ("june solstice in America/Santiago"): date-holidays converts with
 * them whatever zone it computes in. An equinox or solstice that names none is computed in GMT,
 * the library's default. (A country's own `zones` list is read for names only.)
 */
export function ruleZoneNames(data: HolidayData): Set<string> {
  const rules = ruleKeys(data.holidays);
  const named = rules.flatMap((rule) => rule.match(ZONE_NAME) ?? []);
  const unzoned = rules.some((rule) => SEASON_RULE.test(rule) && !/ in /.test(rule));
  return new Set([...named, ...(unzoned ? ['GMT'] : [])]);
}

const SEASON_RULE = /\b(?:equinox|solstice)\b/;
