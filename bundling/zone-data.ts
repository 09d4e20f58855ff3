import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The first and last year whose instants the zone data must get right: runs ask for 2000-2100
 * (the event and --year checks) and a year's holidays reach into its neighbours. Outside the span
 * moment-timezone keeps the nearest offset, never a wrong one inside it.
 */
export const ZONE_YEARS = { first: 1999, last: 2101 } as const;

/** moment-timezone's packed data (data/packed/latest.json): "name|abbrs|offsets|indices|diffs|population". */
export interface PackedZoneBundle {
  version: string;
  zones: string[];
  /** "Zone|Link": the link answers with the zone's data. */
  links: string[];
}

interface UnpackedZone {
  name: string;
  abbrs: string[];
  untils: (number | null)[];
  offsets: number[];
}

interface ZoneUtils {
  tz: {
    unpack(packed: string): UnpackedZone;
    pack(zone: UnpackedZone): string;
    filterYears(zone: UnpackedZone, first: number, last: number): UnpackedZone;
  };
}

/**
 * moment-timezone's every zone and link, each zone cut to `ZONE_YEARS` (so it ships at a fifth of
 * the size). Zones are never merged into links: every link keeps the zone it names in the data.
 */
export function zoneData(): PackedZoneBundle {
  const packed = require('moment-timezone/data/packed/latest.json') as PackedZoneBundle;
  const { tz } = require('moment-timezone/moment-timezone-utils.js') as ZoneUtils;
  return {
    version: packed.version,
    zones: packed.zones.map((zone) =>
      tz.pack(tz.filterYears(tz.unpack(zone), ZONE_YEARS.first, ZONE_YEARS.last)),
    ),
    links: packed.links,
  };
}

/** Every name the data answers to: its zones and both ends of each link. */
export function zoneNames(data: PackedZoneBundle): Set<string> {
  return new Set([
    ...data.zones.map((zone) => zone.split('|')[0] ?? ''),
    ...data.links.flatMap((link) => link.split('|')),
  ]);
}

/**
 * The zones and links that answer to the names, and nothing else. A link comes with the zone it
 * names (moment-timezone's data links to zones only, never to another link); names the data does
 * not know are left out (the config's validation has refused them before).
 */
export function zonesNamed(data: PackedZoneBundle, names: ReadonlySet<string>): PackedZoneBundle {
  const links = data.links.filter((link) => names.has(link.split('|')[1] ?? ''));
  const zones = new Set([...names, ...links.map((link) => link.split('|')[0] ?? '')]);
  return {
    version: data.version,
    zones: data.zones.filter((zone) => zones.has(zone.split('|')[0] ?? '')),
    links,
  };
}
