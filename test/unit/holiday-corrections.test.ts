import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CalendarConfig, ConfigSchema } from '../../functions/core/config/config-schema.js';
import { parseConfig } from '../../functions/core/config/config-validation.js';
import {
  correctionDates,
  HOLIDAY_CORRECTIONS,
  type HolidayCorrection,
  isRuleCorrection,
  unknownHolidayWarnings,
} from '../../functions/core/holidays/holiday-corrections.js';
import { isLocalDate } from '../../functions/core/holidays/local-date.js';
import { holidaysFor, isKnownRegion } from '../../functions/core/holidays/region-catalog.js';
import { desiredCalendars } from '../../functions/core/planner/desired-calendar.js';
import { buildCalendarEvents } from '../../functions/core/planner/half-days.js';
import { correctionEffects } from '../../functions/core/planner/preview.js';
import { affectedDates } from '../helpers/event-days.js';

const YEARS = [2026, 2027, 2028];
const EVERY_TYPE = ['public', 'bank', 'school', 'optional', 'observance'] as const;

function calendar(region: string, extra: Record<string, unknown> = {}): CalendarConfig {
  const config = ConfigSchema.parse({
    accountId: '1',
    secretId: 's',
    calendars: [{ name: region, regions: [region], timeZone: 'UTC', ...extra }],
  });
  return config.calendars[0] as CalendarConfig;
}

const affected = affectedDates;

/** A region the entry applies to: its own, or the first of the subdivisions it is limited to. */
const regionOf = (entry: HolidayCorrection) => entry.only?.[0] ?? entry.region;
const library = (entry: HolidayCorrection) =>
  affected(buildCalendarEvents(calendar(regionOf(entry), { corrections: false }), YEARS));
const importer = (entry: HolidayCorrection) =>
  affected(buildCalendarEvents(calendar(regionOf(entry)), YEARS));

