import { describe, expect, it } from 'vitest';
import { type CalendarConfig, ConfigSchema } from '../../functions/core/config/config-schema.js';
import { weekday } from '../../functions/core/holidays/local-date.js';
import { buildCalendarEvents } from '../../functions/core/planner/half-days.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';
import { affectedDates } from '../helpers/event-days.js';

/**
 * The dated table of ../shared/holiday-corrections-2.md ("The dates that follow"), as it ships:
 * 87 weekday dates, 2026-12 .. 2028, where date-holidays 3.37.0 is wrong with high confidence.
 * `close`: a day off date-holidays leaves open; `open`: a working day it closes. Every row must
 * hold with default settings (corrections on), in every mode of `partialDays`, and fail with
 * `"corrections": false` (so a row that date-holidays gets right one day shows up here).
 */
const ROWS: ReadonlyArray<
  readonly [region: string, date: string, action: 'close' | 'open', holiday: string]
> = [
  ['TH', '2026-12-07', 'close', "King Bhumibol's Birthday / National Day / Father's Day (in lieu)"],
  ['TH', '2027-02-22', 'close', 'Makha Bucha (in lieu)'],
  ['TH', '2027-05-03', 'close', 'National Labor Day (in lieu)'],
  ['TH', '2027-05-20', 'close', 'Visakha Bucha'],
  ['TH', '2027-07-19', 'close', 'Buddhist Lent Day'],
  ['TH', '2027-07-20', 'close', 'Asarnha Bucha (in lieu)'],
  ['TH', '2027-10-25', 'close', 'HM King Chulalongkorn Memorial Day (in lieu)'],
  ['TH', '2027-12-06', 'close', "King Bhumibol's Birthday / National Day / Father's Day (in lieu)"],
  ['TH', '2028-01-03', 'close', "New Year's Day (in lieu)"],
  ['TH', '2028-02-10', 'close', 'Makha Bucha'],
  ['TH', '2028-04-17', 'close', 'Songkran Festival (in lieu)'],
  ['TH', '2028-05-01', 'close', 'National Labor Day'],
  ['TH', '2028-05-08', 'close', 'Visakha Bucha'],
  ['TH', '2028-06-05', 'close', "HM Queen Suthida's Birthday (in lieu)"],
  ['TH', '2028-07-06', 'close', 'Asarnha Bucha'],
  ['TH', '2028-07-07', 'close', 'Buddhist Lent Day'],
  ['TH', '2028-08-14', 'close', "Queen Mother's Birthday / Mother's Day (in lieu)"],
  ['TH', '2028-12-11', 'close', 'Constitution Day (in lieu)'],
  ['TW', '2026-12-25', 'close', 'Constitution Day'],
  ['TW', '2027-02-04', 'close', "Little New Year (day before Lunar New Year's Eve)"],
  ['TW', '2027-09-28', 'close', "Confucius' Birthday / Teachers' Day"],
  ['TW', '2027-10-25', 'close', 'Taiwan Restoration and Guningtou Victory Memorial Day'],
  ['TW', '2028-01-24', 'close', "Little New Year (day before Lunar New Year's Eve)"],
  ['TW', '2028-05-01', 'close', 'Labor Day'],
  ['TW', '2028-09-28', 'close', "Confucius' Birthday / Teachers' Day"],
  ['TW', '2028-10-25', 'close', 'Taiwan Restoration and Guningtou Victory Memorial Day'],
  ['TW', '2028-12-25', 'close', 'Constitution Day'],
  ['MY-14', '2027-01-22', 'close', 'Thaipusam'],
  ['MY-14', '2027-03-09', 'open', 'Hari Raya Puasa a day early (official: 10-11 Mar)'],
  ['MY-14', '2027-03-11', 'close', 'Eid al-Fitr (Second Day)'],
  ['MY-14', '2027-05-17', 'close', 'Eid al-Adha'],
  ['MY-14', '2027-05-20', 'close', 'Vesak Day'],
  ['MY-14', '2027-08-16', 'close', "Prophet Muhammad's Birthday (observed)"],
  ['MY-14', '2028-02-28', 'close', 'Hari Raya Puasa day 2 or Sunday replacement (off either way)'],
  ['MY-10', '2027-01-22', 'close', 'Thaipusam'],
  ['MY-10', '2027-03-09', 'open', 'Hari Raya Puasa a day early (official: 10-11 Mar)'],
  ['MY-10', '2027-03-11', 'close', 'Eid al-Fitr (Second Day)'],
  ['MY-10', '2027-05-17', 'close', 'Eid al-Adha'],
  ['MY-10', '2027-05-20', 'close', 'Vesak Day'],
  ['MY-10', '2027-08-16', 'close', "Prophet Muhammad's Birthday (observed)"],
  ['MY-10', '2028-02-28', 'close', 'Hari Raya Puasa day 2 or Sunday replacement (off either way)'],
  ['MY', '2027-03-09', 'open', 'Hari Raya Puasa a day early (official: 10-11 Mar)'],
  ['MY', '2027-03-11', 'close', 'Eid al-Fitr (Second Day)'],
  ['MY', '2027-05-17', 'close', 'Eid al-Adha'],
  ['MY', '2027-05-20', 'close', 'Vesak Day'],
  ['MY', '2027-08-16', 'close', "Prophet Muhammad's Birthday (observed)"],
  ['MY', '2028-02-28', 'close', 'Hari Raya Puasa day 2 or Sunday replacement (off either way)'],
  ['CN', '2027-02-08', 'close', 'Chinese New Year (Spring Festival)'],
  ['CN', '2027-06-01', 'open', "Children's Day"],
  ['CN', '2028-01-28', 'close', 'Chinese New Year (Spring Festival)'],
  ['CN', '2028-05-02', 'close', 'Labor Day'],
  ['CN', '2028-06-01', 'open', "Children's Day"],
  ['CN', '2028-08-01', 'open', 'Army Day (DH: public from 12:00; only active servicemen get the half day)'],
  ['AE', '2027-01-05', 'open', "Laylat al-Mi'raj"],
  ['AE', '2027-02-08', 'open', 'First day of Ramadan'],
  ['AE', '2028-01-28', 'open', 'First day of Ramadan'],
  ['AE', '2028-05-04', 'close', "Arafat Day (= the day before DH's own Eid al-Adha)"],
  ['AE', '2028-12-14', 'open', "Laylat al-Mi'raj"],
  ['NG', '2026-12-28', 'close', 'Boxing Day (observed)'],
  ['NG', '2027-05-27', 'open', "Children's Day"],
  ['NG', '2027-12-27', 'close', 'Christmas Day (observed)'],
  ['NG', '2027-12-28', 'close', 'Boxing Day (observed)'],
  ['NG', '2028-01-03', 'close', "New Year's Day (observed)"],
  ['NG', '2028-05-25', 'open', 'Islamic New Year'],
  ['NG', '2028-10-02', 'close', 'National Day (observed)'],
  ['BG', '2026-12-28', 'close', 'Christmas Day (observed)'],
  ['BG', '2027-05-04', 'close', 'Labour Day (observed)'],
  ['BG', '2027-12-27', 'close', 'Christmas Day (observed)'],
  ['BG', '2027-12-28', 'close', 'Christmas Day (observed)'],
  ['BG', '2028-01-03', 'close', "New Year's Day (observed)"],
  ['BG', '2028-05-08', 'close', "St George's Day (observed)"],
  ['BG', '2028-12-26', 'close', 'Christmas, 3rd day (DH types it observance)'],
  ['BG', '2028-12-27', 'close', 'Christmas Eve (observed)'],
  ['GH', '2027-08-04', 'open', 'Founders Day'],
  ['GH', '2028-08-04', 'open', 'Founders Day'],
  ['GT', '2027-06-28', 'close', 'Army Day'],
  ['GT', '2027-07-02', 'open', 'Army Day (moves to Mon 28 Jun)'],
  ['GT', '2028-06-30', 'open', 'Army Day (DH keeps it on Fri 30 Jun; moves to Mon 3 Jul)'],
  ['GT', '2028-07-03', 'close', 'Army Day'],
  ['CR', '2027-10-12', 'open', 'Columbus Day'],
  ['CR', '2028-10-12', 'open', 'Columbus Day'],
  ['DO', '2027-11-08', 'open', 'Constitution Day (stays on Sat 6 Nov)'],
  ['RS', '2027-05-04', 'close', 'Labor Day (observed)'],
  ['VN', '2028-05-02', 'close', 'Liberation Day/Reunification Day (observed)'],
  ['IN-KA', '2028-05-01', 'close', 'May Day'],
  ['MA', '2027-01-14', 'close', 'Amazigh New Year (14 Jan)'],
  ['MA', '2028-01-14', 'close', 'Amazigh New Year (14 Jan)'],
];

