import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import HolidaysParser from 'date-holidays-parser';
import type { Config } from '../functions/core/config/config-schema.js';
import { calendarTimeZone } from '../functions/core/holidays/calendar-events.js';
import {
  correctionRulesFor,
  type HolidayData,
  holidayDataFor,
  needsAstronomy,
  ruleZoneNames,
} from './holiday-data.js';
import { type PackedZoneBundle, zoneData, zoneNames, zonesNamed } from './zone-data.js';

/**
 * What the function's bundle carries instead of the libraries' full data, at synth time:
 * date-holidays and moment-timezone are replaced (esbuild aliases) by the shims in shims/, which
 * are the packages' own classes over data files written here: the configured countries' holiday
 * rules, and the zones those rules and calendars name. The VSOP87 earth series (astronomia's
 * largest file, ~100 KiB) is left out when no carried rule computes an equinox or a Chinese
 * calendar date. No third-party file is rewritten; the CLI and the tests use the plain libraries.
 */

const require = createRequire(import.meta.url);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface FunctionBundleData {
  /** esbuild `--alias` entries (name=path). */
  aliases: string[];
  countries: string[];
  zones: string[];
  /** Whether the astronomical series is carried. */
  astronomy: boolean;
}

export class BundleDataError extends Error {
  override name = 'BundleDataError';
}

/**
 * Checks the config against the data the bundle carries, with the libraries themselves: every
 * region is known to date-holidays-parser over the carried rules and yields holidays, every
 * calendar's zone resolves in moment-timezone over the carried zones. Fails at synth, never at
 * the first scheduled run.
 */
export function checkCarriedData(config: Config, holidays: HolidayData, zones: PackedZoneBundle): void {
  const problems: string[] = [];
  for (const calendar of config.calendars) {
    for (const code of calendar.regions) {
      const [country = '', state, region] = code.split('-');
      const instance = new HolidaysParser(holidays, {
        country,
        ...(state ? { state } : {}),
        ...(region ? { region } : {}),
      });
      const year = new Date().getUTCFullYear();
      if (instance.getHolidays(year).length === 0) {
        problems.push(`calendar "${calendar.name}": region ${code} has no holidays in the carried data`);
      }
    }
  }
  const carried = zoneNames(zones);
  const linked = new Map(zones.links.map((link) => [link.split('|')[1], link.split('|')[0]]));
  const zoneSet = new Set(zones.zones.map((zone) => zone.split('|')[0]));
  for (const calendar of config.calendars) {
    const zone = calendarTimeZone(calendar);
    const target = linked.get(zone) ?? zone;
    if (!carried.has(zone) || !zoneSet.has(target)) {
      problems.push(`calendar "${calendar.name}": zone ${zone} is not in the carried zone data`);
    }
  }
  if (problems.length > 0) {
    throw new BundleDataError(
      `The function bundle would not carry what config/holidays.json needs: ${problems.join('; ')}. This is a bug of bundling/function-bundle.ts; please report it with the config.`,
    );
  }
}

/** Writes the data files into `dir` and returns the aliases that put them and the shims in the bundle. */
export function writeFunctionBundleData(dir: string, config: Config): FunctionBundleData {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const regions = config.calendars.flatMap((calendar) => calendar.regions);
  const holidays = holidayDataFor(regions);
  // date-holidays computes in UTC and converts with the zones its rules name; the run reads each
  // calendar's zone (its current year, and validation at cold start).
  const wanted = new Set(['UTC', ...ruleZoneNames(holidays), ...config.calendars.map(calendarTimeZone)]);
  const zones = zonesNamed(zoneData(), wanted);
  checkCarriedData(config, holidays, zones);

  const holidayFile = join(dir, 'holiday-data.json');
  const zoneFile = join(dir, 'zone-data.json');
  writeFileSync(holidayFile, JSON.stringify(holidays));
  writeFileSync(zoneFile, JSON.stringify(zones));
  const astronomy = needsAstronomy(holidays, correctionRulesFor(regions));
  const astronomiaRoot = dirname(require.resolve('astronomia/package.json'));
  const aliases = [
    `date-holidays=${here('./shims/date-holidays.ts')}`,
    `moment-timezone=${here('./shims/moment-timezone.ts')}`,
    `@holiday-importer/holiday-data=${holidayFile}`,
    `@holiday-importer/zone-data=${zoneFile}`,
    `@holiday-importer/moment-timezone-core=${require.resolve('moment-timezone/moment-timezone.js')}`,
    `astronomia=${here('./shims/astronomia.ts')}`,
    `@holiday-importer/astronomia-src=${astronomiaRoot}/src`,
    // Its own alias either way: the shorter `astronomia` alias would take the subpath otherwise.
    `astronomia/data/vsop87Bearth=${astronomy ? `${astronomiaRoot}/data/vsop87Bearth.js` : here('./shims/vsop87-earth-omitted.ts')}`,
  ];
  return {
    aliases,
    countries: Object.keys(holidays.holidays).sort(),
    zones: [...zoneNames(zones)].sort(),
    astronomy,
  };
}
