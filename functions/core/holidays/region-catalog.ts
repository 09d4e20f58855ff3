import Holidays, { type HolidaysTypes } from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { nearestOf } from '../config/edit-distance.js';
import { InputError } from '../errors.js';

/**
 * The region codes date-holidays knows (`DE`, `DE-BY`, `DE-BY-KATH`), their time zones and
 * holiday instances. Built lazily and kept for the process: the data is static.
 */

export interface RegionRef {
  code: string;
  country: string;
  state?: string;
  region?: string;
}

let query: Holidays | undefined;
const levels = new Map<string, Set<string>>();

export class UnknownRegionError extends InputError {
  override name = 'UnknownRegionError';
  constructor(readonly code: string) {
    super(
      `Region "${code}" is not in this build's holiday data (the deployed function carries only the countries of config/holidays.json at deploy time); add it to the config and deploy again`,
    );
  }
}
const instances = new Map<string, Holidays>();
// The languages each instance ships with: getLanguages() answers the last setLanguages() instead.
const shippedLanguages = new WeakMap<Holidays, string[]>();

export function parseRegionCode(code: string): RegionRef {
  const [country = '', state, region] = code.split('-');
  return {
    code,
    country,
    ...(state === undefined ? {} : { state }),
    ...(region === undefined ? {} : { region }),
  };
}

/**
 * The codes one level below `parent` ("" for the countries, "DE" for its states, "DE-BY" for
 * their regions), each level read once: checking a config's few codes reads a few levels, not
 * every country's subdivisions.
 */
function childCodes(parent: string): Set<string> {
  let codes = levels.get(parent);
  if (codes) return codes;
  query ??= new Holidays();
  const [country = '', state] = parent.split('-');
  const names =
    parent === ''
      ? query.getCountries()
      : state === undefined
        ? query.getStates(country)
        : query.getRegions(country, state);
  codes = new Set(Object.keys(names ?? {}));
  levels.set(parent, codes);
  return codes;
}

export function isKnownRegion(code: string): boolean {
  const parts = code.split('-');
  return (
    parts.length <= 3 && parts.every((part, index) => childCodes(parts.slice(0, index).join('-')).has(part))
  );
}

export function knownRegionCodes(): string[] {
  const below = (parent: string, depth: number): string[] =>
    [...childCodes(parent)].flatMap((part) => {
      const code = parent === '' ? part : `${parent}-${part}`;
      return [code, ...(depth < 3 ? below(code, depth + 1) : [])];
    });
  return below('', 1);
}

/**
 * Valid codes closest to a bad one: siblings under the same valid parent first (DE-XX ->
 * the German states), otherwise the codes of the same depth, ranked by edit distance.
 */
export function nearestRegionCodes(code: string, limit = 5): string[] {
  const upper = code.toUpperCase();
  if (upper !== code && isKnownRegion(upper)) return [upper];
  const parts = upper.split('-');
  const depth = parts.length;
  const parent = parts.slice(0, -1).join('-');
  const sameDepth = knownRegionCodes().filter((candidate) => candidate.split('-').length === depth);
  const siblings = parent && isKnownRegion(parent) ? sameDepth.filter((c) => c.startsWith(`${parent}-`)) : [];
  const pool = siblings.length > 0 ? siblings : sameDepth.length > 0 ? sameDepth : knownRegionCodes();
  return nearestOf(upper, pool, limit);
}

/**
 * A date-holidays instance for a region that yields only the given holiday types. It computes in
 * UTC: its rules are civil dates and times (an equinox rule names its own zone), so UTC instants
 * are those civil times exactly, free of any zone's DST gaps (a midnight that a DST change skips
 * would otherwise read as 01:00 and make a whole day a half day).
 */
export function holidaysFor(code: string, types: readonly HolidaysTypes.HolidayType[]): Holidays {
  const key = `${code}|${[...types].sort().join(',')}`;
  let instance = instances.get(key);
  if (!instance) {
    // date-holidays answers an unknown region with no holidays at all: never let that pass as an
    // empty calendar. (The deployed function carries only the configured countries' data.)
    if (!isKnownRegion(code)) throw new UnknownRegionError(code);
    const ref = parseRegionCode(code);
    instance = new Holidays(
      {
        country: ref.country,
        ...(ref.state ? { state: ref.state } : {}),
        ...(ref.region ? { region: ref.region } : {}),
      },
      { types: [...types], timezone: 'UTC' },
    );
    instances.set(key, instance);
    shippedLanguages.set(instance, instance.getLanguages());
  }
  return instance;
}

/** The languages date-holidays has the region's names in, its own first (e.g. de-at, de, en). */
export function shippedLanguagesOf(instance: Holidays): string[] {
  return shippedLanguages.get(instance) ?? instance.getLanguages();
}

export function regionTimeZone(code: string): string | undefined {
  return holidaysFor(code, ['public']).getTimezones()[0];
}

const ruleCache = new Map<string, HolidaysTypes.Holiday[]>();

/**
 * A date-holidays rule ("01-14", "chinese 01-0-03", "9 Dhu al-Hijjah", "06-30 if tuesday then
 * previous monday") computed by the library's own engine for one year, in UTC like
 * `holidaysFor`: the corrections table states a law in the library's grammar, so its days follow
 * the same calendars (Chinese, Islamic) and the same sunset convention as the library's own.
 */
export function ruleHolidays(rule: string, year: number): HolidaysTypes.Holiday[] {
  const key = `${rule}|${year}`;
  const cached = ruleCache.get(key);
  if (cached) return cached;
  const data = {
    holidays: { ZZ: { names: { en: 'corrections' }, days: { [rule]: { name: { en: rule } } } } },
  };
  const instance = new HolidaysParser(data, 'ZZ', { timezone: 'UTC' });
  // A rule without a type is a public holiday (the corrections type their days themselves).
  const result = instance.getHolidays(year).map((holiday) => ({ ...holiday, type: 'public' as const }));
  ruleCache.set(key, result);
  return result;
}
