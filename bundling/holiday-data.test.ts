import Holidays from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { describe, expect, it } from 'vitest';
import { correctionRulesFor, holidayDataFor, needsAstronomy, ruleZoneNames } from './holiday-data.js';

/**
 * The holiday data a function bundle carries: each configured country whole, with what it borrows
 * and the shared names its rules name, and nothing a lookup could miss.
 */

const countries = Object.keys(new Holidays().getCountries());

describe('holidayDataFor', () => {
  it.each([
    [
      ['DE-BY', 'US', 'GB-SCT'],
      ['DE', 'GB', 'US'],
    ],
    [['GG'], ['GB', 'GG']],
    [['ES-CN'], ['ES', 'IC']],
    [['DE-BY-A'], ['DE']],
    [['XX'], []],
  ])('%j carries %j', (regions, carried) => {
    expect(Object.keys(holidayDataFor(regions).holidays)).toEqual(carried);
  });

  it('every country, from its carried data alone: the same holidays as the full library, in its languages and English', () => {
    const differing = countries.filter((country) => {
      const carried = new HolidaysParser(holidayDataFor([country]), country);
      const full = new Holidays(country);
      return [...full.getLanguages(), 'en'].some(
        (language) =>
          JSON.stringify(carried.getHolidays(2027, language)) !==
          JSON.stringify(full.getHolidays(2027, language)),
      );
    });
    expect(countries.length).toBeGreaterThan(200);
    expect(differing).toEqual([]);
  });
});

describe('needsAstronomy (the VSOP87 series goes in)', () => {
  it.each([
    ['JP', true], // equinoxes
    ['CL', true], // June solstice
    ['TW', true], // December solstice
    ['CN', true], // Chinese calendar
    ['KR', true], // Korean calendar
    ['VN', true], // Vietnamese calendar
    ['DE', false],
    ['US', false],
    ['RS', false], // Julian: astronomia's arithmetic only
    ['TR', false], // Islamic: tables
    ['IL', false], // Hebrew: arithmetic
    ['IR', false], // Persian (Jalaali)
  ])('%s: %s', (country, needed) => {
    expect(needsAstronomy(holidayDataFor([country]))).toBe(needed);
  });
});

it("the corrections table's own rules count too: a rule it computes for a carried region", () => {
  expect(correctionRulesFor(['CN'])).toContain('chinese 01-0-03');
  expect(correctionRulesFor(['MA'])).toEqual(['01-14']);
  expect(correctionRulesFor(['DE'])).toEqual([]);
  expect(needsAstronomy(holidayDataFor(['MA']), correctionRulesFor(['MA']))).toBe(false);
  expect(needsAstronomy(holidayDataFor(['MA']), ['chinese 01-0-03'])).toBe(true);
});

it('ruleZoneNames: the zones rules convert with (CL: America/Santiago), not the countries’ own lists', () => {
  expect([...ruleZoneNames(holidayDataFor(['CL']))]).toEqual(['America/Santiago']);
  expect([...ruleZoneNames(holidayDataFor(['US']))]).toEqual([]);
  // TW's "december solstice" (an observance) names no zone: date-holidays computes it in GMT.
  expect([...ruleZoneNames(holidayDataFor(['TW']))]).toEqual(['GMT']);
  expect([...ruleZoneNames(holidayDataFor(['JP']))]).toEqual([]);
});
