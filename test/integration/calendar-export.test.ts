import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import moment from 'moment-timezone';
import { beforeEach, describe, expect, it } from 'vitest';
import { occasionDays } from '../../functions/core/planner/occasion-days.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { calls, writes } from '../helpers/request-log.js';
import { FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * `export` against the sandbox, each file read back with ical.js (a real iCalendar parser) and
 * every date compared with what LivePerson holds.
 */

const sandbox = useSandbox();
const temp = useTempDir('holiday-export');
const deps = { credentialsFor: () => staticCredentials(SANDBOX_CREDENTIALS.oauth1), retry: FAST_RETRY };
let outCounter = 0;

function cli(args: string[], now = new Date('2026-12-01T08:00:00Z')) {
  return runCliCaptured(args, { LP_CSDS_URL: sandbox.current.url }, deps, now);
}

async function exportTo(
  extra: string[] = [],
): Promise<{ dir: string; code: number; stderr: string; stdout: string }> {
  outCounter += 1;
  const dir = join(temp, `out-${outCounter}`);
  const result = await cli(['export', '--out', dir, ...extra]);
  return { dir, ...result };
}

interface ParsedEvent {
  summary: string;
  description: string;
  uid: string;
  allDay: boolean;
  /** yyyy-mm-dd for an all-day event; the wall clock with its TZID for a timed one. */
  start: string;
  end: string;
  zone: string;
  startInstant: number;
}

function parseIcs(text: string): { name: string; zones: string[]; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => {
    ICAL.TimezoneService.register(zone);
    return String(zone.getFirstPropertyValue('tzid'));
  });
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      summary: event.summary,
      description: event.description,
      uid: event.uid,
      allDay: event.startDate.isDate,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      zone: event.startDate.zone?.tzid ?? '',
      startInstant: event.startDate.toJSDate().getTime(),
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), zones, events };
}

function storedEvents(name: string): SpecialOccasionEvent[] {
  const found = sandbox.current.state
    .live(SANDBOX_ACCOUNT, 'specialoccasion')
    .find((item) => item.name === name) as { events: SpecialOccasionEvent[] } | undefined;
  if (!found) throw new Error(`no occasion ${name}`);
  return found.events;
}

