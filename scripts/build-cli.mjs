// Builds the operator CLI into dist/cli (run by "prepare" on npm ci, and before the tests): one
// small entry chunk for arguments and help, the commands in chunks loaded on use. The AWS SDK
// stays in node_modules: only plan, apply and invoke load it.
//
// The holiday rules of every country (~400 KB) and the zone table (~700 KB) ship as JSON files
// beside the chunks, not as code, and only what a command touches is read:
// - holidays/index.json holds every country's names, zones and subdivisions (what validating a
//   region code needs), and holidays/<country>.json its rules, read when a rule is first asked for;
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
/** A country, state or region without its rules: `days: 1` marks where rules are to be read. */
const skeleton = (node) =>
  Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'days') return [key, 1];
      if ((key === 'states' || key === 'regions') && value && typeof value === 'object')
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([code, child]) => [code, skeleton(child)])),
        ];
      return [key, value];
    }),
  );
const holidays = {};
for (const [country, node] of Object.entries(data.holidays)) {
  holidays[country] = skeleton(node);
  writeFileSync(join(out, 'holidays', `${country}.json`), JSON.stringify(node));
}
writeFileSync(join(out, 'holidays', 'index.json'), JSON.stringify({ ...data, holidays }));

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
let data;
function load() {
  if (data) return data;
  data = read('index');
  for (const [country, top] of Object.entries(data.holidays)) {
    let rules;
    const lazy = (node, path) => {
      if (node.days === 1) {
        Object.defineProperty(node, 'days', {
          enumerable: true,
          configurable: true,
          get() {
            rules ??= read(country);
            const days = path.reduce((at, key) => at[key], rules).days;
            Object.defineProperty(node, 'days', { value: days, enumerable: true, writable: true, configurable: true });
            return days;
          },
        });
      }
      for (const kind of ['states', 'regions'])
        for (const [code, child] of Object.entries(node[kind] ?? {})) lazy(child, [...path, kind, code]);
    };
    lazy(top, []);
  }
  return data;
}
export class Holidays extends HolidaysParser {
  constructor(country, state, region, opts) {
    super(load(), country, state, region, opts);
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
