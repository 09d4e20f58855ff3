// moment-timezone without its data (the package's index.js is this module plus every zone).
import moment from '@holiday-importer/moment-timezone-core';
// Every zone and link, for the years the importer computes, written at synth time (zone-data.ts).
import zones from '@holiday-importer/zone-data';

moment.tz.load(zones);

/** Stands in for the `moment-timezone` package in the function's bundle. */
export default moment;
