import { describe, expect, it } from 'vitest';
import type { HalfDay } from '../../functions/core/holidays/calendar-events.js';
import { subtractIntervals, unionIntervals } from '../../functions/core/holidays/day-parts.js';
import { describeHalfDay, hoursSources, resolveHalfDays } from '../../functions/core/planner/half-days.js';
import type { Skill } from '../../functions/core/planner/special-occasion.js';
import {
  hoursOn,
  type Workdays,
  weeklyWindow,
  weeklyWindows,
} from '../../functions/core/planner/working-hours.js';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
// 2026-12-06 is a Sunday: the week's dates by weekday index.
const dateOf = (day: number) => `2026-12-${String(6 + day).padStart(2, '0')}`;

function weekly(day: number, from: string, to: string, timeZone = 'Europe/Berlin') {
  const date = dateOf(day);
  return {
    start: { dateTime: `${date}T${from}:00`, timeZone },
    end: { dateTime: `${date}T${to}:00`, timeZone },
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${DAYS[day]}`],
  };
}

function workdays(id: number, name: string, events: unknown[], isDefault = false): Workdays {
  return { id, name, isDefault, deleted: false, events };
}

const mondayToFriday = (from: string, to: string, timeZone = 'Europe/Berlin') =>
  [1, 2, 3, 4, 5].map((day) => weekly(day, from, to, timeZone));

const OFFICE = workdays(4011110000, 'Office DE', mondayToFriday('08:00', '17:00'), true);
const LATE = workdays(4011110001, 'Late DE', mondayToFriday('09:00', '17:00'));
const SAME_AS_OFFICE = workdays(4011110002, 'Office DE copy', mondayToFriday('08:00', '17:00'));

const skill = (id: number, name: string, workingHoursId?: number): Skill => ({
  id,
  name,
  deleted: false,
  ...(workingHoursId !== undefined ? { workingHoursId } : {}),
});

const fromTwo = (date: string, name = 'Heiliger Abend'): HalfDay => ({
  kind: 'half',
  date,
  name,
  closed: [{ from: 840, to: 1440 }],
});
const untilTwo = (date: string, name = 'Quarta-feira de Cinzas'): HalfDay => ({
  kind: 'half',
  date,
  name,
  closed: [{ from: 0, to: 840 }],
});

function resolve(half: HalfDay, skills: Skill[], all: Workdays[], timeZone = 'Europe/Berlin') {
  const found = hoursSources({ name: 'C', timeZone, skills, accountDefault: false }, all);
  if ('failure' in found) return found;
  return resolveHalfDays([half], found.sources, timeZone);
}

const lines = (result: ReturnType<typeof resolve>) =>
  'failure' in result
    ? result.failure
    : result.events.map(
        (event) =>
          `${event.start.dateTime}..${event.end.dateTime.slice(11)} ${event.meta.working ? 'open' : 'off'}`,
      );

describe("a half day against the Workdays of the calendar's skills", () => {
  it.each([
    {
      name: 'Saturday 24 Dec 2033, Monday-to-Friday hours: no event, the day stays closed',
      half: fromTwo('2033-12-24'),
      expected: [],
    },
    {
      name: 'Friday 24 Dec 2027 from 14:00: open from opening until 14:00',
      half: fromTwo('2027-12-24'),
      expected: ['2027-12-24T08:00:00..14:00:00 open'],
    },
    {
      name: 'Ash Wednesday until 14:00: open from 14:00 until closing, never a lone not-working window',
      half: untilTwo('2026-02-18'),
      expected: ['2026-02-18T14:00:00..17:00:00 open'],
    },
    {
      name: 'a holiday from 07:00 leaves no Workdays hours: closed all day',
      half: { kind: 'half' as const, date: '2027-12-24', name: 'H', closed: [{ from: 420, to: 1440 }] },
      expected: ['2027-12-24T00:00:00..23:59:59 off'],
    },
    {
      name: 'a closure inside the day: the hours before and after it',
      half: { kind: 'half' as const, date: '2027-12-23', name: 'H', closed: [{ from: 600, to: 720 }] },
      expected: ['2027-12-23T08:00:00..10:00:00 open', '2027-12-23T12:00:00..17:00:00 open'],
    },
  ])('$name', ({ half, expected }) => {
    expect(lines(resolve(half, [skill(1, 'Support DE', OFFICE.id)], [OFFICE]))).toEqual(expected);
  });

  it('Workdays in another zone are converted for that date (London 08:00-17:00 is 09:00-18:00 in Berlin)', () => {
    const london = workdays(5, 'Office UK', mondayToFriday('08:00', '17:00', 'Europe/London'));
    expect(lines(resolve(fromTwo('2027-12-24'), [skill(1, 'S', 5)], [london]))).toEqual([
      '2027-12-24T09:00:00..14:00:00 open',
    ]);
    // New York's Friday 09:00-18:00 is 15:00-24:00 in Berlin: nothing left before 14:00.
    const newYork = workdays(6, 'Office US', mondayToFriday('09:00', '18:00', 'America/New_York'));
    expect(lines(resolve(fromTwo('2027-12-24'), [skill(1, 'S', 6)], [newYork]))).toEqual([
      '2027-12-24T00:00:00..23:59:59 off',
    ]);
  });

  it('two skills with different hours: the calendar fails, naming the skills, their Workdays and what to do', () => {
    const result = resolve(
      fromTwo('2027-12-24'),
      [skill(1, 'Support DE', OFFICE.id), skill(2, 'Billing DE', LATE.id)],
      [OFFICE, LATE],
    );
    expect('failure' in result && result.failure).toMatch(
      /2027-12-24 \(Heiliger Abend\): "Support DE" \(Workdays "Office DE" \(4011110000, the account default\)\): 08:00-14:00 vs "Billing DE" \(Workdays "Late DE" \(4011110001\)\): 09:00-14:00.*Split the calendar by hours/,
    );
  });

  it('different hours that the half day does not reach are fine (both close at 17:00, the day opens at 14:00)', () => {
    const result = resolve(
      untilTwo('2026-02-18'),
      [skill(1, 'Support DE', OFFICE.id), skill(2, 'Billing DE', LATE.id)],
      [OFFICE, LATE],
    );
    expect(lines(result)).toEqual(['2026-02-18T14:00:00..17:00:00 open']);
  });

  it('equal hours held in different objects are fine', () => {
    const result = resolve(
      fromTwo('2027-12-24'),
      [skill(1, 'Support DE', OFFICE.id), skill(2, 'Billing DE', SAME_AS_OFFICE.id)],
      [OFFICE, SAME_AS_OFFICE],
    );
    expect(lines(result)).toEqual(['2027-12-24T08:00:00..14:00:00 open']);
  });

  it('a skill without Workdays follows the account default', () => {
    expect(lines(resolve(fromTwo('2027-12-24'), [skill(1, 'S')], [OFFICE]))).toEqual([
      '2027-12-24T08:00:00..14:00:00 open',
    ]);
  });

  it('a skill naming a Workdays object the account does not hold: the calendar fails, saying so', () => {
    expect(lines(resolve(fromTwo('2027-12-24'), [skill(1, 'S', 99)], [OFFICE]))).toMatch(
      /skill "S" \(1\) names Workdays 99, which the account does not hold/,
    );
  });

  it('a Workdays object it cannot read: the calendar fails, naming the event', () => {
    const broken = workdays(7, 'Broken', [
      { ...weekly(1, '08:00', '17:00'), recurrence: ['RRULE:FREQ=DAILY'] },
    ]);
    expect(lines(resolve(fromTwo('2027-12-24'), [skill(1, 'S', 7)], [broken]))).toMatch(
      /Workdays "Broken" \(7\) cannot be read \(events\[0\]: recurrence/,
    );
  });

  it('no skills, no default Workdays and no fixed hours: the calendar fails, saying what to give', () => {
    const found = hoursSources(
      { name: 'C', timeZone: 'Europe/Berlin', skills: [], accountDefault: false },
      [],
    );
    expect('failure' in found && found.failure).toMatch(
      /link skills, set a default Workdays.*"opensAt", "closesAt"/,
    );
  });

  it('fixed hours serve a calendar without skills and default Workdays, and are ignored (with a warning) otherwise', () => {
    const fixed = { from: 540, to: 1020 };
    const alone = hoursSources(
      { name: 'C', timeZone: 'Europe/Berlin', skills: [], accountDefault: false, fixedHours: fixed },
      [],
    );
    if ('failure' in alone) throw new Error(alone.failure);
    expect(
      lines(
        resolveHalfDays([fromTwo('2033-12-24')], alone.sources, 'Europe/Berlin') as ReturnType<
          typeof resolve
        >,
      ),
    ).toEqual(['2033-12-24T09:00:00..14:00:00 open']);
    const withSkills = hoursSources(
      {
        name: 'C',
        timeZone: 'Europe/Berlin',
        skills: [skill(1, 'S', OFFICE.id)],
        accountDefault: false,
        fixedHours: fixed,
      },
      [OFFICE],
    );
    expect('warnings' in withSkills && withSkills.warnings[0]).toMatch(/fixed hours .* are not used/);
  });

  it('offline, a half day reads as normal hours until / from the holiday', () => {
    expect(describeHalfDay(fromTwo('2027-12-24'))).toBe('normal hours until 14:00');
    expect(describeHalfDay(untilTwo('2026-02-18'))).toBe('normal hours from 14:00');
  });
});

describe('Workdays as weekly windows', () => {
  it.each([
    { name: 'a day window', event: weekly(1, '08:00', '17:00'), minutes: 540 },
    { name: 'until 23:59 is until the end of the day', event: weekly(1, '20:00', '23:59'), minutes: 240 },
    {
      name: 'a date-only 24 h shift',
      event: {
        start: { dateTime: '2026-12-07', timeZone: 'UTC' },
        end: { dateTime: '2026-12-08', timeZone: 'UTC' },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'],
      },
      minutes: 1440,
    },
  ])('reads $name', ({ event, minutes }) => {
    const window = weeklyWindow(event);
    expect(typeof window === 'string' ? window : window.minutes).toBe(minutes);
  });

  it.each([
    {
      name: 'no recurrence',
      event: { ...weekly(1, '08:00', '17:00'), recurrence: [] },
      problem: /recurrence/,
    },
    {
      name: 'an unknown zone',
      event: weekly(1, '08:00', '17:00', 'Mars/Olympus'),
      problem: /timeZone "Mars\/Olympus"/,
    },
    {
      name: 'an end before the start',
      event: weekly(1, '17:00', '08:00'),
      problem: /not between 1 minute and 24 hours/,
    },
    { name: 'not an object', event: 'x', problem: /not an object/ },
  ])('refuses $name', ({ event, problem }) => {
    expect(weeklyWindow(event)).toMatch(problem);
  });

  it('several events on one weekday add up; a window past midnight runs into the next day', () => {
    const read = weeklyWindows(
      workdays(1, 'Split', [
        weekly(1, '08:00', '12:00'),
        weekly(1, '13:00', '17:00'),
        weekly(1, '11:00', '13:30'),
        {
          start: { dateTime: '2026-12-08T22:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-12-09T02:00:00', timeZone: 'Europe/Berlin' },
          recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
        },
      ]),
    );
    if ('problem' in read) throw new Error(read.problem);
    expect(hoursOn(read.windows, '2027-12-20', 'Europe/Berlin')).toEqual([{ from: 480, to: 1020 }]);
    expect(hoursOn(read.windows, '2027-12-22', 'Europe/Berlin')).toEqual([{ from: 0, to: 120 }]);
  });

  it("across a DST change the other zone's hours move by the hour the change makes (New York on 14 Mar 2027)", () => {
    const read = weeklyWindows(workdays(1, 'NY', [weekly(0, '09:00', '17:00', 'America/New_York')]));
    if ('problem' in read) throw new Error(read.problem);
    // Sunday 14 March 2027: New York has moved to EDT (UTC-4), Berlin is still on CET (UTC+1).
    expect(hoursOn(read.windows, '2027-03-14', 'Europe/Berlin')).toEqual([{ from: 840, to: 1320 }]);
    expect(hoursOn(read.windows, '2027-03-07', 'Europe/Berlin')).toEqual([{ from: 900, to: 1380 }]);
  });

  it('intervals: union and difference', () => {
    expect(
      unionIntervals([
        { from: 60, to: 120 },
        { from: 0, to: 60 },
        { from: 200, to: 300 },
      ]),
    ).toEqual([
      { from: 0, to: 120 },
      { from: 200, to: 300 },
    ]);
    expect(
      subtractIntervals(
        [{ from: 0, to: 600 }],
        [
          { from: 100, to: 200 },
          { from: 500, to: 700 },
        ],
      ),
    ).toEqual([
      { from: 0, to: 100 },
      { from: 200, to: 500 },
    ]);
  });
});
