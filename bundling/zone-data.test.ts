import moment from 'moment-timezone';
import { describe, expect, it } from 'vitest';
import { type PackedZoneBundle, ZONE_YEARS, zoneData, zoneNames, zonesNamed } from './zone-data.js';

/**
 * The function's zone data against the full library: every name moment-timezone knows, links
 * included, gives the same offset at every instant 2000-2100 (each transition, its eve and every
 * month), whether it ships alone or with others.
 */

const all = zoneData();
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2101, 0, 1);

/** The instants where a full zone's offset may change in 2000-2100, each with the minute before. */
function checkpoints(name: string): number[] {
  const zone = moment.tz.zone(name);
  if (!zone) throw new Error(`the full library has no zone ${name}`);
  const points: number[] = [];
  for (const until of zone.untils) {
    if (until > FROM && until < TO) points.push(until - 60_000, until);
  }
  for (let time = FROM; time < TO; time += 30 * 86_400_000) points.push(time);
  return points;
}

/** The zone a name resolves to in some data: its own entry or the zone its link names. */
function resolved(data: PackedZoneBundle, name: string): moment.MomentZone | undefined {
  const target = data.links.find((link) => link.split('|')[1] === name)?.split('|')[0] ?? name;
  const packed = data.zones.find((zone) => zone.split('|')[0] === target);
  // moment-timezone's Zone class reads a packed zone; its typings leave it out.
  const { Zone } = moment.tz as unknown as { Zone: new (packed: string) => moment.MomentZone };
  return packed ? new Zone(packed) : undefined;
}

describe('zone data', () => {
  const names = moment.tz.names();

  it('knows every name of the full library, and only links to zones it carries', () => {
    expect(names.length).toBeGreaterThan(550);
    expect([...zoneNames(all)].sort()).toEqual([...names].sort());
    const zones = new Set(all.zones.map((zone) => zone.split('|')[0]));
    expect(all.links.filter((link) => !zones.has(link.split('|')[0]))).toEqual([]);
  });

  it(`every name, shipped alone, keeps the full library's offsets ${ZONE_YEARS.first + 1}-${ZONE_YEARS.last - 1}`, () => {
    const wrong: string[] = [];
    for (const name of names) {
      const alone = zonesNamed(all, new Set([name]));
      const zone = resolved(alone, name);
      const full = moment.tz.zone(name);
      if (!zone || !full) {
        wrong.push(`${name}: not carried`);
        continue;
      }
      for (const time of checkpoints(name)) {
        if (zone.utcOffset(time) !== full.utcOffset(time)) {
          wrong.push(
            `${name} at ${new Date(time).toISOString()}: ${zone.utcOffset(time)} != ${full.utcOffset(time)}`,
          );
          break;
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['a zone', 'Europe/Berlin', 1],
    ['a link, with the zone it names', 'Europe/Kyiv', 2],
    ['an old name of a zone', 'Asia/Calcutta', 2],
    ['an alias of the old US names', 'US/Eastern', 2],
  ])('zonesNamed: %s (%s) carries %i name(s), all resolving', (_, name, count) => {
    const data = zonesNamed(all, new Set([name]));
    expect(zoneNames(data).size).toBe(count);
    expect(zoneNames(data).has(name)).toBe(true);
    for (const each of zoneNames(data)) expect(resolved(data, each), each).toBeDefined();
  });

  it('zonesNamed: a name the data does not know carries nothing', () => {
    expect(zoneNames(zonesNamed(all, new Set(['Mars/Olympus_Mons']))).size).toBe(0);
  });
});
