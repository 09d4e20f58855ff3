import { describe, expect, it } from 'vitest';
import { noticeSubject, todayIn, upcomingClosures } from '../../functions/core/notices/upcoming-closures.js';
import { eventWindows } from '../../functions/core/planner/occasion-days.js';
import type { SpecialOccasion, SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';

const ZONE = 'Europe/Berlin';
const MARKED = 'Public holidays [holiday-importer fp=0123456789ab]';

function event(
  working: boolean,
  start: string,
  end: string,
  recurrence: string[] = [],
): SpecialOccasionEvent {
  return {
    meta: { working, name: working ? 'Short day' : 'Holiday' },
    start: { dateTime: start, timeZone: ZONE },
    end: { dateTime: end, timeZone: ZONE },
    recurrence,
  };
}

function occasion(
  id: number,
  events: SpecialOccasionEvent[],
  extra: Partial<SpecialOccasion> = {},
): SpecialOccasion {
  return {
    id,
    name: `Calendar ${id}`,
    description: MARKED,
    deleted: false,
    isDefault: false,
    events,
    ...extra,
  };
}

describe('eventWindows: the window an event puts on each date', () => {
  it.each([
    [
      'a whole day to 23:59:59',
      event(false, '2026-12-25T00:00:00', '2026-12-25T23:59:59'),
      { '2026-12-25': '0-1440' },
    ],
    [
      'a whole day to 23:59 (the UI)',
      event(false, '2026-12-25T00:00', '2026-12-25T23:59'),
      { '2026-12-25': '0-1440' },
    ],
    ['reduced hours', event(true, '2026-12-24T08:00:00', '2026-12-24T14:00:00'), { '2026-12-24': '480-840' }],
    [
      'a daily recurrence repeats the first day',
      event(true, '2026-12-24T09:00:00', '2026-12-24T12:00:00', ['RRULE:FREQ=DAILY;COUNT=2']),
      { '2026-12-24': '540-720', '2026-12-25': '540-720' },
    ],
    [
      'a span over midnight runs from its start to its end',
      event(false, '2026-12-24T18:00:00', '2026-12-26T06:00:00'),
      { '2026-12-24': '1080-1440', '2026-12-25': '0-1440', '2026-12-26': '0-360' },
    ],
    [
      'date-only bounds: the end is exclusive',
      event(false, '2026-12-25', '2026-12-27'),
      { '2026-12-25': '0-1440', '2026-12-26': '0-1440' },
    ],
    ['no date at all: nothing', event(false, 'soon', 'later'), {}],
  ])('%s', (_label, input, expected) => {
    const windows = Object.fromEntries(
      [...eventWindows(input)].map(([date, window]) => [
        date,
        `${window.interval.from}-${window.interval.to}`,
      ]),
    );
    expect(windows).toEqual(expected);
  });
});

describe('upcomingClosures: LivePerson decides a date', () => {
  const now = new Date('2026-12-21T08:00:00Z');
  const report = (occasions: SpecialOccasion[], days = 7) =>
    upcomingClosures(occasions, [], { now, days, timeZone: ZONE });

  it.each([
    [
      'a not-working window closes the day, even beside a working one',
      [
        event(true, '2026-12-24T08:00:00', '2026-12-24T14:00:00'),
        event(false, '2026-12-24T14:00:00', '2026-12-24T23:59:59'),
      ],
      { kind: 'closed', hours: [] },
    ],
    [
      "working windows are the day's only hours",
      [
        event(true, '2026-12-24T08:00:00', '2026-12-24T12:00:00'),
        event(true, '2026-12-24T11:00:00', '2026-12-24T14:00:00'),
      ],
      { kind: 'reduced', hours: ['08:00-14:00'] },
    ],
  ])('%s', (_label, events, expected) => {
    expect(report([occasion(1, events)]).dates[0]?.closures[0]).toMatchObject(expected);
  });

  it.each([
    ['the first day of the window', '2026-12-21', 1],
    ['the last day of the window', '2026-12-27', 1],
    ['the day before it', '2026-12-20', 0],
    ['the day after it', '2026-12-28', 0],
  ])('%s: %s', (_label, date, count) => {
    const closure = event(false, `${date}T00:00:00`, `${date}T23:59:59`);
    expect(report([occasion(1, [closure])]).count).toBe(count);
  });

  it.each([
    ["the importer's", {}, 1],
    ['a default made by hand', { description: 'by hand', isDefault: true }, 1],
    ['one made by hand', { description: 'by hand' }, 0],
    ["a deleted one of the importer's", { deleted: true }, 0],
  ])('occasions: %s counts %i', (_label, extra, count) => {
    const closure = event(false, '2026-12-24T00:00:00', '2026-12-24T23:59:59');
    expect(report([occasion(1, [closure], extra)]).count).toBe(count);
  });

  it("today is the date in the request's zone", () => {
    // 23:30 UTC on 20 December is already 21 December in Berlin, still 20 December in New York.
    const late = new Date('2026-12-20T23:30:00Z');
    expect(todayIn('Europe/Berlin', late)).toBe('2026-12-21');
    expect(todayIn('America/New_York', late)).toBe('2026-12-20');
  });
});

describe('noticeSubject', () => {
  it.each([
    ['2026-11-30', '2026-12-13', 2, 'Contact center closures 30 Nov - 13 Dec 2026: 2 days'],
    ['2026-12-28', '2027-01-10', 1, 'Contact center closures 28 Dec 2026 - 10 Jan 2027: 1 day'],
    ['2027-03-01', '2027-03-14', 0, 'Contact center closures 1 Mar - 14 Mar 2027: 0 days'],
  ])('%s .. %s, %i', (from, to, count, subject) => {
    expect(noticeSubject(from, to, count)).toBe(subject);
  });
});