const YEARS = [2026, 2027, 2028];
const MODES = [{ mode: 'closed' }, { mode: 'reduced' }, { mode: 'ignore' }] as const;

function calendar(region: string, extra: Record<string, unknown> = {}): CalendarConfig {
  const config = ConfigSchema.parse({
    accountId: '1',
    secretId: 's',
    calendars: [{ name: region, regions: [region], ...extra }],
  });
  return config.calendars[0] as CalendarConfig;
}

type DayState = 'closed' | 'partly' | 'open';

/** What a calendar's events do to each date (a not-working day closes it, whatever else is on it). */
function dayStates(events: readonly SpecialOccasionEvent[]): Map<string, DayState> {
  const { closed, partly } = affectedDates(events);
  return new Map<string, DayState>([
    ...[...partly].map((date): [string, DayState] => [date, 'partly']),
    ...[...closed].map((date): [string, DayState] => [date, 'closed']),
  ]);
}

const cache = new Map<string, Map<string, DayState>>();
function stateOf(region: string, date: string, extra: Record<string, unknown> = {}): DayState {
  const key = JSON.stringify([region, extra]);
  let states = cache.get(key);
  if (!states) {
    states = dayStates(buildCalendarEvents(calendar(region, extra), YEARS));
    cache.set(key, states);
  }
  return states.get(date) ?? 'open';
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

describe('the second batch of corrections: every dated row holds', () => {
  it('has the 87 rows of the shared file, each a weekday', () => {
    expect(ROWS).toHaveLength(87);
    expect(new Set(ROWS.map(([region, date]) => `${region} ${date}`)).size).toBe(87);
    for (const [region, date] of ROWS)
      expect([0, 6], `${region} ${date} ${WEEKDAY[weekday(date)]}`).not.toContain(weekday(date));
  });

  it.each(ROWS)('%s %s: %s (%s)', (region, date, action) => {
    const wanted = (state: DayState) => (action === 'close' ? state === 'closed' : state === 'open');
    expect(stateOf(region, date), 'corrections on').toSatisfy(wanted);
    expect(stateOf(region, date, { corrections: false }), 'date-holidays alone is still wrong').not.toSatisfy(
      wanted,
    );
    for (const partialDays of MODES) {
      expect(stateOf(region, date, { partialDays }), partialDays.mode).toSatisfy(wanted);
    }
    // The civil date of the country, whatever zone the calendar is in (UTC+14, UTC-11).
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(stateOf(region, date, { timeZone }), timeZone).toSatisfy(wanted);
    }
  });
});
