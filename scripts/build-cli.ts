// Builds the operator CLI into dist/cli (run by "prepare" on npm ci, and before the tests): one
// small entry chunk for arguments and help, the commands in chunks loaded on use. The AWS SDK
// stays in node_modules: only plan, apply and invoke load it.
//
// The holiday rules of every country (~400 KB) and the zone table (~700 KB) ship as JSON files
// beside the chunks, not as code, and only what a command touches is read:
// - holidays/index.json holds every country's names, zones and subdivisions (what validating a
//   region code needs), which countries' rules each borrows and which need the astronomical
//   calendars; holidays/<country>.json holds a country's rules, read when an instance is first
//   set up for that country;
// - zones.json holds the zones for 1999-2101 only (see ZONE_YEARS);
// - the other calendars than the Gregorian are chunks of their own, loaded with the config when
//   one of its regions needs them: Julian, equinoxes and Chinese (astronomia: half the holiday
//   code), and the Hebrew, Islamic, Persian and Bengali ones (arithmetic and tables).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
// @ts-expect-error date-holidays/data ships no types; it is the data the Holidays class is built on.
import { data as untypedData } from 'date-holidays/data';
import { build } from 'esbuild';
import { calendarFlagsFor, ruleKeys, writeParser, zonesFor } from '../cdk/library-subsets.js';

type DataNode = Record<string, unknown>;
const data = untypedData as { holidays: Record<string, DataNode> } & DataNode;
const out = 'dist/cli';
const generated = resolve('.build', 'cli-data');
/** The calendars loaded on demand, by date-holidays-parser's build flag, in two chunks. */
const CALENDAR_GROUPS: Record<string, string> = {
  nojulian: 'astronomical',
  noequinox: 'astronomical',
  nochinese: 'astronomical',
  nohebrew: 'arithmetic',
  noislamic: 'arithmetic',
  nojalaali: 'arithmetic',
  nobengali: 'arithmetic',
};

rmSync(out, { recursive: true, force: true });
rmSync(generated, { recursive: true, force: true });
mkdirSync(join(out, 'holidays'), { recursive: true });
mkdirSync(generated, { recursive: true });

/** A country, state or region without its rules (`days`). */
const skeleton = (node: DataNode): DataNode =>
  Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'days')
      .map(([key, value]) =>
        (key === 'states' || key === 'regions') && value && typeof value === 'object'
          ? [
              key,
              Object.fromEntries(
                Object.entries(value as DataNode).map(([code, child]) => [code, skeleton(child as DataNode)]),
              ),
            ]
          : [key, value],
      ),
  );
/** The countries whose rules a country's rules refer to (`_days`), directly. */
const referenced = (node: unknown, found = new Set<string>()): Set<string> => {
  for (const [key, value] of Object.entries(node ?? {})) {
    if (key === '_days') found.add(String(Array.isArray(value) ? value[0] : value));
    else if (value && typeof value === 'object') referenced(value, found);
  }
  return found;
};
const holidays: Record<string, DataNode> = {};
const borrows: Record<string, string[]> = {};
for (const [country, node] of Object.entries(data.holidays)) {
  holidays[country] = skeleton(node);
  borrows[country] = [...referenced(node)].filter((other) => other !== country);
  writeFileSync(join(out, 'holidays', `${country}.json`), JSON.stringify(node));
}
/** The calendar groups each country's rules, or the rules it borrows, need. */
const calendarGroups: Record<string, string[]> = {};
for (const country of Object.keys(data.holidays)) {
  const reach = new Set([country]);
  for (const code of reach) for (const other of borrows[code] ?? []) reach.add(other);
  const rules = [...reach].flatMap((code) => ruleKeys(data.holidays[code]));
  const groups = new Set([...calendarFlagsFor(rules)].flatMap((flag) => CALENDAR_GROUPS[flag] ?? []));
  if (groups.size > 0) calendarGroups[country] = [...groups].sort();
}
writeFileSync(
  join(out, 'holidays', 'index.json'),
  JSON.stringify({ ...data, holidays, borrows, calendarGroups }),
);
writeFileSync(join(out, 'zones.json'), JSON.stringify(zonesFor()));

const parser = writeParser(
  generated,
  (flag) => {
    const group = CALENDAR_GROUPS[flag];
    return group ? { defer: group } : 'keep';
  },
  'holiday-importer: the {calendar} calendar is missing from this build',
);

// `import.meta.url` is the chunk's own URL once bundled: the JSON files lie beside it.
writeFileSync(
  join(generated, 'date-holidays.mjs'),
  `import { readFileSync } from 'node:fs';
import HolidaysParser from 'date-holidays-parser';
import { registerCalendars } from ${JSON.stringify(parser.registry)};
const read = (name) => JSON.parse(readFileSync(new URL(\`./holidays/\${name}.json\`, import.meta.url), 'utf8'));
const data = read('index');
const loaded = new Set();
/** Puts a country's rules, and those of every country they refer to, in place of its skeleton. */
function loadRules(country) {
  if (loaded.has(country) || !data.holidays[country]) return;
  loaded.add(country);
  data.holidays[country] = read(country);
  for (const other of data.borrows[country]) loadRules(other);
}
const calendarChunks = {
${Object.entries(parser.deferred)
  .map(([group, path]) => `  ${JSON.stringify(group)}: () => import(${JSON.stringify(path)}),`)
  .join('\n')}
};
/** Loads the calendars (chunks of their own) the countries' rules need. */
export async function loadCalendarsFor(countries) {
  const groups = new Set(countries.flatMap((country) => data.calendarGroups[country] ?? []));
  for (const group of groups) registerCalendars(await calendarChunks[group]());
}
// Every way to a country's rules passes init (the constructor calls it): the rules are read there.
export class Holidays extends HolidaysParser {
  constructor(country, state, region, opts) {
    super(data, country, state, region, opts);
  }
  init(country, ...rest) {
    const code = typeof country === 'object' && country ? country.country : country;
    if (typeof code === 'string') loadRules(code.split(/[-.]/)[0].toUpperCase());
    return super.init(country, ...rest);
  }
}
export default Holidays;
`,
);
writeFileSync(
  join(generated, 'moment-timezone.mjs'),
  `import { readFileSync } from 'node:fs';
import moment from ${JSON.stringify(createRequire(import.meta.url).resolve('moment-timezone/moment-timezone.js'))};
moment.tz.load(JSON.parse(readFileSync(new URL('./zones.json', import.meta.url), 'utf8')));
export default moment;
`,
);

await build({
  entryPoints: { 'holiday-importer': 'functions/cli/cli-entry.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  external: ['@aws-sdk/*'],
  alias: {
    'date-holidays': join(generated, 'date-holidays.mjs'),
    'date-holidays-parser': parser.entry,
    'moment-timezone': join(generated, 'moment-timezone.mjs'),
  },
  minify: true,
  sourcemap: true,
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