describe('the corrections table', () => {
  it('has unique ids, known regions, real dates and a source for each entry', () => {
    const version = JSON.parse(readFileSync('node_modules/date-holidays/package.json', 'utf8')).version;
    expect(new Set(HOLIDAY_CORRECTIONS.map((entry) => entry.id)).size).toBe(HOLIDAY_CORRECTIONS.length);
    for (const entry of HOLIDAY_CORRECTIONS) {
      expect(isKnownRegion(entry.region), `${entry.id}: region ${entry.region}`).toBe(true);
      for (const date of correctionDates(entry)) expect(isLocalDate(date), `${entry.id}: ${date}`).toBe(true);
      expect(entry.source.title.length, entry.id).toBeGreaterThan(10);
      expect(entry.source.url, entry.id).toMatch(/^https:\/\//);
      expect(entry.checkedAgainst, entry.id).toBe(version);
      for (const code of [...(entry.except ?? []), ...(entry.only ?? [])]) {
        expect(
          isKnownRegion(code) && code.startsWith(`${entry.region}-`),
          `${entry.id}: except ${code}`,
        ).toBe(true);
      }
    }
  });
});

describe.each(HOLIDAY_CORRECTIONS.map((entry) => [entry.id, entry] as const))('%s', (_id, entry) => {
  if (entry.kind === 'add') {
    it('date-holidays still lacks the day off (delete the entry once it does not)', () => {
      for (const date of entry.dates) expect(library(entry).closed.has(date), date).toBe(false);
    });
    it("the importer's events close it", () => {
      for (const date of entry.dates) expect(importer(entry).closed.has(date), date).toBe(true);
    });
  }
  if (entry.kind === 'remove') {
    it('date-holidays still closes the day, wholly or in part (delete the entry once it does not)', () => {
      const { closed, partly } = library(entry);
      for (const date of entry.dates) expect(closed.has(date) || partly.has(date), date).toBe(true);
    });
    it("the importer's events leave it a working day", () => {
      const { closed, partly } = importer(entry);
      for (const date of entry.dates) expect(closed.has(date) || partly.has(date), date).toBe(false);
    });
  }
  if (entry.kind === 'move') {
    it('date-holidays still closes the wrong day and not the right one (delete the entry once fixed)', () => {
      const { closed } = library(entry);
      expect(closed.has(entry.from), entry.from).toBe(true);
      expect(closed.has(entry.to), entry.to).toBe(false);
    });
    it("the importer's events close the right day and open the wrong one", () => {
      const { closed, partly } = importer(entry);
      expect(closed.has(entry.to), entry.to).toBe(true);
      expect(closed.has(entry.from) || partly.has(entry.from), entry.from).toBe(false);
    });
  }
  if (entry.kind === 'retype' || entry.kind === 'abolish' || entry.kind === 'rerule') {
    const rules = entry.kind === 'rerule' ? Object.keys(entry.rules) : entry.rules;
    it('date-holidays still has each rule the entry names (delete or mend the entry once it does not)', () => {
      const years = [2026, 2027, 2028].filter((year) => entry.since === undefined || year >= entry.since);
      const library = years.flatMap((year) => holidaysFor(entry.region, EVERY_TYPE).getHolidays(year));
      for (const rule of rules) {
        const own = library.filter((holiday) => holiday.rule === rule && !holiday.substitute);
        expect(own.length, rule).toBeGreaterThan(0);
        if (entry.kind === 'retype')
          expect(
            own.some((holiday) => holiday.type !== entry.type),
            rule,
          ).toBe(true);
      }
    });
  }
  if (entry.kind === 'substitute' && entry.holidays !== 'public') {
    const named = 'only' in entry.holidays ? entry.holidays.only : entry.holidays.except;
    it("names only rules the region's holidays have (the library's, or a rerule's)", () => {
      const library = [2026, 2027, 2028].flatMap((year) =>
        holidaysFor(entry.region, EVERY_TYPE).getHolidays(year),
      );
      const rerules = HOLIDAY_CORRECTIONS.filter(
        (other) => other.kind === 'rerule' && other.region === entry.region,
      );
      const known = new Set([
        ...library.map((holiday) => holiday.rule),
        ...rerules.flatMap((other) => (other.kind === 'rerule' ? Object.values(other.rules) : [])),
      ]);
      for (const rule of named) expect(known.has(rule), rule).toBe(true);
    });
  }
  if (isRuleCorrection(entry)) {
    it('changes at least one day of 2026-2030 (delete the entry once the library agrees)', () => {
      const effects = correctionEffects(calendar(regionOf(entry)), [2026, 2027, 2028, 2029, 2030]);
      expect(effects.byEntry.get(entry.id)?.length ?? 0).toBeGreaterThan(0);
    });
  }
  if (entry.kind === 'suspend') {
    it('date-holidays still lists holidays in the suspension (delete the entry once it does not)', () => {
      expect(library(entry).closed.size).toBeGreaterThan(10);
    });
    it("the importer's events close no day in it", () => {
      const { closed, partly } = importer(entry);
      expect(
        [...closed, ...partly].filter((date) => date >= entry.from && (!entry.to || date <= entry.to)),
      ).toEqual([]);
    });
  }
});

describe('a calendar and the corrections', () => {
  it('"corrections": false gets exactly date-holidays\' days', () => {
    const plain = affected(buildCalendarEvents(calendar('KR', { corrections: false }), [2026]));
    expect(plain.closed.has('2026-02-19')).toBe(true);
    expect(plain.closed.has('2026-02-16')).toBe(false);
    expect(plain.closed.has('2026-05-01')).toBe(false);
  });

  it('skips single entries by id', () => {
    const skipped = affected(
      buildCalendarEvents(calendar('KR', { corrections: { skip: ['kr-labor-day'] } }), [2026]),
    );
    expect(skipped.closed.has('2026-05-01')).toBe(false);
    expect(skipped.closed.has('2026-02-16')).toBe(true);
  });

  it('an entry for some states only: Thaipusam 2027 in Penang and Kuala Lumpur, not in Sabah or the federal calendar', () => {
    const closes = (region: string) =>
      affected(buildCalendarEvents(calendar(region), [2027])).closed.has('2027-01-22');
    expect(['MY-07', 'MY-14'].map(closes)).toEqual([true, true]);
    expect(['MY-12', 'MY'].map(closes)).toEqual([false, false]);
  });

  it('an entry with exceptions: no Sunday replacement where Sunday is a working day (Kedah)', () => {
    const closes = (region: string) =>
      affected(buildCalendarEvents(calendar(region), [2027])).closed.has('2027-08-16');
    expect(['MY', 'MY-14', 'MY-02'].map(closes)).toEqual([true, true, false]);
  });

  it("a country's entry covers its subdivisions, a subdivision's entry only itself", () => {
    expect(affected(buildCalendarEvents(calendar('CA', {}), [2026])).closed.has('2026-04-06')).toBe(
      affected(buildCalendarEvents(calendar('CA', { corrections: false }), [2026])).closed.has('2026-04-06'),
    );
    expect(affected(buildCalendarEvents(calendar('CA-ON'), [2026])).closed.has('2026-04-06')).toBe(false);
  });

  it("the config's exclude and extraEvents still win over the table", () => {
    const events = buildCalendarEvents(
      calendar('KR', {
        exclude: ['2026-05-01'],
        extraEvents: [
          { name: 'Hotline open', date: '2026-02-16', working: true, from: '10:00', to: '14:00' },
        ],
      }),
      [2026],
    );
    const { closed } = affected(events);
    expect(closed.has('2026-05-01')).toBe(false);
    expect(closed.has('2026-02-16')).toBe(false);
  });

  it('an unknown id to skip is a config error that lists the known ids', () => {
    expect(() =>
      parseConfig(
        {
          accountId: '1',
          secretId: 's',
          calendars: [{ name: 'A', regions: ['KR'], corrections: { skip: ['kr-labour'] } }],
        },
        'holidays.json',
      ),
    ).toThrow(
      /calendars\[0\]\.corrections\.skip\[0\]: "kr-labour" is not a correction id; known ids: ua-martial-law-2022/,
    );
  });

  it("names added days in the calendar's language where the table knows it", () => {
    const korean = buildCalendarEvents(calendar('KR', { language: 'ko' }), [2026]);
    expect(korean.find((event) => event.start.dateTime.startsWith('2026-05-01'))?.meta.name).toBe('노동절');
  });
});

describe('holidays known only through a year: a calendar past it is warned', () => {
  it.each([
    ['TH in 2028: known', ['TH'], [2028], [], 0],
    ['TH in 2029: warned', ['TH'], [2028, 2029], [], 1],
    ['TH in 2029 with days of its own for 2029: trusted', ['TH'], [2029], [2029], 0],
    ['a state of MY in 2028: warned', ['MY-14'], [2028], [], 1],
    ['another country: nothing', ['DE'], [2035], [], 0],
  ] as const)('%s', (_case, regions, years, own, count) => {
    const warnings = unknownHolidayWarnings(regions, years, new Set(own));
    expect(warnings).toHaveLength(count);
    for (const warning of warnings) expect(warning).toMatch(/known only through \d{4}, so .*extraEvents/);
  });

  it('the gap is real: date-holidays has no Buddhist day in TH after 2026, nor Wesak in MY', () => {
    const names = (region: string, year: number) =>
      holidaysFor(region, EVERY_TYPE)
        .getHolidays(year)
        .map((holiday) => holiday.name)
        .join(' | ');
    expect(names('TH', 2026)).toMatch(/Makha|Visakha/i);
    expect(names('TH', 2029)).not.toMatch(/Makha|Visakha|Asarnha|Lent/i);
    expect(names('MY', 2026)).toMatch(/Vesak/i);
    expect(names('MY', 2028)).not.toMatch(/Vesak|Wesak/i);
  });

  it('preview and the run summary carry the warning (desired calendars)', () => {
    const config = ConfigSchema.parse({
      accountId: '1',
      secretId: 's',
      calendars: [{ name: 'Support TH', regions: ['TH'] }],
    });
    const [wanted] = desiredCalendars(config, {
      trigger: 'manual',
      years: [2029],
      now: new Date('2028-12-01T00:00:00Z'),
    });
    expect(wanted?.warnings).toEqual([expect.stringMatching(/^TH: the Buddhist days .* 2029 lacks them/)]);
  });
});
