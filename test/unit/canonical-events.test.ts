import { describe, expect, it } from 'vitest';
import { eventLastDate, eventYear } from '../../functions/core/planner/canonical-events.js';
import { formatMarkedDescription, readMarker } from '../../functions/core/planner/ownership-marker.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';

const event = (start: string, end: string, recurrence: string[] = []): SpecialOccasionEvent => ({
  meta: { working: false, name: 'x' },
  start: { dateTime: start, timeZone: 'UTC' },
  end: { dateTime: end, timeZone: 'UTC' },
  recurrence,
});

describe('eventLastDate reads every form LivePerson may hold', () => {
  it.each([
    {
      name: 'wall-clock day',
      input: event('2027-05-01T00:00:00', '2027-05-01T23:59:59'),
      last: '2027-05-01',
    },
    { name: 'date-only, exclusive end', input: event('2027-05-01', '2027-05-02'), last: '2027-05-01' },
    { name: 'date-only, same day', input: event('2027-05-01', '2027-05-01'), last: '2027-05-01' },
    { name: 'window', input: event('2027-12-24T09:00:00', '2027-12-24T14:00:00'), last: '2027-12-24' },
    {
      name: 'daily COUNT across the year end',
      input: event('2027-12-30T00:00:00', '2027-12-30T23:59:59', ['RRULE:FREQ=DAILY;COUNT=4;INTERVAL=1']),
      last: '2028-01-02',
    },
  ])('$name', ({ input, last }) => {
    expect(eventLastDate(input)).toBe(last);
    expect(eventYear(input)).toBe(Number(input.start.dateTime.slice(0, 4)));
  });
});

describe('ownership marker', () => {
  it.each([
    { description: 'Bavaria [holiday-importer fp=0123456789ab]', fingerprint: '0123456789ab' },
    { description: '[holiday-importer fp=0123456789ab]  ', fingerprint: '0123456789ab' },
    { description: 'Bavaria', fingerprint: undefined },
    { description: '[holiday-importer fp=0123456789ab] edited after', fingerprint: undefined },
    { description: '[holiday-importer fp=XYZ]', fingerprint: undefined },
    { description: '', fingerprint: undefined },
  ])('$description', ({ description, fingerprint }) => {
    expect(readMarker(description)?.fingerprint).toBe(fingerprint);
  });

  it('round-trips and fits LivePerson limits', () => {
    const description = formatMarkedDescription('d'.repeat(165), 'abcdefabcdef');
    expect(description.length).toBe(200);
    expect(readMarker(description)?.fingerprint).toBe('abcdefabcdef');
    expect(formatMarkedDescription('  ', 'abcdefabcdef')).toBe('[holiday-importer fp=abcdefabcdef]');
  });
});
