import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../functions/core/config/config-json-schema.js';
import { parseConfig, parseConfigText } from '../../functions/core/config/config-validation.js';
import { ConfigError } from '../../functions/core/errors.js';
import { nearestRegionCodes } from '../../functions/core/holidays/region-catalog.js';

const SOURCE = 'config/test.json';

function withCalendar(calendar: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return {
    accountId: '12345678',
    secretId: 'liveperson/holiday-importer',
    calendars: [{ name: 'Holidays DE-BY', regions: ['DE-BY'], ...calendar }],
    ...top,
  };
}

function issuesOf(input: unknown): string[] {
  try {
    parseConfig(input, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(SOURCE);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig accepts', () => {
  it('the example config and fills in the defaults', () => {
    const config = parseConfigText(readFileSync('config/holidays.json', 'utf8'), 'config/holidays.json');
    expect(config.calendars.map((calendar) => calendar.name)).toEqual([
      'Holidays DE-BY',
      'Holidays US',
      'Holidays UK (England + Scotland)',
    ]);
    const skills = config.calendars.flatMap((calendar) => calendar.skills);
    expect(skills.some((skill) => typeof skill === 'number')).toBe(true);
    expect(skills.some((skill) => typeof skill === 'string')).toBe(true);
    expect(config.calendars.some((calendar) => calendar.regions.length > 1)).toBe(true);
    expect(config.calendars.flatMap((calendar) => calendar.regions)).toEqual(
      expect.arrayContaining(['DE-BY', 'US', 'GB-SCT']),
    );
  });

  it('a minimal calendar with defaults', () => {
    const config = parseConfig(withCalendar({}), SOURCE);
    expect(config.yearsAhead).toBe(1);
    expect(config.keepPastYears).toBe(0);
    expect(config.calendars[0]).toMatchObject({
      description: '',
      types: ['public'],
      language: 'en',
      substitutes: 'include',
      partialDays: { mode: 'closed' },
      extraEvents: [],
      exclude: [],
      skills: [],
      adopt: false,
    });
  });
});

describe('parseConfig rejects, naming the path, the value and what is allowed', () => {
  it.each([
    {
      name: 'unknown state',
      input: withCalendar({ regions: ['DE-XX'] }),
      path: 'calendars[0].regions[0]',
      hint: /"DE-XX".*nearest valid codes: DE-/,
    },
    {
      name: 'unknown US state',
      input: withCalendar({ regions: ['US-ZZ'] }),
      path: 'calendars[0].regions[0]',
      hint: /"US-ZZ".*US-/,
    },
    {
      name: 'unknown country',
      input: withCalendar({ regions: ['XX'] }),
      path: 'calendars[0].regions[0]',
      hint: /"XX".*nearest valid codes: [A-Z]{2}, /,
    },
    {
      name: 'empty regions',
      input: withCalendar({ regions: [] }),
      path: 'calendars[0].regions',
      hint: /at least one/,
    },
    {
      name: 'name over 50',
      input: withCalendar({ name: 'x'.repeat(51) }),
      path: 'calendars[0].name',
      hint: /at most 50/,
    },
    {
      name: 'description too long for the marker',
      input: withCalendar({ description: 'd'.repeat(170) }),
      path: 'calendars[0].description',
      hint: /at most 165 characters.*marker/,
    },
    {
      name: 'unknown time zone',
      input: withCalendar({ timeZone: 'Europe/Munich' }),
      path: 'calendars[0].timeZone',
      hint: /"Europe\/Munich" is not an IANA time zone/,
    },
    {
      name: 'bad type',
      input: withCalendar({ types: ['holiday'] }),
      path: 'calendars[0].types[0]',
      hint: /public.*observance.*"holiday"/,
    },
    {
      name: 'opensAt not HH:MM',
      input: withCalendar({ partialDays: { mode: 'reduced', opensAt: '9am' } }),
      path: 'calendars[0].partialDays.opensAt',
      hint: /HH:MM.*"9am"/,
    },
    {
      name: 'opensAt without closesAt (fixed hours need both ends)',
      input: withCalendar({ partialDays: { mode: 'reduced', opensAt: '09:00' } }),
      path: 'calendars[0].partialDays.closesAt',
      hint: /together with the other end of the fixed hours.*every weekday.*Workdays/,
    },
    {
      name: 'closesAt before opensAt',
      input: withCalendar({ partialDays: { mode: 'reduced', opensAt: '17:00', closesAt: '09:00' } }),
      path: 'calendars[0].partialDays.closesAt',
      hint: /after "opensAt" \(17:00\)/,
    },
    {
      name: 'two account defaults',
      input: {
        ...withCalendar({ accountDefault: true }),
        calendars: [
          { name: 'A', regions: ['DE'], accountDefault: true },
          { name: 'B', regions: ['FR'], accountDefault: true },
        ],
      },
      path: 'calendars[1].accountDefault',
      hint: /already set on calendars\[0\].*one default special occasion/,
    },
    {
      name: 'extra event not a real date',
      input: withCalendar({ extraEvents: [{ name: 'X', date: '2027-02-30' }] }),
      path: 'calendars[0].extraEvents[0].date',
      hint: /"2027-02-30" must be a real calendar date/,
    },
    {
      name: 'working extra without hours',
      input: withCalendar({ extraEvents: [{ name: 'X', date: '2027-02-03', working: true }] }),
      path: 'calendars[0].extraEvents[0].from',
      hint: /required for a working event/,
    },
    {
      name: 'extra window backwards',
      input: withCalendar({ extraEvents: [{ name: 'X', date: '2027-02-03', from: '18:00', to: '08:00' }] }),
      path: 'calendars[0].extraEvents[0].to',
      hint: /later than "from"/,
    },
    {
      name: 'exclude that is not a date',
      input: withCalendar({ exclude: ['2027-13-01'] }),
      path: 'calendars[0].exclude[0]',
      hint: /not a real YYYY-MM-DD date/,
    },
    {
      name: 'exclude date without leading zeros (2027-1-1)',
      input: withCalendar({ exclude: ['Neujahr', '2027-1-1'] }),
      path: 'calendars[0].exclude[1]',
      hint: /"2027-1-1" looks like a date but is not a real YYYY-MM-DD date/,
    },
    {
      name: 'exclude date in another order (01.01.2027)',
      input: withCalendar({ exclude: ['01.01.2027'] }),
      path: 'calendars[0].exclude[0]',
      hint: /looks like a date/,
    },
    {
      name: 'duplicate calendar names',
      input: {
        accountId: '1',
        secretId: 's',
        calendars: [
          { name: 'A', regions: ['DE'] },
          { name: 'A', regions: ['AT'] },
        ],
      },
      path: 'calendars[1].name',
      hint: /duplicates calendars\[0\]\.name/,
    },
    {
      name: 'one skill in two calendars',
      input: {
        accountId: '1',
        secretId: 's',
        calendars: [
          { name: 'A', regions: ['DE'], skills: ['S'] },
          { name: 'B', regions: ['AT'], skills: ['S'] },
        ],
      },
      path: 'calendars[1].skills[0]',
      hint: /already linked by calendars\[0\]/,
    },
    {
      name: 'regions in different zones without timeZone',
      input: withCalendar({ regions: ['DE-BY', 'US'] }),
      path: 'calendars[0].timeZone',
      hint: /different time zones.*Europe\/Berlin.*America\/New_York/,
    },
    {
      name: 'unknown setting',
      input: withCalendar({ region: ['DE'] }),
      path: 'calendars[0].region',
      hint: /not a known setting/,
    },
    {
      name: 'missing accountId',
      input: { secretId: 's', calendars: [{ name: 'A', regions: ['DE'] }] },
      path: 'accountId',
      hint: /is required \(string\)/,
    },
    {
      name: 'no calendars',
      input: { accountId: '1', secretId: 's', calendars: [] },
      path: 'calendars',
      hint: /at least one calendar/,
    },
    {
      name: 'skill id not positive',
      input: withCalendar({ skills: [-4] }),
      path: 'calendars[0].skills[0]',
      hint: /./,
    },
    {
      name: 'yearsAhead too large',
      input: withCalendar({}, { yearsAhead: 50 }),
      path: 'yearsAhead',
      hint: /50/,
    },
  ])('$name', ({ input, path, hint }) => {
    const issues = issuesOf(input);
    const issue = issues.find((line) => line.startsWith(`${path}: `));
    expect(issue, issues.join('\n')).toBeDefined();
    expect(issue).toMatch(hint);
  });

  it('reports a bad region even when the calendar has other errors too', () => {
    const issues = issuesOf(withCalendar({ name: undefined, regions: ['DE-XX'], exclude: ['2027-02-30'] }));
    expect(issues).toEqual([
      'calendars[0].name: is required (string)',
      expect.stringMatching(/^calendars\[0\]\.regions\[0\]: "DE-XX" is not a date-holidays region code/),
      expect.stringMatching(/^calendars\[0\]\.exclude\[0\]: "2027-02-30" looks like a date/),
    ]);
  });

  it('reports every problem at once', () => {
    expect(issuesOf(withCalendar({ regions: ['DE-XX'], name: '', timeZone: 'Nowhere' }))).toHaveLength(3);
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseConfigText('{"accountId": ', 'config/broken.json')).toThrow(
      /config\/broken\.json[\s\S]*not valid JSON/,
    );
  });
});

