import { describe, expect, it } from 'vitest';
import {
  abolishHolidays,
  addDatedHolidays,
  civilDates,
  correctHolidays,
  dayHoliday,
  type HolidayRecord,
  instituteHoliday,
  reruleHolidays,
  retypeHolidays,
  substituteHolidays,
} from '../../functions/core/holidays/correction-kinds.js';
import type {
  AbolishHoliday,
  AddDayOff,
  InstituteHoliday,
  MoveDayOff,
  ReruleHoliday,
  RetypeHoliday,
  SubstituteRule,
} from '../../functions/core/holidays/holiday-corrections.js';
import { ruleHolidays } from '../../functions/core/holidays/region-catalog.js';

const base = {
  region: 'ZZ',
  source: { title: 'a test source', url: 'https://example.org/' },
  checkedAgainst: '3.37.0',
};

function holiday(date: string, rule: string, extra: Partial<HolidayRecord> = {}): HolidayRecord {
  return { ...dayHoliday(date, extra.name ?? rule, rule), ...extra };
}

/** A holiday as date-holidays gives one that begins at the previous sunset ("1 Shawwal P2D"). */
function sunsetHoliday(date: string, rule: string, days: number): HolidayRecord {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - 6 * 3_600_000);
  return {
    date: `${date} 00:00:00 -0600`,
    start,
    end: new Date(start.getTime() + days * 86_400_000),
    name: rule,
    type: 'public',
    rule,
  };
}

const summary = (records: readonly HolidayRecord[]) =>
  records.map(
    (record) => `${record.date.slice(0, 10)} ${record.type}${record.substitute ? ' sub' : ''} ${record.name}`,
  );

describe('civilDates: the civil dates a holiday covers', () => {
  it.each([
    ['a whole day', holiday('2027-05-01', '05-01'), ['2027-05-01']],
    [
      'from noon (a half day)',
      { ...holiday('2028-08-01', '08-01 12:00'), date: '2028-08-01 12:00:00' },
      ['2028-08-01'],
    ],
    [
      'two days from the previous sunset',
      sunsetHoliday('2028-02-26', '1 Shawwal P2D', 2),
      ['2028-02-26', '2028-02-27'],
    ],
  ] as const)('%s', (_case, record, dates) => {
    expect(civilDates(record)).toEqual(dates);
  });
});

describe('abolish: a holiday a statute took away', () => {
  const entry: AbolishHoliday = {
    ...base,
    id: 'a',
    kind: 'abolish',
    rules: ['08-04 and if Saturday'],
    since: 2025,
  };
  const library = [
    holiday('2029-08-04', '08-04 and if Saturday'),
    holiday('2029-08-06', '08-04 and if Saturday', { substitute: true }),
    holiday('2029-07-01', '07-01'),
  ];
  it.each([
    [
      'from its first year: the day and its substitute go, the others stay',
      2029,
      ['2029-07-01 public 07-01'],
    ],
    ['before it: as the library has it', 2024, summary(library)],
  ] as const)('%s', (_case, year, expected) => {
    expect(summary(abolishHolidays(library, entry, year))).toEqual(expected);
  });
  it('without a first year it holds every year', () => {
    const always: AbolishHoliday = { ...entry, since: undefined };
    expect(abolishHolidays(library, always, 1990)).toHaveLength(1);
  });
});

describe('retype: a holiday whose type the law changed', () => {
  const entry: RetypeHoliday = {
    ...base,
    id: 'r',
    kind: 'retype',
    rules: ['12-25', '05-01 and if'],
    type: 'public',
    since: 2025,
  };
  const everyType = [
    holiday('2027-12-25', '12-25', { type: 'observance' }),
    holiday('2027-05-01', '05-01 and if', { type: 'observance' }),
    holiday('2027-04-30', '05-01 and if', { type: 'observance', substitute: true }),
    holiday('2027-03-08', '03-08', { type: 'observance' }),
  ];
  const publicOnly = [holiday('2027-01-01', '01-01')];
  it.each([
    [
      'an observance becomes public, taken from the other types; its make-up day keeps its type',
      2027,
      ['2027-01-01 public 01-01', '2027-12-25 public 12-25', '2027-05-01 public 05-01 and if'],
    ],
    ['before its first year: nothing changes', 2024, ['2027-01-01 public 01-01']],
  ] as const)('%s', (_case, year, expected) => {
    expect(summary(retypeHolidays(publicOnly, entry, year, () => everyType))).toEqual(expected);
  });
  it('a public holiday typed away leaves the public list once the calendar filters by type', () => {
    const away: RetypeHoliday = { ...entry, rules: ['06-01'], type: 'observance', since: undefined };
    const library = [holiday('2027-06-01', '06-01'), holiday('2027-10-01', '10-01')];
    const result = retypeHolidays(library, away, 2027, () => library);
    expect(result.filter((record) => record.type === 'public').map((record) => record.rule)).toEqual([
      '10-01',
    ]);
  });
});

