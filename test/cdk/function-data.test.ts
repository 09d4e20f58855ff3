import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { subdivisionsFor, writeFunctionData } from '../../cdk/function-data.js';
import { buildCalendarEvents } from '../../functions/core/calendar-events.js';
import { parseConfig } from '../../functions/core/config-validation.js';

/**
 * The holiday and zone data the function bundles: only what the config needs, and still exactly
 * the events the full library gives for it. Built the way the construct builds it (esbuild
 * aliases) and run in a plain node process in UTC, as Lambda runs.
 */

// Inside the project, so the generated modules resolve date-holidays-parser from node_modules.
const work = resolve('.build', `test-function-data-${process.pid}`);
mkdirSync(work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const configOf = (
  calendars: { name: string; regions: string[]; timeZone?: string; types?: string[]; language?: string }[],
) => parseConfig({ accountId: '1', secretId: 's', calendars }, 'test');

const ENTRY = `
import { buildCalendarEvents } from ${JSON.stringify(resolve('functions/core/calendar-events.ts'))};
import { parseConfig } from ${JSON.stringify(resolve('functions/core/config-validation.ts'))};
try {
  const config = parseConfig(JSON.parse(process.argv[2]), 'test');
  const years = JSON.parse(process.argv[3]);
  process.stdout.write(JSON.stringify(config.calendars.map((calendar) => buildCalendarEvents(calendar, years))));
} catch (error) {
  process.stderr.write(error.message);
  process.exitCode = 1;
}
`;

/** Bundles the core with the generated data for `bundled` and runs it on `run` (another config). */
async function runWithData(
  name: string,
  bundled: ReturnType<typeof configOf>,
  run: unknown,
  years: number[],
) {
  const dir = join(work, name);
  const data = writeFunctionData(dir, bundled);
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, ENTRY);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(dir, 'out.mjs'),
    alias: Object.fromEntries(data.aliases.map((alias) => alias.split('=') as [string, string])),
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'error',
  });
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [join(dir, 'out.mjs'), JSON.stringify(run), JSON.stringify(years)],
      { env: { PATH: process.env.PATH, TZ: 'UTC' } },
      (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
    ),
  );
  return { data, ...result };
}

describe('subdivisionsFor', () => {
  /** Each kept country with its kept states (or top-level regions) and their regions. */
  const outline = (regions: string[]) =>
    Object.fromEntries(
      Object.entries(subdivisionsFor(configOf([{ name: 'A', regions }]))).map(([country, node]) => {
        const below = (node.states ?? node.regions ?? {}) as Record<string, { regions?: object }>;
        return [
          country,
          Object.fromEntries(
            Object.entries(below).map(([code, child]) => [code, Object.keys(child.regions ?? {})]),
          ),
        ];
      }),
    );

  it.each([
    [['DE-BY'], { DE: { BY: [] } }],
    [['DE-BY-A'], { DE: { BY: ['A', 'KATH'] } }],
    [['US'], { US: {} }],
    [['GB-ENG', 'GB-SCT'], { GB: { ENG: [], SCT: [] } }],
    [['GG'], { GB: {}, GG: {} }],
    [['GU'], { GU: {}, US: {} }],
    [['FR'], { FR: {} }],
    [['ES-CN'], { ES: { CN: [] }, IC: {} }],
    [['NF'], { AU: {}, NF: {} }],
  ])('%j keeps %j (what the rules borrow, and no other subdivision)', (regions, expected) => {
    expect(outline(regions)).toEqual(expected);
  });
});

describe('the bundled data', () => {
  it.each([
    [['DE-BY'], []],
    [['JP'], ['equinox']],
    [['TR'], ['islamic']],
    [['IL'], ['hebrew']],
    [['KR'], ['chinese', 'korean', 'vietnamese']],
  ])('%j bundles only the calendars its rules need: %j', (regions, calendars) => {
    const data = writeFunctionData(join(work, regions.join('-')), configOf([{ name: 'A', regions }]));
    expect(data.calendars).toEqual(calendars);
  });

  it.each([
    [
      'example regions',
      [
        { name: 'A', regions: ['DE-BY'], types: ['public', 'bank'] },
        { name: 'B', regions: ['US'] },
        { name: 'C', regions: ['GB-ENG', 'GB-SCT'], timeZone: 'Europe/London' },
      ],
    ],
    ['borrowed rules (Guernsey from GB)', [{ name: 'A', regions: ['GG'] }]],
    [
      'a region borrowing another region (Augsburg from Catholic Bavaria)',
      [{ name: 'A', regions: ['DE-BY-A'] }],
    ],
    ['a state borrowing a country (the Canaries from IC)', [{ name: 'A', regions: ['ES-CN'] }]],
    [
      "names in the configured languages (only those, the region's and English are bundled)",
      [
        { name: 'A', regions: ['DE-BY'], language: 'de' },
        { name: 'B', regions: ['US'], language: 'es' },
        { name: 'C', regions: ['GB-ENG'], language: 'fr' },
        { name: 'D', regions: ['DE-BY'], language: 'pl' },
      ],
    ],
    ['astronomical rules (Japan: equinoxes)', [{ name: 'A', regions: ['JP'] }]],
    ['Islamic rules (Türkiye)', [{ name: 'A', regions: ['TR'] }]],
    ['Hebrew rules (Israel)', [{ name: 'A', regions: ['IL'] }]],
    ['a calendar in another zone', [{ name: 'A', regions: ['DE-BY'], timeZone: 'America/New_York' }]],
  ])('%s: the same events as the full library, byte for byte', async (name, calendars) => {
    const config = configOf(calendars);
    // The span the bundled zone data keeps (1999-2101): its ends, and the years around now.
    const years = [2000, 2026, 2027, 2028, 2100];
    const result = await runWithData(
      name.replace(/\W+/g, '-'),
      config,
      { accountId: '1', secretId: 's', calendars },
      years,
    );
    expect(result.stderr).toBe('');
    const full = config.calendars.map((calendar) => buildCalendarEvents(calendar, years));
    expect(result.stdout).toBe(JSON.stringify(full));
  });

  it.each([
    ['another country', 'FR'],
    ['another state of a bundled country', 'DE-NW'],
  ])(
    'a region outside the bundled data (%s) fails with a clear message, never an empty calendar',
    async (_, region) => {
      const bundled = configOf([{ name: 'A', regions: ['DE-BY'] }]);
      const result = await runWithData(
        `outside-${region}`,
        bundled,
        { accountId: '1', secretId: 's', calendars: [{ name: 'A', regions: [region] }] },
        [2027],
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`"${region}" is not a date-holidays region code`);
    },
  );
});
