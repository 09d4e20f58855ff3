import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Build-time subsets of the holiday libraries, shared by the function's bundle (cdk/function-data.ts)
 * and the CLI's build (scripts/build-cli.ts): date-holidays-parser with some calendars compiled
 * out or loaded on demand, and moment-timezone's zones for the years the importer computes.
 */

const require = createRequire(import.meta.url);

/**
 * date-holidays-parser's own build flags (`// #ifndef nohebrew` ... in CalEventFactory.js), by the
 * calendar function its Parser gives a rule. A flag left unset keeps that calendar's module and
 * its libraries (astronomia, date-chinese, jalaali-js...).
 */
export const CALENDAR_FLAGS: Record<string, string> = {
  julian: 'nojulian',
  hebrew: 'nohebrew',
  islamic: 'noislamic',
  jalaali: 'nojalaali',
  equinox: 'noequinox',
  chinese: 'nochinese',
  korean: 'nochinese',
  vietnamese: 'nochinese',
  'bengali-revised': 'nobengali',
};

/** Every rule (the keys of `days`) in some country data: what decides the calendars needed. */
export function ruleKeys(node: unknown, keys: string[] = []): string[] {
  if (!node || typeof node !== 'object') return keys;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'days' && value && typeof value === 'object') keys.push(...Object.keys(value));
    ruleKeys(value, keys);
  }
  return keys;
}
export interface PackedZones {
  version: string;
  zones: string[];
  links: string[];
}

/**
 * The first and last year whose instants the zone data must get right: runs ask for 2000-2100
 * (the event and --year checks) and a year's holidays reach into its neighbours. Outside the span
 * moment-timezone keeps the nearest offset (never filter narrower: that is how a year goes
 * silently wrong), and within it a zone keeps only its transitions since 1999, which makes it
 * smaller to ship and several times faster to unpack at the first run.
 */
export const ZONE_YEARS = { first: 1999, last: 2101 } as const;

interface ZoneUtils {
  tz: {
    unpack(packed: string): unknown;
    filterLinkPack(
      data: { version: string; zones: unknown[]; links: string[] },
      first: number,
      last: number,
    ): PackedZones;
  };
}

/** The packed zones the names need (default: all), their links, and the years the importer computes. */
export function zonesFor(names?: ReadonlySet<string>): PackedZones {
  const packed = require('moment-timezone/data/packed/latest.json') as PackedZones;
  const links = names
    ? packed.links.filter((link) => link.split('|').some((name) => names.has(name)))
    : packed.links;
  const wanted = names && new Set([...names, ...links.map((link) => link.split('|')[0] ?? '')]);
  const moment = require('moment-timezone/moment-timezone-utils.js') as ZoneUtils;
  return moment.tz.filterLinkPack(
    {
      version: packed.version,
      zones: packed.zones
        .filter((zone) => !wanted || wanted.has(zone.split('|')[0] ?? ''))
        .map((zone) => moment.tz.unpack(zone)),
      links,
    },
    ZONE_YEARS.first,
    ZONE_YEARS.last,
  );
}

const parserRoot = dirname(require.resolve('date-holidays-parser/package.json'));

/** The calendar build flags the rules need, as the library's own Parser reads each rule. */
export function calendarFlagsFor(rules: readonly string[]): Set<string> {
  // Not in the package's exports: reached by path (its CommonJS build), at build time only.
  const Parser = require(join(parserRoot, 'lib', 'Parser.cjs')) as new () => {
    parse(rule: string): { fn?: string }[];
  };
  const flags = new Set<string>();
  for (const rule of rules) {
    for (const part of new Parser().parse(rule)) {
      const flag = part.fn && CALENDAR_FLAGS[part.fn];
      if (flag) flags.add(flag);
    }
  }
  return flags;
}

/**
 * What a parser build does with a calendar (by build flag):
 * - keep: as the library has it;
 * - omit: compiled out, as the library's `#ifndef` flags intend; a rule that would still ask for
 *   it fails loudly (with `omitted`) instead of being read as a Gregorian date;
 * - defer to a group: left to that group's module (`deferred-<group>.js`), which a caller imports
 *   and hands to `registerCalendars` of `deferred-registry.js` before computing such a rule (else
 *   that rule fails loudly).
 */
