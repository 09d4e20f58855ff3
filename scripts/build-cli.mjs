// Builds the operator CLI into dist/cli (run by "prepare" on npm ci, and before the tests): one
// small entry chunk for arguments and help, the commands in chunks loaded on use. The AWS SDK
// stays in node_modules: only plan, apply and invoke load it.
//
// The holiday rules of every country (~400 KB) and the zone table (~700 KB) ship as JSON files
// beside the chunks, not as code, and only what a command touches is read:
// - holidays/index.json holds every country's names, zones and subdivisions (what validating a
//   region code needs) and which countries' rules each borrows; holidays/<country>.json holds a
//   country's rules, read when an instance is first set up for that country;
// - zones.json holds the zones for 1999-2101 only (the CLI accepts the years 2000-2100, and a
//   year's holidays reach into its neighbours), zones equal in that span packed as links.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const out = 'dist/cli';
const generated = '.build/cli-data';

rmSync(out, { recursive: true, force: true });
rmSync(generated, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(generated, { recursive: true });

const { data } = await import('date-holidays/data');
mkdirSync(join(out, 'holidays'));
/** A country, state or region without its rules (`days`). */
const skeleton = (node) =>
  Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'days')
      .map(([key, value]) =>
        (key === 'states' || key === 'regions') && value && typeof value === 'object'
          ? [key, Object.fromEntries(Object.entries(value).map(([code, child]) => [code, skeleton(child)]))]
          : [key, value],
      ),
  );
/** The countries whose rules a country's rules refer to (`_days`), directly. */
const referenced = (node, found = new Set()) => {
  for (const [key, value] of Object.entries(node)) {
    if (key === '_days') found.add(String(Array.isArray(value) ? value[0] : value));
    else if (value && typeof value === 'object') referenced(value, found);
  }
  return found;
};
const holidays = {};
const borrows = {};
for (const [country, node] of Object.entries(data.holidays)) {
  holidays[country] = skeleton(node);
  borrows[country] = [...referenced(node)].filter((other) => other !== country);
  writeFileSync(join(out, 'holidays', `${country}.json`), JSON.stringify(node));
}
writeFileSync(join(out, 'holidays', 'index.json'), JSON.stringify({ ...data, holidays, borrows }));

const moment = require('moment-timezone/moment-timezone.js');
require('moment-timezone/moment-timezone-utils.js');
const packed = require('moment-timezone/data/packed/latest.json');
const zones = moment.tz.filterLinkPack(
  { version: packed.version, zones: packed.zones.map((zone) => moment.tz.unpack(zone)), links: packed.links },
  1999,
  2101,
);
writeFileSync(join(out, 'zones.json'), JSON.stringify(zones));

// `import.meta.url` is the chunk's own URL once bundled: the JSON files lie beside it.
writeFileSync(
  join(generated, 'date-holidays.mjs'),
  `import { readFileSync } from 'node:fs';
import HolidaysParser from 'date-holidays-parser';
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
import moment from ${JSON.stringify(require.resolve('moment-timezone/moment-timezone.js'))};
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
    'date-holidays': join(process.cwd(), generated, 'date-holidays.mjs'),
    'moment-timezone': join(process.cwd(), generated, 'moment-timezone.mjs'),
  },
  minify: true,
  sourcemap: true,
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