describe('export', () => {
  beforeEach(async () => {
    seedDemoScene(sandbox.current.state);
  });

  async function imported(): Promise<void> {
    // Exit 3: the demo's Billing DE stays with its hand-made occasion.
    expect((await cli(['apply'])).code).toBe(3);
    sandbox.current.clearLog();
  }

  it('one file per calendar; every date as LivePerson holds it, whole days all-day, reduced hours timed in the zone', async () => {
    await imported();
    const { dir, code, stdout } = await exportTo();
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'Holidays DE-BY.ics',
      'Holidays UK (England + Scotland).ics',
      'Holidays US.ics',
    ]);
    expect(stdout).toContain('Holidays DE-BY.ics: ');
    for (const [name, zone] of [
      ['Holidays DE-BY', 'Europe/Berlin'],
      ['Holidays US', 'America/New_York'],
      ['Holidays UK (England + Scotland)', 'Europe/London'],
    ] as const) {
      const parsed = parseIcs(readFileSync(join(dir, `${name}.ics`), 'utf8'));
      expect(parsed.name).toBe(name);
      const expected = occasionDays(storedEvents(name)).flatMap((day) =>
        day.kind === 'closed'
          ? [`${day.date} all day ${day.holidays.join(', ')}`]
          : day.hours.map(
              (hours) =>
                `${day.date} ${String(hours.from / 60).padStart(2, '0')}:00-${String(hours.to / 60).padStart(2, '0')}:00 ${zone} ${day.holidays.join(', ')}`,
            ),
      );
      const actual = parsed.events.map((event) =>
        event.allDay
          ? `${event.start} all day ${event.summary}`
          : `${event.start.slice(0, 10)} ${event.start.slice(11, 16)}-${event.end.slice(11, 16)} ${event.zone} ${event.summary}`,
      );
      expect(actual).toEqual(expected);
      expect(expected.length).toBeGreaterThan(15);
      // All-day events end the next day (DTEND is exclusive).
      for (const event of parsed.events.filter((item) => item.allDay)) {
        expect(moment.utc(event.end).diff(moment.utc(event.start), 'days')).toBe(1);
      }
      expect(new Set(parsed.events.map((event) => event.uid)).size).toBe(parsed.events.length);
    }
    // 24 December 2026 in Bavaria: open 08:00-14:00 Berlin time (the Workdays until the holiday).
    const bavaria = parseIcs(readFileSync(join(dir, 'Holidays DE-BY.ics'), 'utf8'));
    expect(bavaria.zones).toEqual(['Europe/Berlin']);
    const eve = bavaria.events.find((event) => event.start.startsWith('2026-12-24'));
    expect(eve).toMatchObject({
      allDay: false,
      summary: 'Heiliger Abend',
      description: 'Reduced hours: open only 08:00-14:00',
      zone: 'Europe/Berlin',
    });
    expect(eve?.startInstant).toBe(Date.parse('2026-12-24T07:00:00Z'));
    // One read, no writes.
    expect(calls(sandbox.current.requests)).toEqual([
      expect.stringMatching(/baseURI\.json$/),
      expect.stringMatching(/\/specialoccasion$/),
    ]);
    expect(writes(sandbox.current.requests)).toEqual([]);
  });

  it('a day added by hand is in the file; the same export again gives the same UIDs', async () => {
    await imported();
    const before = parseIcs(
      readFileSync(join((await exportTo(['--calendar', 'Holidays US'])).dir, 'Holidays US.ics'), 'utf8'),
    );
    const occasion = sandbox.current.state
      .live(SANDBOX_ACCOUNT, 'specialoccasion')
      .find((item) => item.name === 'Holidays US') as Record<string, unknown> & { events: unknown[] };
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      ...occasion,
      events: [
        ...occasion.events,
        {
          meta: { working: false, name: 'Company day' },
          start: { dateTime: '2027-08-13T00:00:00', timeZone: 'America/New_York' },
          end: { dateTime: '2027-08-13T23:59:59', timeZone: 'America/New_York' },
          recurrence: [],
        },
      ],
    });
    const { dir } = await exportTo(['--calendar', 'Holidays US', '--year', '2027']);
    expect(readdirSync(dir)).toEqual(['Holidays US.ics']);
    const after = parseIcs(readFileSync(join(dir, 'Holidays US.ics'), 'utf8'));
    expect(after.events.find((event) => event.summary === 'Company day')).toMatchObject({
      allDay: true,
      start: '2027-08-13',
      end: '2027-08-14',
    });
    expect(after.events.every((event) => event.start.startsWith('2027'))).toBe(true);
    const uids = new Set(before.events.map((event) => event.uid));
    expect(
      after.events.filter((event) => event.summary !== 'Company day').every((event) => uids.has(event.uid)),
    ).toBe(true);
  });

  it('an account with no importer occasions: no file, a warning that says why and what to do', async () => {
    const { dir, code, stderr } = await exportTo(['--json']);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(stderr).toContain(
      'warning: Holidays DE-BY: LivePerson holds no special occasion of the importer by this name',
    );
    expect(stderr).toContain('export --from-config');
  });

  it("--from-config works offline: the config's events, a half day as the holiday's part of the day", async () => {
    const { dir, code } = await exportTo(['--from-config', '--calendar', 'Holidays DE-BY', '--year', '2027']);
    expect(code).toBe(0);
    expect(sandbox.current.requests).toEqual([]);
    const parsed = parseIcs(readFileSync(join(dir, 'Holidays DE-BY.ics'), 'utf8'));
    expect(parsed.events.find((event) => event.start.startsWith('2027-12-24'))).toMatchObject({
      allDay: false,
      summary: 'Heiliger Abend',
      start: '2027-12-24T14:00:00',
      end: '2027-12-25T00:00:00',
      description: 'Reduced hours: closed from 14:00; the normal hours until then',
    });
    expect(parsed.events.find((event) => event.start === '2027-12-25')).toMatchObject({
      allDay: true,
      summary: '1. Weihnachtstag',
    });
    expect(parsed.events.find((event) => event.summary === 'Betriebsversammlung')).toMatchObject({
      allDay: true,
      start: '2027-06-01',
    });
  });

  it('refuses options that do not apply, before any request', async () => {
    for (const [args, message] of [
      [['export', '--force'], /--force does not apply to "export"/],
      [['plan', '--out', 'x'], /--out belongs to "export"/],
      [['preview', '--from-config'], /--from-config belongs to "export"/],
      [['export', '--calendar', 'Nope', '--from-config'], /Unknown calendar "Nope"/],
    ] as const) {
      const result = await cli([...args]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(sandbox.current.requests).toEqual([]);
  });
});