export type CalendarTreatment = 'keep' | 'omit' | { defer: string };

export interface ParserBuild {
  /** The parser's entry (src/index.js), for an esbuild alias of `date-holidays-parser`. */
  entry: string;
  /** The module of each group of deferred calendars. */
  deferred: Record<string, string>;
  registry: string;
}

/**
 * CalEventFactory.js rewritten with each calendar treated so: its `#ifndef` blocks resolved, the
 * omitted calendars throwing, the deferred ones looked up in the registry. Also the deferred
 * calendars by group. Throws when the file no longer has the shape this rewrites.
 */
export function rewriteCalendarFactory(
  source: string,
  treatment: (flag: string) => CalendarTreatment,
  omitted: string,
): { source: string; deferred: Map<string, string[]> } {
  let current: CalendarTreatment = 'keep';
  // A case label whose `return new X(opts)` is still to be replaced: were the library's file to
  // change shape, the label would otherwise fall through to another calendar, silently.
  let unanswered = false;
  const changedShape = (line: string) =>
    new Error(
      `date-holidays-parser's CalEventFactory.js no longer has the shape cdk/library-subsets.ts rewrites (at "${line.trim()}")`,
    );
  const deferred = new Map<string, string[]>();
  const lines = source.split('\n').flatMap((line) => {
    const open = /#ifndef (no\w+)/.exec(line)?.[1];
    if (open) {
      if (!Object.values(CALENDAR_FLAGS).includes(open))
        throw new Error(`unknown build flag ${open} in CalEventFactory.js`);
      current = treatment(open);
      return [];
    }
    if (/#endif/.test(line)) {
      if (unanswered) throw changedShape(line);
      current = 'keep';
      return [];
    }
    if (current === 'keep') return [line];
    if (/^\s*case /.test(line)) {
      unanswered = true;
      return [line];
    }
    const imported = /^import (\w+) from '\.\/\w+\.js'/.exec(line)?.[1];
    if (imported) {
      if (typeof current === 'object')
        deferred.set(current.defer, [...(deferred.get(current.defer) ?? []), imported]);
      return [];
    }
    const created = /^(\s*)return new (\w+)\(opts\)/.exec(line);
    if (created) {
      if (!unanswered) throw changedShape(line);
      unanswered = false;
      return typeof current === 'object'
        ? [`${created[1]}return new (deferredCalendar('${created[2]}'))(opts)`]
        : [`${created[1]}throw omittedCalendar(opts.fn)`];
    }
    if (line.trim() !== '') throw changedShape(line);
    return [];
  });
  return {
    source: [
      "import { deferredCalendar } from './deferred-registry.js'",
      ...lines,
      'function omittedCalendar (fn) {',
      `  return new Error(${JSON.stringify(omitted)}.replace('{calendar}', fn))`,
      '}',
      '',
    ].join('\n'),
    deferred,
  };
}

/** Writes a copy of date-holidays-parser's sources into `dir` with each calendar treated so. */
export function writeParser(
  dir: string,
  treatment: (flag: string) => CalendarTreatment,
  omitted: string,
): ParserBuild {
  const target = join(dir, 'date-holidays-parser');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(parserRoot, 'src'), join(target, 'src'), { recursive: true });
  const factory = join(target, 'src', 'CalEventFactory.js');
  const rewritten = rewriteCalendarFactory(readFileSync(factory, 'utf8'), treatment, omitted);
  writeFileSync(factory, rewritten.source);
  const deferred = rewritten.deferred;
  const registry = join(target, 'src', 'deferred-registry.js');
  writeFileSync(
    registry,
    `const calendars = {}
export function registerCalendars (loaded) {
  Object.assign(calendars, loaded)
}
export function deferredCalendar (name) {
  const calendar = calendars[name]
  if (!calendar) throw new Error('holiday-importer: the ' + name + ' calendar was not loaded before computing holidays')
  return calendar
}
`,
  );
  const groups: Record<string, string> = {};
  for (const [group, names] of deferred) {
    groups[group] = join(target, 'src', `deferred-${group}.js`);
    writeFileSync(
      groups[group],
      names.map((name) => `export { default as ${name} } from './${name}.js'\n`).join(''),
    );
  }
  return { entry: join(target, 'src', 'index.js'), deferred: groups, registry };
}
