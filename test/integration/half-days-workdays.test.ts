import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/core/config/config-validation.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';
import type { RunSummary } from '../../functions/core/summary/run-summary.js';
import { type ImportRequest, runImport } from '../../functions/import-run/import-run.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { LivePersonClient } from '../../functions/liveperson/liveperson-client.js';
import { OFFICE_HOURS_ID, SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { byName } from '../helpers/importer-harness.js';
import { calls, writes } from '../helpers/request-log.js';
import { FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';

/**
 * Half days against the Workdays LivePerson holds, end to end against the sandbox: an occasion
 * overwrites the Workdays of its date, so a half day is the weekday's hours without the holiday's
 * part, and a weekday the Workdays keep closed gets no event.
 */

const sandbox = useSandbox();

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Weekly Workdays events, as the UI makes them: each on its weekday's date in one week of 2026. */
function workdaysEvents(days: number[], from: string, to: string, timeZone: string) {
  return days.map((day) => {
    const date = `2026-01-${String(4 + day).padStart(2, '0')}`;
    return {
      start: { dateTime: `${date}T${from}:00`, timeZone },
      end: { dateTime: `${date}T${to}:00`, timeZone },
      recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${DAYS[day]}`],
    };
  });
}
const WEEKDAYS = [1, 2, 3, 4, 5];

function putWorkdays(id: number, name: string, events: unknown[], isDefault = false) {
  sandbox.current.state.put(SANDBOX_ACCOUNT, 'workinghours', {
    id,
    name,
    description: '',
    isDefault,
    events,
  });
}

function putSkill(id: number, name: string, workingHoursId?: number) {
  sandbox.current.state.put(SANDBOX_ACCOUNT, 'skills', {
    id,
    name,
    ...(workingHoursId !== undefined ? { workingHoursId } : {}),
  });
}

const DE = {
  name: 'Holidays DE-BY',
  regions: ['DE-BY'],
  types: ['public', 'bank'],
  language: 'de',
  timeZone: 'Europe/Berlin',
};
const BR = {
  name: 'Holidays BR',
  regions: ['BR'],
  types: ['public', 'optional'],
  timeZone: 'America/Sao_Paulo',
};

function config(calendars: Record<string, unknown>[]) {
  return parseConfig({ accountId: SANDBOX_ACCOUNT, secretId: 'unused', calendars }, 'test');
}

function run(
  calendars: Record<string, unknown>[],
  request: Partial<ImportRequest> = {},
): Promise<RunSummary> {
  return runImport(
    { trigger: 'manual', dryRun: false, force: false, ...request },
    {
      config: config(calendars),
      client: new LivePersonClient({
        accountId: SANDBOX_ACCOUNT,
        credentials: staticCredentials(SANDBOX_CREDENTIALS.oauth1),
        csdsUrl: sandbox.current.url,
        retry: FAST_RETRY,
      }),
    },
  );
}

const stored = (name: string) =>
  sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion').find((item) => item.name === name) as
    | { id: number; isDefault: boolean; events: SpecialOccasionEvent[] }
    | undefined;

/** The stored events of one date, as `start..end open|off`. */
function onDate(name: string, date: string): string[] {
  return (stored(name)?.events ?? [])
    .filter((event) => event.start.dateTime.startsWith(date))
    .map(
      (event) =>
        `${event.start.dateTime.slice(11, 16)}..${event.end.dateTime.slice(11, 16)} ${event.meta.working ? 'open' : 'off'}`,
    );
}

beforeEach(() => {
  sandbox.current.state.addAccount(SANDBOX_ACCOUNT);
  putWorkdays(
    OFFICE_HOURS_ID,
    'Office hours',
    workdaysEvents(WEEKDAYS, '08:00', '17:00', 'Europe/Berlin'),
    true,
  );
  sandbox.current.clearLog();
});

describe("half days from the Workdays of the calendar's skills", () => {
  it('Saturday 24 and 31 December 2033: no event, the days stay closed as the Workdays say', async () => {
    putSkill(2000000001, 'Support DE', OFFICE_HOURS_ID);
    const summary = await run([{ ...DE, partialDays: { mode: 'reduced' }, skills: ['Support DE'] }], {
      years: [2033],
    });
    expect(byName(summary)['Holidays DE-BY']?.action).toBe('created');
    expect(onDate('Holidays DE-BY', '2033-12-24')).toEqual([]);
    expect(onDate('Holidays DE-BY', '2033-12-31')).toEqual([]);
    expect(byName(summary)['Holidays DE-BY']?.halfDays).toEqual([
      {
        date: '2033-12-24',
        name: 'Heiliger Abend',
        hours: 'no event: closed by the normal hours',
        from: '"Support DE" (Workdays "Office hours" (4011110000, the account default))',
      },
      expect.objectContaining({ date: '2033-12-31', hours: 'no event: closed by the normal hours' }),
    ]);
    // A Friday: open from opening until 14:00, as a working window only.
    await run([{ ...DE, partialDays: { mode: 'reduced' }, skills: ['Support DE'] }], { years: [2027] });
    expect(onDate('Holidays DE-BY', '2027-12-24')).toEqual(['08:00..14:00 open']);
  });

  it('Ash Wednesday in BR (until 14:00): open from 14:00 until closing, never a lone not-working window', async () => {
    putWorkdays(4011110010, 'Escritório', workdaysEvents(WEEKDAYS, '09:00', '18:00', 'America/Sao_Paulo'));
    putSkill(2000000011, 'Suporte BR', 4011110010);
    await run([{ ...BR, partialDays: { mode: 'reduced' }, skills: ['Suporte BR'] }], { years: [2026] });
    expect(onDate('Holidays BR', '2026-02-18')).toEqual(['14:00..18:00 open']);
    expect(
      stored('Holidays BR')?.events.every(
        (event) => event.meta.working || event.end.dateTime.endsWith('T23:59:59'),
      ),
    ).toBe(true);
  });

  it('Workdays in another zone are converted for that date', async () => {
    putWorkdays(4011110020, 'London office', workdaysEvents(WEEKDAYS, '08:00', '17:00', 'Europe/London'));
    putSkill(2000000021, 'Support UK for DE', 4011110020);
    await run([{ ...DE, partialDays: { mode: 'reduced' }, skills: ['Support UK for DE'] }], {
      years: [2027],
    });
    // 08:00 in London is 09:00 in Berlin.
    expect(onDate('Holidays DE-BY', '2027-12-24')).toEqual(['09:00..14:00 open']);
  });

  it('two skills with different hours: that calendar fails naming both, nothing is written for it, the others go on', async () => {
    putWorkdays(4011110030, 'Late shift', workdaysEvents(WEEKDAYS, '09:00', '17:00', 'Europe/Berlin'));
    putSkill(2000000001, 'Support DE', OFFICE_HOURS_ID);
    putSkill(2000000002, 'Billing DE', 4011110030);
    putSkill(2000000004, 'Support US');
    const summary = await run(
      [
        { ...DE, partialDays: { mode: 'reduced' }, skills: ['Support DE', 'Billing DE'] },
        { name: 'Holidays US', regions: ['US'], timeZone: 'America/New_York', skills: ['Support US'] },
      ],
      { years: [2027] },
    );
    const de = byName(summary)['Holidays DE-BY'];
    expect(de?.action).toBe('failed');
    expect(de?.error).toContain(
      '2027-12-24 (Heiliger Abend): "Support DE" (Workdays "Office hours" (4011110000, the account default)): 08:00-14:00 vs "Billing DE" (Workdays "Late shift" (4011110030)): 09:00-14:00',
    );
    expect(de?.error).toContain('Split the calendar by hours');
    expect(de?.skills.map((skill) => skill.action)).toEqual(['failed', 'failed']);
    expect(stored('Holidays DE-BY')).toBeUndefined();
    expect(byName(summary)['Holidays US']?.action).toBe('created');
    expect(
      sandbox.current.state.live(SANDBOX_ACCOUNT, 'skills').find((skill) => skill.name === 'Billing DE')
        ?.specialOccasionId,
    ).toBeUndefined();
  });

  it('a Workdays change between runs: the next run shows updated, not drift', async () => {
    putSkill(2000000001, 'Support DE', OFFICE_HOURS_ID);
    const calendars = [{ ...DE, partialDays: { mode: 'reduced' }, skills: ['Support DE'] }];
    await run(calendars, { years: [2027] });
    expect(onDate('Holidays DE-BY', '2027-12-24')).toEqual(['08:00..14:00 open']);
    putWorkdays(
      OFFICE_HOURS_ID,
      'Office hours',
      workdaysEvents(WEEKDAYS, '07:30', '16:00', 'Europe/Berlin'),
      true,
    );
    const summary = await run(calendars, { years: [2027] });
    expect(byName(summary)['Holidays DE-BY']).toMatchObject({
      action: 'updated',
      eventsAdded: 2,
      eventsRemoved: 2,
    });
    expect(onDate('Holidays DE-BY', '2027-12-24')).toEqual(['07:30..14:00 open']);
    const again = await run(calendars, { years: [2027] });
    expect(byName(again)['Holidays DE-BY']?.action).toBe('unchanged');
  });

  it('reads Workdays once per run, only when a calendar has half days, and never writes them', async () => {
    putSkill(2000000001, 'Support DE', OFFICE_HOURS_ID);
    await run([{ ...DE, partialDays: { mode: 'reduced' }, skills: ['Support DE'] }], { years: [2027] });
    expect(calls(sandbox.current.requests).filter((line) => line.includes('workinghours'))).toEqual([
      'GET /configuration/ac-common/workinghours',
    ]);
    expect(
      sandbox.current.requests.find((request) => request.path.includes('workinghours'))?.query,
    ).toMatchObject({
      v: '1.0',
      select: '$all',
    });
    sandbox.current.clearLog();
    await run([{ ...DE, partialDays: { mode: 'closed' }, skills: ['Support DE'] }], { years: [2027] });
    expect(calls(sandbox.current.requests).some((line) => line.includes('workinghours'))).toBe(false);
    expect(writes(sandbox.current.requests).some((request) => request.path.includes('workinghours'))).toBe(
      false,
    );
  });

  it('fixed hours for a calendar without skills and default Workdays: on every weekday', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'workinghours', {
      id: OFFICE_HOURS_ID,
      name: 'Office hours',
      isDefault: false,
      deleted: true,
      events: [],
    });
    await run([{ ...DE, partialDays: { mode: 'reduced', opensAt: '10:00', closesAt: '18:00' } }], {
      years: [2033],
    });
    expect(onDate('Holidays DE-BY', '2033-12-24')).toEqual(['10:00..14:00 open']);
    const summary = await run([{ ...DE, name: 'No hours', partialDays: { mode: 'reduced' } }], {
      years: [2033],
    });
    expect(byName(summary)['No hours']?.error).toMatch(
      /give "partialDays": \{ "mode": "reduced", "opensAt", "closesAt" \}/,
    );
  });
});

describe('the account default ("accountDefault": true)', () => {
  it('makes the occasion the default; plan names it', async () => {
    putSkill(2000000001, 'Support DE', OFFICE_HOURS_ID);
    const summary = await run([{ ...DE, accountDefault: true }], { years: [2027] });
    expect(byName(summary)['Holidays DE-BY']?.action).toBe('created');
    expect(stored('Holidays DE-BY')?.isDefault).toBe(true);
    const plan = await run([{ ...DE, accountDefault: true }], { years: [2027], dryRun: true });
    expect(plan.accountDefault).toEqual({
      name: 'Holidays DE-BY',
      occasionId: stored('Holidays DE-BY')?.id,
      importer: true,
    });
    expect(byName(plan)['Holidays DE-BY']?.action).toBe('unchanged');
  });

  it('another occasion that is already the default is a conflict (exit 3); force takes it over', async () => {
    seedDemoScene(sandbox.current.state);
    const [foreign] = sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Default by hand',
      description: 'made in the UI',
      isDefault: true,
      deleted: false,
      events: [],
    });
    const calendars = [{ ...DE, accountDefault: true }];
    const summary = await run(calendars, { years: [2027] });
    expect(byName(summary)['Holidays DE-BY']?.action).toBe('conflict');
    expect(byName(summary)['Holidays DE-BY']?.error).toContain(
      `the account's default special occasion is "Default by hand" (${foreign?.id}), which the importer does not own`,
    );
    expect(summary.accountDefault).toEqual({
      name: 'Default by hand',
      occasionId: foreign?.id,
      importer: false,
    });
    expect(stored('Holidays DE-BY')).toBeUndefined();
    const forced = await run(calendars, { years: [2027], force: true });
    expect(byName(forced)['Holidays DE-BY']?.action).toBe('created');
    expect(stored('Holidays DE-BY')?.isDefault).toBe(true);
    expect(stored('Default by hand')?.isDefault).toBe(false);
  });
});