describe('rerule: a holiday moved by the wrong rule', () => {
  const entry: ReruleHoliday = {
    ...base,
    id: 'g',
    kind: 'rerule',
    rules: {
      '06-30 if wednesday then next friday':
        '06-30 if tuesday,wednesday then previous monday if thursday,friday,saturday,sunday then next monday',
    },
    since: 2018,
  };
  const library = [
    holiday('2027-07-02', '06-30 if wednesday then next friday', { name: 'Army Day' }),
    holiday('2027-09-15', '09-15', { name: 'Independence Day' }),
  ];
  it.each([
    [
      'a Wednesday: the Monday before, with the library name',
      2027,
      ['2027-09-15 public Independence Day', '2027-06-28 public Army Day'],
    ],
    ['before the law: the library date', 2017, summary(library)],
  ] as const)('%s', (_case, year, expected) => {
    const evaluate = (rule: string) => ruleHolidays(rule, 2027);
    expect(summary(reruleHolidays(library, entry, year, evaluate))).toEqual(expected);
  });
  it('takes the law rule as its rule (a substitute rule names it) and skips what the calendar left out', () => {
    const evaluate = (rule: string, year: number) => ruleHolidays(rule, year);
    expect(reruleHolidays(library, entry, 2027, evaluate).at(-1)?.rule).toMatch(
      /^06-30 if tuesday,wednesday/,
    );
    expect(reruleHolidays([library[1] as HolidayRecord], entry, 2027, evaluate)).toHaveLength(1);
  });
});

describe('institute: a holiday a statute added', () => {
  const entry: InstituteHoliday = {
    ...base,
    id: 'ma',
    kind: 'institute',
    rule: '01-14',
    name: { en: 'Amazigh New Year', fr: 'Nouvel An amazigh' },
    since: 2024,
  };
  it.each([
    [
      'from its first year, named in the calendar language',
      2027,
      'fr',
      ['2027-01-14 public Nouvel An amazigh'],
    ],
    [
      'English where the table has no name in the language',
      2028,
      'ar-ma',
      ['2028-01-14 public Amazigh New Year'],
    ],
    ['nothing before its first year', 2023, 'en', []],
  ] as const)('%s', (_case, year, language, expected) => {
    expect(summary(instituteHoliday([], entry, year, language, ruleHolidays))).toEqual(expected);
  });
  it.each([
    ['a lunar rule: the 3rd day of the Chinese new year', 'chinese 01-0-03', 2027, ['2027-02-08']],
    [
      'an Islamic rule, on its civil date (it begins at the previous sunset)',
      '9 Dhu al-Hijjah',
      2028,
      ['2028-05-04'],
    ],
    ['relative to a lunar date', '1 day before chinese 01-0-00', 2028, ['2028-01-24']],
  ] as const)('computes %s with date-holidays', (_case, rule, year, dates) => {
    const result = instituteHoliday([], { ...entry, rule, since: undefined }, year, 'en', ruleHolidays);
    expect(result.flatMap(civilDates)).toEqual(dates);
  });
});

describe('add and move: dated days off', () => {
  const add: AddDayOff = {
    ...base,
    id: 'add',
    kind: 'add',
    dates: ['2027-05-20', '2028-05-08'],
    name: { en: 'Vesak' },
  };
  const move: MoveDayOff = {
    ...base,
    id: 'mv',
    kind: 'move',
    from: '2027-03-09',
    to: '2027-03-11',
    name: { en: 'Raya' },
  };
  it.each([
    ['only the dates of the year asked', add, 2027, ['2027-05-20 public Vesak']],
    ['a move adds its right day (its wrong day goes with the days)', move, 2027, ['2027-03-11 public Raya']],
    ['nothing in another year', move, 2028, []],
  ] as const)('%s', (_case, entry, year, expected) => {
    expect(summary(addDatedHolidays([], entry, year, 'en'))).toEqual(expected);
  });
});

