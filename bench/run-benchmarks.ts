import Holidays from 'date-holidays';
import { buildCalendarEvents } from '../functions/core/calendar-events.js';
import { ConfigSchema } from '../functions/core/config-schema.js';

/**
 * Prints how fast the pure core turns holidays into events. Figures to watch, never asserted:
 * a run computes a handful of regions, so this is the ceiling, not the typical cost.
 */

const YEARS = [2027, 2028];
const BIG_COUNTRIES = ['US', 'DE', 'BR', 'IN', 'AU'];

function calendarFor(region: string) {
  const config = ConfigSchema.parse({
    accountId: '1',
    secretId: 'bench',
    calendars: [{ name: region.slice(0, 50), regions: [region], timeZone: 'UTC' }],
  });
  const [calendar] = config.calendars;
  if (!calendar) throw new Error('no calendar');
  return calendar;
}

function measure(label: string, regions: readonly string[]): void {
  const calendars = regions.map(calendarFor);
  const started = performance.now();
  let events = 0;
  for (const calendar of calendars) events += buildCalendarEvents(calendar, YEARS).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(34)} ${String(regions.length).padStart(5)} regions  ${String(events).padStart(6)} events  ${(seconds * 1000).toFixed(0).padStart(6)} ms  ${Math.round(
      events / seconds,
    )
      .toString()
      .padStart(8)} events/s`,
  );
}

const query = new Holidays();
const countries = Object.keys(query.getCountries() ?? {});
const states = BIG_COUNTRIES.flatMap((country) =>
  Object.keys(query.getStates(country) ?? {}).map((state) => `${country}-${state}`),
);

console.log(`holiday -> event mapping, years ${YEARS.join(', ')} (cold: first use of each region's rules)`);
measure('every country', countries);
measure(`every state of ${BIG_COUNTRIES.join(', ')}`, states);
console.log('warm (rules already parsed):');
measure('every country', countries);
measure(`every state of ${BIG_COUNTRIES.join(', ')}`, states);
