import { beforeEach, describe, expect, it } from 'vitest';
import type { UpcomingResult } from '../../functions/import-run/upcoming-run.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { calls, writes } from '../helpers/request-log.js';
import { FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';

/**
 * `upcoming` against the sandbox: what LivePerson holds for the next days (not the config), hand
 * edits and a default made by hand included, with the skills each closure serves; reads only.
 */

const sandbox = useSandbox();
const deps = { credentialsFor: () => staticCredentials(SANDBOX_CREDENTIALS.oauth1), retry: FAST_RETRY };
// Monday 14 December 2026, 09:00 in Berlin.
const MONDAY = new Date('2026-12-14T08:00:00Z');

function cli(args: string[], now = MONDAY) {
  // The example config: its account is the sandbox's.
  return runCliCaptured(args, { LP_CSDS_URL: sandbox.current.url, TZ: 'Europe/Berlin' }, deps, now);
}

async function upcomingJson(days: number, now = MONDAY): Promise<UpcomingResult> {
  const result = await cli(['upcoming', '--days', String(days), '--json'], now);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as UpcomingResult;
}

/**
 * The importer's occasions as an apply on 1 December 2026 writes them (2026 and 2027). Exit 3: the
 * demo's Billing DE stays with its hand-made occasion (a conflict without --force).
 */
async function imported(): Promise<void> {
  const apply = await cli(['apply'], new Date('2026-12-01T08:00:00Z'));
  expect(apply.code, apply.stderr).toBe(3);
  sandbox.current.clearLog();
}

function storedOccasion(name: string): Record<string, unknown> & { events: unknown[] } {
  const found = sandbox.current.state
    .live(SANDBOX_ACCOUNT, 'specialoccasion')
    .find((item) => item.name === name);
  if (!found) throw new Error(`no occasion ${name}`);
  return found as Record<string, unknown> & { events: unknown[] };
}

describe('upcoming', () => {
  beforeEach(() => {
    seedDemoScene(sandbox.current.state);
  });

  it('lists a reduced day inside the window, and not the closure the day after it', async () => {
    await imported();
    // 14 .. 24 December: 24 December (a Thursday) closes at 14:00 in Bavaria; 25 December is outside.
    const report = await upcomingJson(11);
    expect(report).toMatchObject({ from: '2026-12-14', to: '2026-12-24', days: 11, count: 1 });
    expect(report.subject).toBe('Contact center closures 14 Dec - 24 Dec 2026: 1 day');
    expect(report.dates).toEqual([
      {
        date: '2026-12-24',
        closures: [
          {
            calendar: 'Holidays DE-BY',
            occasionId: expect.any(Number),
            timeZone: 'Europe/Berlin',
            kind: 'reduced',
            // The default Workdays (Monday to Friday 08:00-17:00) until the holiday starts at 14:00.
            hours: ['08:00-14:00'],
            holidays: ['Heiliger Abend'],
            accountDefault: false,
            // Billing DE stays with its hand-made occasion, so this one does not serve it.
            skills: [{ skill: 'Support DE', skillId: 2000000001 }],
          },
        ],
      },
    ]);
    // Reads only: the occasions, then the skills because a date is coming.
    expect(calls(sandbox.current.requests)).toEqual([
      expect.stringMatching(/^GET .*baseURI\.json/),
      expect.stringMatching(/^GET .*\/specialoccasion$/),
      expect.stringMatching(/^GET .*\/skills$/),
    ]);
    expect(writes(sandbox.current.requests)).toEqual([]);
  });

  it('one day more takes in 25 December, closed in all three calendars', async () => {
    await imported();
    const report = await upcomingJson(12);
    expect(report.count).toBe(2);
    const christmas = report.dates.find((day) => day.date === '2026-12-25');
    expect(christmas?.closures.map((closure) => [closure.calendar, closure.kind, closure.hours])).toEqual([
      ['Holidays DE-BY', 'closed', []],
      ['Holidays UK (England + Scotland)', 'closed', []],
      ['Holidays US', 'closed', []],
    ]);
    expect(christmas?.closures.find((closure) => closure.calendar === 'Holidays US')?.skills).toEqual([
      { skill: 'Chat Sales US', skillId: 2000000003 },
      { skill: 'Support US', skillId: 2000000004 },
    ]);
  });

  it('shows a day added by hand to an importer occasion: what customers will meet', async () => {
    await imported();
    const occasion = storedOccasion('Holidays DE-BY');
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      ...occasion,
      events: [
        ...occasion.events,
        {
          meta: { working: false, name: 'Team offsite' },
          start: { dateTime: '2026-12-18T00:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-12-18T23:59:59', timeZone: 'Europe/Berlin' },
          recurrence: [],
        },
      ],
    });
    const report = await upcomingJson(11);
    expect(report.dates.map((day) => day.date)).toEqual(['2026-12-18', '2026-12-24']);
    expect(report.dates[0]?.closures[0]).toMatchObject({
      calendar: 'Holidays DE-BY',
      kind: 'closed',
      holidays: ['Team offsite'],
    });
  });

  it('in text: the subject, each date with its calendar, hours and skills', async () => {
    await imported();
    const result = await cli(['upcoming', '--days', '12']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Contact center closures 14 Dec - 25 Dec 2026: 2 days',
        '',
        'Thu 24 Dec 2026',
        '  Holidays DE-BY (Europe/Berlin): open only 08:00-14:00; Heiliger Abend',
        '    skills: Support DE',
        'Fri 25 Dec 2026',
        '  Holidays DE-BY (Europe/Berlin): closed all day; 1. Weihnachtstag',
        '    skills: Support DE',
        '  Holidays UK (England + Scotland) (Europe/London): closed all day; Christmas Day',
        '    skills: Support UK',
        '  Holidays US (America/New_York): closed all day; Christmas Day',
        '    skills: Chat Sales US, Support US',
        '',
      ].join('\n'),
    );
  });

  it('an account with no importer occasions: nothing coming, no skills read', async () => {
    // The demo's hand-made occasion (not the importer's, not the default) is not a notice's business.
    const report = await upcomingJson(365, new Date('2027-07-01T08:00:00Z'));
    // The Domain API's lookup and the occasions.
    expect(report).toMatchObject({ count: 0, dates: [], requests: { GET: 2, POST: 0, PUT: 0, DELETE: 0 } });
    const text = await cli(['upcoming'], new Date('2027-07-01T08:00:00Z'));
    expect(text.stdout).toBe('No closures or reduced hours from 1 Jul to 14 Jul 2027.\n');
    expect(writes(sandbox.current.requests)).toEqual([]);
  });

  it('the account default made by hand counts, for every skill without an occasion of its own', async () => {
    await imported();
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Company default (by hand)',
      description: 'Maintained by the workforce team',
      isDefault: true,
      events: [
        {
          meta: { working: true, name: 'Inventory' },
          start: { dateTime: '2026-12-15T10:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-12-15T12:00:00', timeZone: 'Europe/Berlin' },
          recurrence: [],
        },
      ],
    });
    const report = await upcomingJson(3);
    expect(report.dates).toEqual([
      {
        date: '2026-12-15',
        closures: [
          expect.objectContaining({
            calendar: 'Company default (by hand)',
            kind: 'reduced',
            hours: ['10:00-12:00'],
            accountDefault: true,
            // Back office has no occasion of its own; the others follow the importer's.
            skills: [{ skill: 'Back office', skillId: 2000000006 }],
          }),
        ],
      },
    ]);
  });

  it('refuses options that do not apply, and a bad --days, before any request', async () => {
    for (const [args, message] of [
      [['upcoming', '--days', '0'], /--days "0" is not a number of days/],
      [['upcoming', '--days', 'two'], /--days "two"/],
      [['upcoming', '--year', '2027'], /--year does not apply to "upcoming"/],
      [['plan', '--days', '3'], /--days belongs to "upcoming"/],
    ] as const) {
      const result = await cli([...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(sandbox.current.requests).toEqual([]);
  });
});
