import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Holidays from 'date-holidays';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../functions/core/config/config-validation.js';
import { buildCalendarEvents } from '../functions/core/planner/half-days.js';
import { BundleDataError, checkCarriedData, writeFunctionBundleData } from './function-bundle.js';
import { holidayDataFor, needsAstronomy } from './holiday-data.js';
import { zoneData, zonesNamed } from './zone-data.js';

/**
 * The function's shims and data, bundled the way the construct bundles them (esbuild aliases) and
 * run in a plain node process in UTC, as Lambda runs: exactly the events the full library gives.
 */

const work = mkdtempSync(join(tmpdir(), 'holiday-function-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type CalendarInput = {
  name: string;
  regions: string[];
  timeZone?: string;
  types?: string[];
  language?: string;
};
const configOf = (calendars: CalendarInput[]) =>
  parseConfig({ accountId: '1', secretId: 's', calendars }, 'test');

const EVENTS_ENTRY = `
import { buildCalendarEvents } from ${JSON.stringify(resolve('functions/core/planner/half-days.ts'))};
import { parseConfig } from ${JSON.stringify(resolve('functions/core/config/config-validation.ts'))};
try {
  const config = parseConfig(JSON.parse(process.argv[2]), 'test');
  const years = JSON.parse(process.argv[3]);
  process.stdout.write(JSON.stringify(config.calendars.map((calendar) => buildCalendarEvents(calendar, years))));
} catch (error) {
  process.stderr.write(error.message);
  process.exitCode = 1;
}
`;

/** Bundles `source` with the aliases, runs it with the arguments, in UTC. */
async function bundleAndRun(name: string, source: string, aliases: string[], args: string[]) {
  const dir = join(work, name);
  const entry = join(dir, 'entry.ts'); // named in esbuild's messages only
  await build({
    stdin: { contents: source, resolveDir: resolve('.'), sourcefile: entry, loader: 'ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile: join(dir, 'out.cjs'),
    alias: Object.fromEntries(aliases.map((alias) => alias.split('=') as [string, string])),
    logLevel: 'error',
  });
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [join(dir, 'out.cjs'), ...args],
      { env: { PATH: process.env.PATH, TZ: 'UTC' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
    ),
  );
}

/** The core bundled with the data written for `bundled`, run on the calendars `run`. */
async function eventsFromBundle(
  name: string,
  bundled: CalendarInput[],
  run: CalendarInput[],
  years: number[],
) {
  const data = writeFunctionBundleData(join(work, name, 'data'), configOf(bundled));
  const result = await bundleAndRun(name, EVENTS_ENTRY, data.aliases, [
    JSON.stringify({ accountId: '1', secretId: 's', calendars: run }),
    JSON.stringify(years),
  ]);
  return { data, ...result };
}

describe('the function bundle’s data', () => {
  it.each<[string, CalendarInput[]]>([
    [
      'example regions',
      [
        { name: 'A', regions: ['DE-BY'], types: ['public', 'bank'] },
        { name: 'B', regions: ['US'] },
        { name: 'C', regions: ['GB-ENG', 'GB-SCT'], timeZone: 'Europe/London' },
      ],
    ],
    ['borrowed rules (Guernsey from GB)', [{ name: 'A', regions: ['GG'] }]],
    ['a region borrowing another region (Augsburg)', [{ name: 'A', regions: ['DE-BY-A'] }]],
    ['a state borrowing a country (the Canaries from IC)', [{ name: 'A', regions: ['ES-CN'] }]],
    [
      'names in other languages',
      [
        { name: 'A', regions: ['DE-BY'], language: 'pl' },
        { name: 'B', regions: ['US'], language: 'es' },
      ],
    ],
    ['equinoxes (Japan)', [{ name: 'A', regions: ['JP'] }]],
    ['a solstice in a zone its rule names (Chile)', [{ name: 'A', regions: ['CL'] }]],
    [
      'the Chinese calendar (China, Korea, Vietnam)',
      [
        { name: 'A', regions: ['CN'] },
        { name: 'B', regions: ['KR'] },
        { name: 'C', regions: ['VN'] },
      ],
    ],
    ['Islamic rules (Türkiye)', [{ name: 'A', regions: ['TR'] }]],
    ['Hebrew rules (Israel)', [{ name: 'A', regions: ['IL'] }]],
    [
      'zones by their aliases, and zones once merged into links',
      [
        { name: 'A', regions: ['CA-ON'] },
        { name: 'B', regions: ['IT'] },
        { name: 'C', regions: ['UA'], timeZone: 'Europe/Kiev' },
        { name: 'D', regions: ['UA'], timeZone: 'Europe/Kyiv' },
        { name: 'E', regions: ['IN'], timeZone: 'Asia/Calcutta' },
        { name: 'F', regions: ['US'], timeZone: 'US/Eastern' },
        { name: 'G', regions: ['DE-BY'], timeZone: 'America/New_York' },
      ],
    ],
  ])('%s: the same events as the full library, byte for byte', async (name, calendars) => {
    // The span the zone data keeps (1999-2101): its ends, and the years around now.
    const years = [2000, 2026, 2027, 2028, 2100];
    const result = await eventsFromBundle(name.replace(/\W+/g, '-'), calendars, calendars, years);
    expect(result.stderr).toBe('');
    const full = configOf(calendars).calendars.map((calendar) => buildCalendarEvents(calendar, years));
    expect(result.stdout).toBe(JSON.stringify(full));
  });

  it('a region outside the bundled data fails with a clear message, never an empty calendar', async () => {
    const result = await eventsFromBundle(
      'outside',
      [{ name: 'A', regions: ['DE-BY'] }],
      [{ name: 'A', regions: ['FR'] }],
      [2027],
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"FR" is not a date-holidays region code');
  });

  it('the synth check refuses data that lacks a calendar’s zone or region, before anything is bundled', () => {
    const config = configOf([{ name: 'Toronto', regions: ['CA-ON'], timeZone: 'America/Toronto' }]);
    const zones = zonesNamed(zoneData(), new Set(['UTC']));
    expect(() => checkCarriedData(config, holidayDataFor(['CA']), zones)).toThrow(BundleDataError);
    expect(() => checkCarriedData(config, holidayDataFor(['CA']), zones)).toThrow(
      /"Toronto": zone America\/Toronto/,
    );
    const allZones = zonesNamed(zoneData(), new Set(['America/Toronto']));
    expect(() => checkCarriedData(config, holidayDataFor(['DE']), allZones)).toThrow(/region CA-ON/);
    expect(() => checkCarriedData(config, holidayDataFor(['CA']), allZones)).not.toThrow();
  });
});

describe('the VSOP87 stub', () => {
  const ASTRONOMY_ENTRY = `
import Holidays from 'date-holidays';
const failures = [];
for (const country of JSON.parse(process.argv[2])) {
  try {
    const holidays = new Holidays(country, { timezone: 'UTC' });
    for (let year = 2000; year <= 2100; year++) holidays.getHolidays(year);
  } catch (error) {
    failures.push(country + ': ' + error.name);
  }
}
process.stdout.write(JSON.stringify(failures));
`;
  // The full library, but with astronomia's series stubbed as in a bundle without astronomy.
  const stubbed = () => {
    const data = writeFunctionBundleData(join(work, 'stub-data'), configOf([{ name: 'A', regions: ['DE'] }]));
    expect(data.astronomy).toBe(false);
    return data.aliases.filter((alias) => /^(@holiday-importer\/)?astronomia/.test(alias));
  };

  it('every country whose rules need no astronomy computes 2000-2100 without touching it', async () => {
    const countries = Object.keys(new Holidays().getCountries()).filter(
      (country) => !needsAstronomy(holidayDataFor([country])),
    );
    expect(countries.length).toBeGreaterThan(180);
    const result = await bundleAndRun('stub-all', ASTRONOMY_ENTRY, stubbed(), [JSON.stringify(countries)]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  }, 120_000);

  it('a rule that needs it fails loudly, never with a wrong date', async () => {
    const result = await bundleAndRun('stub-jp', ASTRONOMY_ENTRY, stubbed(), [JSON.stringify(['JP', 'CN'])]);
    expect(JSON.parse(result.stdout)).toEqual([
      'JP: AstronomyNotBundledError',
      'CN: AstronomyNotBundledError',
    ]);
  });
});
