// The configured countries' part of date-holidays' own data, written at synth time (holiday-data.ts).
import data from '@holiday-importer/holiday-data';
import HolidaysParser, { type HolidaysTypes } from 'date-holidays-parser';

type Country = HolidaysTypes.Country | string;

/**
 * Stands in for the `date-holidays` package in the function's bundle. The package's own class
 * (date-holidays/src/Holidays.js) is exactly this subclass of date-holidays-parser, with every
 * country's data; here the data holds the configured countries only.
 */
export default class Holidays extends HolidaysParser {
  constructor(country?: Country, state?: string, region?: string, opts?: HolidaysTypes.Options) {
    // The parser sorts its arguments out itself (an object country, options in any position).
    super(data, country as Country, state as string, region as string, opts);
  }
}
