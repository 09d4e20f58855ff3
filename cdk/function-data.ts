import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
// @ts-expect-error date-holidays/data ships no types; it is the data the Holidays class is built on.
import { data as allHolidaysUntyped } from 'date-holidays/data';
import { calendarTimeZone } from '../functions/core/calendar-events.js';
import type { Config } from '../functions/core/config-schema.js';
import { regionTimeZone } from '../functions/core/region-catalog.js';
import { CALENDAR_FLAGS, calendarFlagsFor, ruleKeys, writeParser, zonesFor } from './library-subsets.js';

/**
 * The holiday and time-zone data the function needs, and nothing else: date-holidays ships every
 * country's rules (437 KiB) and moment-timezone every zone (708 KiB), while a config names a few.
 * At synth time this writes small modules that stand in for both (through esbuild aliases), and a
 * copy of date-holidays-parser built without the calendars (Hebrew, Islamic, Chinese, equinox...)
 * no configured rule needs. The source, the CLI and the tests keep the full libraries.
 */

const require = createRequire(import.meta.url);

interface HolidayData {
  version: string;
  license: string;
  holidays: Record<string, CountryData>;
  names: Record<string, unknown>;
}
type CountryData = Record<string, unknown>;
const allHolidays = allHolidaysUntyped as HolidayData;

export interface FunctionData {
  /** esbuild `--alias` entries: package -> generated module. */
  aliases: string[];
  countries: string[];
  zones: string[];
  /** The non-Gregorian calendars the rules need, by date-holidays-parser's build flag. */
  calendars: string[];
}

const ZONE_NAME =
  /\b((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z0-9_+\-/]+)/g;

/** The shared holiday names (`names`) the rules refer to by `_name`. */
function referencedNames(node: unknown, names = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return names;
  for (const [key, value] of Object.entries(node)) {
    if (key === '_name' && typeof value === 'string') names.add(value);
    else referencedNames(value, names);
  }
  return names;
}

/**
 * Every language a holiday name can be looked up in: the parser tries the asked language, then
 * the languages the country, state or region declares (`langs`), then English.
 */
function languagesFor(config: Config, holidays: Record<string, CountryData>): Set<string> {
  const languages = new Set(['en', ...config.calendars.map((calendar) => calendar.language)]);
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'langs' && Array.isArray(value)) for (const lang of value) languages.add(String(lang));
      else walk(value);
    }
  };
  walk(holidays);
  return languages;
}

/**
 * A copy of the data whose names (`name: { en: ..., de: ... }`) keep only the languages a lookup
 * can reach. A name with none of them is kept whole, so it reads as the full library reads it.
 */
function keepLanguages(node: unknown, languages: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => keepLanguages(item, languages));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'name' && value && typeof value === 'object' && !Array.isArray(value)) {
        const kept = Object.entries(value).filter(([lang]) => languages.has(lang));
        return [key, kept.length > 0 ? Object.fromEntries(kept) : value];
      }
      return [key, keepLanguages(value, languages)];
    }),
  );
}

type DataNode = Record<string, unknown>;
const CONTAINERS = ['states', 'regions'] as const;

/** The node at a path such as ["DE", "states", "BY"], if the data has it. */
function nodeAt(path: readonly string[]): DataNode | undefined {
  let node: unknown = allHolidays.holidays;
  for (const key of path) node = node && typeof node === 'object' ? (node as DataNode)[key] : undefined;
  return node && typeof node === 'object' ? (node as DataNode) : undefined;
}

/**
 * The configured regions' data and nothing of their countries' other subdivisions: the function
 * only ever computes the configured regions. Kept: each code's country, state and region (under
 * `states` or `regions`, wherever the parser looks) and every node their rules borrow (`_days`),
 * transitively.
 */
