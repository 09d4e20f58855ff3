import ICAL from 'ical.js';
import moment from 'moment-timezone';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarFileName, renderCalendarFile } from '../../functions/core/export/calendar-file.js';

/**
 * The calendar file in every zone: written with ical-generator, read back with ical.js, each date
 * and wall clock must be the one given, whatever the calendar's zone and the machine's.
 */

const ENTRIES = [
  { kind: 'allDay', date: '2027-12-25', name: 'Christmas Day', description: 'Closed all day' },
  { kind: 'allDay', date: '2027-01-01', name: 'New Year', description: 'Closed all day' },
  // A date on which many zones change their clocks.
  { kind: 'allDay', date: '2027-03-28', name: 'Spring', description: 'Closed all day' },
  { kind: 'timed', date: '2027-12-24', from: 480, to: 840, name: 'Christmas Eve', description: 'open' },
  {
    kind: 'timed',
    date: '2027-12-31',
    from: 840,
    to: 1440,
    name: 'New Year\u2019s Eve',
    description: 'closed part',
  },
] as const;

function readBack(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      name: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      zone: event.startDate.zone?.tzid ?? '',
      instant: event.startDate.toJSDate().getTime(),
    };
  });
}

const machineZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = machineZone;
});

describe('renderCalendarFile in every zone', () => {
  const zones = moment.tz.names();

  const WANT_DATES = [
    'New Year 2027-01-01..2027-01-02',
    'Spring 2027-03-28..2027-03-29',
    'Christmas Day 2027-12-25..2027-12-26',
  ];
  const WANT_WALLS = [
    'Christmas Eve 2027-12-24T08:00:00..2027-12-24T14:00:00',
    'New Year\u2019s Eve 2027-12-31T14:00:00..2028-01-01T00:00:00',
  ];
  const utcZones = new Set<string>();

  it.each(['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])('on a machine in %s', (machine) => {
    process.env.TZ = machine;
    const wrong: string[] = [];
    for (const zone of zones) {
      const events = readBack(
        renderCalendarFile({
          name: 'Test',
          timeZone: zone,
          entries: ENTRIES,
          now: new Date('2027-01-01T00:00:00Z'),
        }),
      );
      const line = (event: (typeof events)[number]) => `${event.name} ${event.start}..${event.end}`;
      const allDay = events.filter((event) => !event.start.includes('T'));
      const timed = events.filter((event) => event.start.includes('T'));
      // Whole days: the very dates, whatever the zone.
      if (JSON.stringify(allDay.map(line)) !== JSON.stringify(WANT_DATES))
        wrong.push(`${zone}: ${allDay.map(line)}`);
      // Reduced hours: the same instants as the tz database says, ...
      const instants = timed.map((event) => event.instant);
      const expected = [
        moment.tz('2027-12-24T08:00:00', zone).valueOf(),
        moment.tz('2027-12-31T14:00:00', zone).valueOf(),
      ];
      if (JSON.stringify(instants) !== JSON.stringify(expected))
        wrong.push(`${zone}: instants ${instants.join(', ')}`);
      // ... on the zone's own wall clock (its TZID, a link's canonical zone), or in UTC.
      const utc = timed.every((event) => event.zone === 'UTC' || event.zone === 'Z');
      if (utc) utcZones.add(zone);
      else if (JSON.stringify(timed.map(line)) !== JSON.stringify(WANT_WALLS))
        wrong.push(`${zone}: ${timed.map(line)}`);
      if (!utc && timed.some((event) => event.zone === 'floating'))
        wrong.push(`${zone}: a TZID without its VTIMEZONE`);
    }
    expect(wrong).toEqual([]);
    // Almost every zone keeps its wall clock. In UTC: Morocco (its Ramadan change is no yearly
    // rule) and the zones where the library's newer tz data and moment-timezone's disagree.
    expect(utcZones.size).toBeLessThan(zones.length / 20);
    expect(utcZones).toContain('Africa/Casablanca');
    expect(utcZones).not.toContain('Europe/Berlin');
  });

  it('writes the VTIMEZONE of the zone, for a link that of its canonical zone', () => {
    for (const [zone, tzid] of [
      ['Europe/Berlin', 'Europe/Berlin'],
      ['America/New_York', 'America/New_York'],
      ['US/Eastern', 'America/New_York'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
    ] as const) {
      const text = renderCalendarFile({ name: 'Test', timeZone: zone, entries: ENTRIES, now: new Date(0) });
      expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${tzid}`);
      expect(text).toContain(`DTSTART;TZID=${tzid}:20271224T080000`);
    }
  });
});

describe('calendarFileName', () => {
  it.each([
    ['Holidays DE-BY', 'Holidays DE-BY.ics'],
    ['Holidays UK (England + Scotland)', 'Holidays UK (England + Scotland).ics'],
    ['Sales/Support: EU', 'Sales_Support_ EU.ics'],
    ['..hidden', '_hidden.ics'],
    ['tab\there', 'tab_here.ics'],
    ['', 'calendar.ics'],
  ])('%j -> %j', (name, file) => {
    expect(calendarFileName(name)).toBe(file);
  });
});
