import { loadConfig } from '../commons/load-config.js';
import {
  HOLIDAY_CORRECTIONS,
  type HolidayCorrection,
  isRuleCorrection,
} from '../core/holidays/holiday-corrections.js';
import { previewCalendars } from '../core/planner/preview.js';
import type { CliOptions } from './cli-args.js';
import { type CliIo, EXIT } from './cli-io.js';
import { LEGEND, type Palette, renderCalendarPreview } from './month-grid.js';

/** `preview`: no network, so none of the run's modules (AWS SDK, ky) load. */
export async function preview(options: CliOptions, io: CliIo, palette: Palette): Promise<number> {
  const config = await loadConfig(options.config);
  const result = previewCalendars(config, {
    years: options.years,
    calendars: options.calendars,
    now: io.now(),
  });
  for (const calendar of result.calendars) {
    for (const warning of calendar.warnings) io.stderr(`warning: ${calendar.name}: ${warning}\n`);
  }
  if (options.json) {
    const calendars = result.calendars.map(({ name, timeZone, events, halfDays, corrections }) => ({
      name,
      timeZone,
      events,
      ...(halfDays.length > 0 ? { halfDays } : {}),
      corrections,
    }));
    io.stdout(`${JSON.stringify({ years: result.years, calendars }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const calendar of result.calendars) {
    const used = HOLIDAY_CORRECTIONS.filter((entry) => calendar.corrections.includes(entry.id));
    // A suspension changes too many days to mark: its line says what it does.
    const suspended = used
      .filter((entry) => entry.kind === 'suspend')
      .flatMap((entry) => calendar.correctedBy[entry.id] ?? []);
    const corrected = new Set(calendar.correctedDates.filter((date) => !suspended.includes(date)));
    io.stdout(`${renderCalendarPreview(calendar, palette, corrected)}\n`);
    for (const entry of used) {
      const dates = calendar.correctedBy[entry.id] ?? [];
      // A rule names no dates: show the days it changes in the years shown.
      const changes = isRuleCorrection(entry)
        ? `; here: ${dates.length > 0 ? dates.join(', ') : 'no change'}`
        : '';
      io.stdout(`  corrected: ${entry.id} (${describeCorrection(entry)}${changes}; ${entry.source.title})\n`);
    }
    if (calendar.corrections.length > 0) io.stdout('\n');
  }
  io.stdout(`${LEGEND}\n`);
  return EXIT.ok;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function sinceText(since: number | undefined): string {
  return since === undefined ? '' : `, from ${since}`;
}

function describeCorrection(entry: HolidayCorrection): string {
  switch (entry.kind) {
    case 'suspend':
      return `holidays suspended from ${entry.from}${entry.to ? ` to ${entry.to}` : ''}`;
    case 'move':
      return `day off moved from ${entry.from} to ${entry.to}`;
    case 'add':
      return `day off added: ${entry.dates.join(', ')}`;
    case 'remove':
      return `day off removed: ${entry.dates.join(', ')}`;
    case 'retype':
      return `${entry.rules.join(', ')} typed ${entry.type}${sinceText(entry.since)}`;
    case 'abolish':
      return `${entry.rules.join(', ')} no longer a day off${sinceText(entry.since)}`;
    case 'institute':
      return `day off added: ${entry.rule} (${entry.name.en})${sinceText(entry.since)}`;
    case 'rerule':
      return `${Object.entries(entry.rules)
        .map(([from, to]) => `"${from}" computed as "${to}"`)
        .join(', ')}${sinceText(entry.since)}`;
    case 'substitute':
      return `a holiday on ${[...entry.restDays]
        .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
        .map((day) => WEEKDAYS[day])
        .join('/')} gives the next working day off${sinceText(entry.since)}`;
  }
}