describe('names and zones as LivePerson stores them', () => {
  it.each([
    ['26 emoji (52 UTF-16 units)', '😀'.repeat(26), false],
    ['25 emoji (50 UTF-16 units)', '😀'.repeat(25), true],
    ['50 letters', 'a'.repeat(50), true],
    ['51 letters', 'a'.repeat(51), false],
  ])('a calendar name of %s: accepted %s', (_label, name, accepted) => {
    if (accepted) expect(parseConfig(withCalendar({ name }), SOURCE).calendars[0]?.name).toBe(name);
    else expect(issuesOf(withCalendar({ name })).join('\n')).toContain('must be at most 50 characters');
  });

  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['us/eastern', 'US/Eastern'],
    ['utc', 'UTC'],
  ])('the time zone %s is written as %s', (typed, canonical) => {
    const config = parseConfig(withCalendar({ timeZone: typed }), SOURCE);
    expect(config.calendars[0]?.timeZone).toBe(canonical);
  });
});

describe('nearestRegionCodes', () => {
  it.each([
    { code: 'DE-XX', expected: (codes: string[]) => codes.every((code) => /^DE-[A-Z]{2}$/.test(code)) },
    { code: 'de-by', expected: (codes: string[]) => codes[0] === 'DE-BY' },
    { code: 'DE-BY-KATX', expected: (codes: string[]) => codes[0] === 'DE-BY-KATH' },
    { code: 'GERMANY', expected: (codes: string[]) => codes.length === 5 },
  ])('$code', ({ code, expected }) => {
    expect(expected(nearestRegionCodes(code))).toBe(true);
  });
});

describe('config/holidays.schema.json', () => {
  it('is generated from the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync('config/holidays.schema.json', 'utf8')).toBe(configJsonSchema());
  });
});

describe('parseConfigText: JSON as users write it', () => {
  const valid = JSON.stringify({
    accountId: '1',
    secretId: 's',
    calendars: [{ name: 'A', regions: ['DE'] }],
  });

  it('ignores a leading UTF-8 byte order mark', () => {
    expect(parseConfigText(`\uFEFF${valid}`, 'holidays.json').calendars[0]?.name).toBe('A');
  });

  it('reports a syntax error with its line and column', () => {
    const text = '{\n  "accountId": "1",\n  "secretId": "s"\n  "calendars": []\n}';
    expect(() => parseConfigText(text, 'holidays.json')).toThrow(/is not valid JSON at line 4, column 3/);
  });

  it('says that comments are not allowed when there are some', () => {
    const text = '{\n  // the account\n  "accountId": "1"\n}';
    expect(() => parseConfigText(text, 'holidays.json')).toThrow(
      /is not valid JSON at line 2, column 3 \(comments are not allowed in JSON\)/,
    );
  });
});
