import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import moment from 'moment-timezone';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/core/config/config-validation.js';
import { previewCalendars } from '../../functions/core/planner/preview.js';
import { SpecialOccasionEventSchema } from '../../functions/liveperson/wire-schemas.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const temp = useTempDir('holiday-preview');

function tempConfig(content: unknown): string {
  const dir = mkdtempSync(join(temp, 'config-'));
  const path = join(dir, 'holidays.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('the built CLI: the libraries as they ship', () => {
  it('accepts every IANA name moment-timezone knows, links included, and writes events in it', async () => {
    const names = moment.tz.names();
    const config = {
      accountId: '1',
      secretId: 's',
      calendars: names.map((timeZone) => ({ name: `In ${timeZone}`, regions: ['CA-ON'], timeZone })),
    };
    const path = tempConfig(config);
    const result = await runCliProcess(['preview', '--json', '--config', path, '--year', '2027']);
    expect(result.stderr).not.toMatch(/no data|not an IANA|through tsx/i);
    expect(result.code, result.stderr).toBe(0);
    const calendars = JSON.parse(result.stdout).calendars as { timeZone: string; events: unknown[] }[];
    expect(calendars.map((calendar) => calendar.timeZone)).toEqual(names);
    const expected = previewCalendars(parseConfig(config, path), { years: [2027], now: new Date() });
    expect(calendars.map((calendar) => calendar.events)).toEqual(expected.calendars.map((c) => c.events));
  });

  it('gives every region the events the full libraries give, in the first, a middle and the last year', async () => {
    const config = {
      accountId: '1',
      secretId: 's',
      calendars: [
        { name: 'Equinoxes', regions: ['JP'] },
        {
          name: 'Islamic',
          regions: ['TR'],
          partialDays: { mode: 'reduced', opensAt: '09:00', closesAt: '18:00' },
        },
        { name: 'Hebrew', regions: ['IL'] },
        { name: 'Chinese', regions: ['KR'] },
        { name: 'Borrowed country', regions: ['GG'] },
        { name: 'Borrowed region', regions: ['DE-BY-A'], types: ['public', 'bank'] },
        { name: 'Borrowed state', regions: ['ES-CN'] },
        { name: 'Southern DST', regions: ['AU-NSW'] },
        { name: 'Changed DST', regions: ['BR'], timeZone: 'America/Sao_Paulo' },
        { name: 'Far zone', regions: ['US'], timeZone: 'Pacific/Chatham', language: 'es' },
      ],
    };
    const path = tempConfig(config);
    const years = [2000, 2027, 2100];
    const result = await runCliProcess([
      'preview',
      '--json',
      '--config',
      path,
      ...years.flatMap((year) => ['--year', String(year)]),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const expected = previewCalendars(parseConfig(config, path), { years, now: new Date() });
    expect(
      JSON.parse(result.stdout).calendars.map((calendar: { events: unknown }) => calendar.events),
    ).toEqual(expected.calendars.map((calendar) => calendar.events));
  });
});

describe('holiday-importer preview (child process)', () => {
  it('--json prints the events exactly as they would be written', async () => {
    const result = await runCliProcess([
      'preview',
      '--json',
      '--calendar',
      'Holidays DE-BY',
      '--year',
      '2027',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.years).toEqual([2027]);
    expect(output.calendars).toHaveLength(1);
    const [calendar] = output.calendars;
    expect(calendar.name).toBe('Holidays DE-BY');
    expect(calendar.timeZone).toBe('Europe/Berlin');
    // The half days wait for the skills' Workdays: preview is offline.
    expect(calendar.events).toHaveLength(13);
    expect(calendar.halfDays).toEqual([
      { date: '2027-12-24', name: 'Heiliger Abend', hours: 'normal hours until 14:00' },
      { date: '2027-12-31', name: 'Silvester', hours: 'normal hours until 14:00' },
    ]);
    for (const event of calendar.events) expect(SpecialOccasionEventSchema.parse(event)).toEqual(event);
    expect(calendar.events.at(-1)).toEqual({
      meta: { working: false, name: '2. Weihnachtstag' },
      start: { dateTime: '2027-12-26T00:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-12-26T23:59:59', timeZone: 'Europe/Berlin' },
      recurrence: [],
    });
  });

  it('prints a month grid with marks, a legend and the event list', async () => {
    const result = await runCliProcess(['preview', '--calendar', 'Holidays DE-BY', '--year', '2027']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('December 2027');
    expect(result.stdout).toMatch(/20 21 22 23 24~25\*26\*/);
    expect(result.stdout).toContain('Legend:');
    expect(result.stdout).toMatch(/Fri 2027-12-24\s+normal hours until 14:00\s+Heiliger Abend/);
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('defaults to every calendar, this year .. + yearsAhead', async () => {
    const result = await runCliProcess(['preview', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    // Each calendar counts "this year" in its own zone; the UTC year is in every union.
    expect(output.years).toEqual(expect.arrayContaining([new Date().getUTCFullYear()]));
    expect(output.years.length).toBeGreaterThanOrEqual(2);
    expect(output.calendars.map((calendar: { name: string }) => calendar.name)).toEqual([
      'Holidays DE-BY',
      'Holidays US',
      'Holidays UK (England + Scotland)',
    ]);
  });

  it.each([
    {
      name: 'bad config',
      args: () => [
        'preview',
        '--config',
        tempConfig({ accountId: '1', secretId: 's', calendars: [{ name: 'X', regions: ['DE-XX'] }] }),
      ],
      message: /calendars\[0\]\.regions\[0\].*"DE-XX".*nearest valid codes/,
    },
    {
      name: 'config not JSON',
      args: () => ['preview', '--config', tempConfig('{ nope')],
      message: /not valid JSON/,
    },
    {
      name: 'missing config file',
      args: () => ['preview', '--config', '/nonexistent/holidays.json'],
      message: /does not exist/,
    },
    {
      name: 'unknown calendar',
      args: () => ['preview', '--calendar', 'Nope'],
      message: /Unknown calendar "Nope"; the config has: "Holidays DE-BY"/,
    },
    { name: 'bad year', args: () => ['preview', '--year', 'next'], message: /--year "next" is not a year/ },
    { name: 'unknown option', args: () => ['preview', '--yeer', '2027'], message: /--yeer/ },
    { name: 'unknown command', args: () => ['destroy'], message: /Unknown command "destroy"/ },
  ])('$name -> exit 2 with a clear message', async ({ args, message }) => {
    const result = await runCliProcess(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('--help shows examples for the command', async () => {
    const result = await runCliProcess(['preview', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('npx holiday-importer preview --calendar');
  });
});

describe('holiday-importer preview warnings', () => {
  it('an exclude name that matches no holiday is a warning on stderr; the events are still printed', async () => {
    const config = JSON.parse(readFileSync('config/holidays.json', 'utf8'));
    config.calendars[1].exclude = ['Colombus Day'];
    const result = await runCliProcess([
      'preview',
      '--calendar',
      'Holidays US',
      '--config',
      tempConfig(config),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: Holidays US: exclude "Colombus Day" matches no holiday of US in/);
    expect(result.stdout).toContain('Columbus Day');
  });
});

describe('holiday-importer preview and the corrections table', () => {
  const korea = {
    accountId: '1',
    secretId: 's',
    calendars: [{ name: 'Support KR', regions: ['KR'] }],
  };

  it('names each correction used, with what it changes and its source', async () => {
    const result = await runCliProcess(['preview', '--year', '2026', '--config', tempConfig(korea)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('corrected: kr-labor-day (day off added: 2026-05-01');
    expect(result.stdout).toContain(
      'corrected: kr-seollal-2026 (day off moved from 2026-02-19 to 2026-02-16',
    );
    expect(result.stdout).toMatch(/Mon 2026-02-16 .. Wed 2026-02-18\s+closed all day\s+Korean New Year/);
    // The grid marks the corrected days: 16 Feb closed (added), 19 Feb open (removed), 1 May added.
    expect(result.stdout).toMatch(/16!17\*18\*19!/);
    expect(result.stdout).toContain('16! corrected');
  });

  it('a rule names the days it changes in the years shown (TH 2027: in-lieu days, Buddhist days)', async () => {
    const thailand = { accountId: '1', secretId: 's', calendars: [{ name: 'Support TH', regions: ['TH'] }] };
    const result = await runCliProcess(['preview', '--year', '2027', '--config', tempConfig(thailand)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'corrected: th-in-lieu-days (a holiday on Sat/Sun gives the next working day off; here: 2027-02-22, 2027-05-03, 2027-07-20, 2027-10-25, 2027-12-06; Labour Protection Act B.E. 2541 s.29',
    );
    expect(result.stdout).toContain(
      'corrected: th-national-labour-day (day off added: 05-01 (National Labour Day); here: 2027-05-01, 2027-05-03;',
    );
    expect(result.stdout).toMatch(/Mon 2027-07-19\s+closed all day\s+Buddhist Lent Day/);
    expect(result.stdout).toMatch(/Tue 2027-07-20\s+closed all day\s+Asarnha Bucha \(in lieu\)/);
    // The grid marks them: Sun 18 Jul (Asarnha Bucha, added), Mon 19 (added), Tue 20 (in lieu).
    expect(result.stdout).toMatch(/12 13 14 15 16 17 18! .*\n19!20!21 /);
  });

  it('--json lists them per calendar; "corrections": false gets none', async () => {
    const on = JSON.parse(
      (await runCliProcess(['preview', '--json', '--year', '2026', '--config', tempConfig(korea)])).stdout,
    );
    expect(on.calendars[0].corrections).toEqual([
      'kr-seollal-2026',
      'kr-labor-day',
      'kr-local-elections-2026',
    ]);
    const off = JSON.parse(
      (
        await runCliProcess([
          'preview',
          '--json',
          '--year',
          '2026',
          '--config',
          tempConfig({ ...korea, calendars: [{ ...korea.calendars[0], corrections: false }] }),
        ])
      ).stdout,
    );
    expect(off.calendars[0].corrections).toEqual([]);
  });
});
