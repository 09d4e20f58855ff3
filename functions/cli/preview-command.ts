import { HOLIDAY_CORRECTIONS } from '../core/holiday-corrections.js';
import { previewCalendars } from '../core/preview.js';
import type { CliOptions } from './cli-args.js';
import { loadConfig } from './load-config.js';
import { type CliIo, EXIT } from './main.js';
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
    const calendars = result.calendars.map(({ name, timeZone, events, corrections }) => ({
      name,
      timeZone,
      events,
      corrections,
    }));
    io.stdout(`${JSON.stringify({ years: result.years, calendars }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const calendar of result.calendars) {
    const corrected = new Set(
      HOLIDAY_CORRECTIONS.filter((entry) => calendar.corrections.includes(entry.id)).flatMap((entry) =>
        entry.kind === 'suspend' ? [] : entry.dates,
      ),
    );
    io.stdout(`${renderCalendarPreview(calendar, palette, corrected)}\n`);
    for (const id of calendar.corrections) {
      const entry = HOLIDAY_CORRECTIONS.find((item) => item.id === id);
      const what =
        entry?.kind === 'suspend'
          ? `holidays suspended from ${entry.from}`
          : entry
            ? `${entry.kind === 'add' ? 'day off added' : 'day off removed'}: ${entry.dates.join(', ')}`
            : '';
      io.stdout(`  corrected: ${id} (${what}; ${entry?.source.title ?? ''})\n`);
    }
    if (calendar.corrections.length > 0) io.stdout('\n');
  }
  io.stdout(`${LEGEND}\n`);
  return EXIT.ok;
}
