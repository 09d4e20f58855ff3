import { describe, expect, it } from 'vitest';
import { pruneBefore, runYears } from '../../functions/core/holidays/run-years.js';

describe('runYears', () => {
  const now = new Date('2026-12-01T06:00:00Z');
  it.each([
    { trigger: 'monthly' as const, yearsAhead: 1, years: undefined, expected: [2026, 2027] },
    { trigger: 'manual' as const, yearsAhead: 1, years: undefined, expected: [2026, 2027] },
    { trigger: 'yearly' as const, yearsAhead: 0, years: undefined, expected: [2027] },
    { trigger: 'yearly' as const, yearsAhead: 2, years: undefined, expected: [2027, 2028, 2029] },
    { trigger: 'manual' as const, yearsAhead: 1, years: [2029, 2027, 2029], expected: [2027, 2029] },
    { trigger: 'manual' as const, yearsAhead: 1, years: [], expected: [2026, 2027] },
  ])('$trigger, ahead $yearsAhead, years $years -> $expected', ({ trigger, yearsAhead, years, expected }) => {
    expect(runYears({ trigger, yearsAhead, years, now, timeZone: 'Europe/Berlin' })).toEqual(expected);
  });

  it('counts the current year in the calendar time zone, not in UTC', () => {
    const newYearInAuckland = new Date('2026-12-31T12:30:00Z');
    expect(
      runYears({ trigger: 'monthly', yearsAhead: 0, now: newYearInAuckland, timeZone: 'Pacific/Auckland' }),
    ).toEqual([2027]);
    expect(
      runYears({ trigger: 'monthly', yearsAhead: 0, now: newYearInAuckland, timeZone: 'America/New_York' }),
    ).toEqual([2026]);
  });

  it('prune date is 1 January of (Y - keepPastYears)', () => {
    expect(pruneBefore(new Date('2027-03-01T00:00:00Z'), 'UTC', 0)).toBe('2027-01-01');
    expect(pruneBefore(new Date('2027-03-01T00:00:00Z'), 'UTC', 2)).toBe('2025-01-01');
  });
});