describe('substitute: a holiday on a rest day gives the next working day off', () => {
  const weekend: SubstituteRule = {
    ...base,
    id: 's',
    kind: 'substitute',
    restDays: [0, 6],
    holidays: 'public',
    label: { en: 'observed', bg: 'почивен ден' },
  };
  it.each([
    ['Saturday -> Monday', weekend, [holiday('2027-05-01', '05-01')], ['2027-05-03']],
    [
      'Saturday and Sunday -> Monday and Tuesday',
      weekend,
      [holiday('2027-12-25', '12-25'), holiday('2027-12-26', '12-26')],
      ['2027-12-27', '2027-12-28'],
    ],
    [
      'skips a holiday on the Monday (BG 2027: Labour Day Sat, Easter Sun and Mon -> Tue)',
      { ...weekend, holidays: { except: ['orthodox', 'orthodox 1'] } },
      [
        holiday('2027-05-01', '05-01'),
        holiday('2027-05-02', 'orthodox'),
        holiday('2027-05-03', 'orthodox 1'),
      ],
      ['2027-05-04'],
    ],
    [
      'skips the holidays after a Sunday (BG 2028: Christmas Eve Sun; 25, 26 holidays -> Wed 27)',
      weekend,
      [holiday('2028-12-24', '12-24'), holiday('2028-12-25', '12-25'), holiday('2028-12-26', '12-26')],
      ['2028-12-27'],
    ],
    [
      'a Sunday-only rule leaves Saturday alone',
      { ...weekend, restDays: [0] },
      [holiday('2028-01-01', '01-01'), holiday('2028-01-02', '01-02')],
      ['2028-01-03'],
    ],
    [
      'only the listed holidays',
      { ...weekend, holidays: { only: ['12-25'] } },
      [holiday('2027-12-25', '12-25'), holiday('2027-12-26', '12-26')],
      ['2027-12-27'],
    ],
    [
      'observances give nothing, and do not block',
      weekend,
      [holiday('2027-05-01', '05-01'), holiday('2027-05-03', 'x', { type: 'observance' })],
      ['2027-05-03'],
    ],
    [
      'a rule that already shifts is left to the library',
      weekend,
      [holiday('2027-05-01', '05-01 and if Saturday then next Monday')],
      [],
    ],
    [
      'a library substitute day gives none',
      weekend,
      [holiday('2027-05-01', '05-01', { substitute: true })],
      [],
    ],
    ['a weekday holiday gives none', weekend, [holiday('2027-05-04', '05-04')], []],
    [
      'two holidays on one Sunday give one day',
      weekend,
      [holiday('2028-12-10', 'a'), holiday('2028-12-10', 'b')],
      ['2028-12-11'],
    ],
    [
      'not before its first year',
      { ...weekend, since: 2028 },
      [holiday('2027-05-01', '05-01'), holiday('2028-01-01', '01-01')],
      ['2028-01-03'],
    ],
    [
      'a two-day holiday from sunset over a weekend: one for each of its civil days',
      weekend,
      [sunsetHoliday('2028-02-26', '1 Shawwal P2D', 2)],
      ['2028-02-28', '2028-02-29'],
    ],
  ] as const)('%s', (_case, entry, library, dates) => {
    const result = substituteHolidays(library, entry, 'en');
    expect(result.map((record) => record.date.slice(0, 10))).toEqual(dates);
    for (const record of result) {
      expect(record.substitute).toBe(true);
      expect(record.type).toBe('public');
    }
  });
  it('names the day after the holiday, with the label in the calendar language', () => {
    expect(
      substituteHolidays([holiday('2027-12-25', '12-25', { name: 'Коледа' })], weekend, 'bg')[0]?.name,
    ).toBe('Коледа (почивен ден)');
    expect(
      substituteHolidays([holiday('2027-12-25', '12-25', { name: 'Christmas' })], weekend, 'de')[0]?.name,
    ).toBe('Christmas (observed)');
  });
});

describe('correctHolidays: the kinds in order', () => {
  it('abolishes and retypes before it adds, so an added holiday is never taken away again', () => {
    const abolish: AbolishHoliday = { ...base, id: 'a', kind: 'abolish', rules: ['a-rule'] };
    const institute: InstituteHoliday = {
      ...base,
      id: 'a-rule',
      kind: 'institute',
      rule: '01-14',
      name: { en: 'New' },
    };
    const result = correctHolidays([holiday('2027-01-13', 'a-rule')], 2027, [institute, abolish], {
      language: 'en',
      everyType: () => [],
      evaluate: ruleHolidays,
    });
    expect(summary(result)).toEqual(['2027-01-14 public New']);
  });
});