export function subdivisionsFor(config: Config): Record<string, CountryData> {
  const kept = new Set<string>();
  const keep = (path: readonly string[]) => {
    const node = nodeAt(path);
    if (!node || kept.has(path.join('/'))) return;
    for (let end = 1; end <= path.length; end += 2) kept.add(path.slice(0, end).join('/'));
    const borrowed = node._days;
    if (borrowed !== undefined) keep((Array.isArray(borrowed) ? borrowed : [borrowed]).map(String));
  };
  for (const calendar of config.calendars) {
    for (const code of calendar.regions) {
      const [country = '', state, region] = code.split('-');
      keep([country]);
      if (state === undefined) continue;
      for (const container of CONTAINERS) {
        keep([country, container, state]);
        if (region !== undefined) keep([country, container, state, 'regions', region]);
      }
    }
  }
  const trim = (node: DataNode, path: readonly string[]): DataNode =>
    Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (!(CONTAINERS as readonly string[]).includes(key) || !value || typeof value !== 'object')
          return [key, value];
        const children = Object.entries(value as DataNode).filter(([code]) =>
          kept.has([...path, key, code].join('/')),
        );
        return [
          key,
          Object.fromEntries(
            children.map(([code, child]) => [code, trim(child as DataNode, [...path, key, code])]),
          ),
        ];
      }),
    );
  const countries = [...kept].filter((path) => !path.includes('/')).sort();
  return Object.fromEntries(countries.map((country) => [country, trim(nodeAt([country]) ?? {}, [country])]));
}

/**
 * Writes the modules into `dir` (inside the project, so they resolve date-holidays-parser and
 * moment-timezone from its node_modules) and returns the aliases that put them in the bundle.
 */
export function writeFunctionData(dir: string, config: Config): FunctionData {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const holidays = subdivisionsFor(config);
  const countries = Object.keys(holidays);
  // `substitutes` names every substitute day ("... (substitute day)"): the parser always reads it.
  const used = referencedNames(holidays, new Set(['substitutes']));
  const names = Object.fromEntries(Object.entries(allHolidays.names).filter(([key]) => used.has(key)));
  const languages = languagesFor(config, holidays);
  const subset: HolidayData = {
    ...allHolidays,
    holidays: keepLanguages(holidays, languages) as Record<string, CountryData>,
    names: keepLanguages(names, languages) as Record<string, unknown>,
  };
  const text = JSON.stringify(subset);
  const rules = ruleKeys(holidays);

  writeFileSync(
    join(dir, 'date-holidays.mjs'),
    `// Generated at synth time by cdk/function-data.ts: date-holidays for ${countries.join(', ')}.
import HolidaysParser from 'date-holidays-parser';
const data = ${text};
export class Holidays extends HolidaysParser {
  constructor(country, state, region, opts) {
    super(data, country, state, region, opts);
  }
}
export default Holidays;
`,
  );

  // The run computes holidays in each calendar's zone; a region's own zone is read for its name;
  // a few rules name a zone of their own; equinox rules use GMT.
  const zoneNames = new Set<string>(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);
  for (const rule of rules)
    for (const match of rule.matchAll(ZONE_NAME)) if (match[1]) zoneNames.add(match[1]);
  for (const calendar of config.calendars) {
    zoneNames.add(calendarTimeZone(calendar));
    for (const region of calendar.regions) {
      const zone = regionTimeZone(region);
      if (zone) zoneNames.add(zone);
    }
  }
  const zones = zonesFor(zoneNames);
  const core = require.resolve('moment-timezone/moment-timezone.js');
  writeFileSync(
    join(dir, 'moment-timezone.mjs'),
    `// Generated at synth time by cdk/function-data.ts: moment-timezone with ${zones.zones.length} zones.
import moment from ${JSON.stringify(core)};
moment.tz.load(${JSON.stringify(zones)});
export default moment;
`,
  );

  const flags = calendarFlagsFor(rules);
  const parser = writeParser(
    dir,
    (flag) => (flags.has(flag) ? 'keep' : 'omit'),
    'holiday-importer: this function was bundled for the regions of config/holidays.json, whose rules need no {calendar} calendar. Add the region to the config and deploy again.',
  );
  const aliases = [
    `date-holidays=${join(dir, 'date-holidays.mjs')}`,
    `date-holidays-parser=${parser.entry}`,
    `moment-timezone=${join(dir, 'moment-timezone.mjs')}`,
  ];
  const calendars = Object.entries(CALENDAR_FLAGS)
    .filter(([, flag]) => flags.has(flag))
    .map(([calendar]) => calendar);
  const bundled = new Set([
    ...zones.zones.map((zone) => zone.split('|')[0] ?? ''),
    ...zones.links.flatMap((link) => link.split('|')),
  ]);
  return { aliases, countries, zones: [...zoneNames].filter((name) => bundled.has(name)).sort(), calendars };
}
