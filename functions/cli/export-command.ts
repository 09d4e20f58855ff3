import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../commons/load-config.js';
import type { Config } from '../core/config/config-schema.js';
import { InputError } from '../core/errors.js';
import {
  type CalendarEntry,
  calendarFileName,
  halfDayEntries,
  occasionEntries,
  renderCalendarFile,
} from '../core/export/calendar-file.js';
import { previewCalendars } from '../core/planner/preview.js';
import type { CliOptions } from './cli-args.js';
import { type CliDependencies, type CliIo, EXIT } from './cli-io.js';

interface CalendarToWrite {
  name: string;
  timeZone: string;
  entries: CalendarEntry[];
}

/** `export --from-config`: the events `preview` shows, offline; half days by the holiday's part. */
function fromConfig(config: Config, options: CliOptions, io: CliIo): CalendarToWrite[] {
  const preview = previewCalendars(config, {
    years: options.years,
    calendars: options.calendars,
    now: io.now(),
  });
  for (const calendar of preview.calendars) {
    for (const warning of calendar.warnings) io.stderr(`warning: ${calendar.name}: ${warning}\n`);
  }
  return preview.calendars.map((calendar) => ({
    name: calendar.name,
    timeZone: calendar.timeZone,
    entries: [...occasionEntries(calendar.events), ...halfDayEntries(calendar.openHalfDays)],
  }));
}

/** `export`: one iCalendar file per calendar, from what LivePerson holds or from the config. */
export async function exportCalendars(
  options: CliOptions,
  io: CliIo,
  deps: CliDependencies,
): Promise<number> {
  const config = await loadConfig(options.config);
  let calendars: CalendarToWrite[];
  let missing: string[] = [];
  if (options.fromConfig) {
    calendars = fromConfig(config, options, io);
  } else {
    io.stderr(`holiday-importer export: account ${config.accountId}, from LivePerson\n`);
    // The network modules load only for this path.
    const commands = await import('./commands.js');
    const { readExportCalendars } = await import('../import-run/export-run.js');
    const client = commands.liveperson(
      config,
      io,
      deps,
      commands.stderrLogger(io),
      commands.deadlineOf(options),
    );
    const read = await readExportCalendars(client, config, {
      calendars: options.calendars,
      years: options.years,
    });
    calendars = read.calendars;
    missing = read.missing;
    for (const name of missing) {
      io.stderr(
        `warning: ${name}: LivePerson holds no special occasion of the importer by this name (not applied yet? run "holiday-importer apply"); no file written. "export --from-config" writes it from the config.\n`,
      );
    }
  }
  const out = resolve(options.out);
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new InputError(`--out ${options.out}: cannot make the folder (${(error as Error).message})`, {
      cause: error,
    });
  }
  const files = [];
  for (const calendar of calendars) {
    const path = join(out, calendarFileName(calendar.name));
    await writeFile(path, renderCalendarFile({ ...calendar, now: io.now() }));
    const allDay = calendar.entries.filter((entry) => entry.kind === 'allDay').length;
    files.push({
      calendar: calendar.name,
      path,
      events: calendar.entries.length,
      allDay,
      timed: calendar.entries.length - allDay,
    });
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ source: options.fromConfig ? 'config' : 'liveperson', files, missing }, null, 2)}\n`,
    );
  } else {
    for (const file of files) {
      io.stdout(
        `${file.path}: ${file.events} events (${file.allDay} whole days off, ${file.timed} reduced-hours windows)\n`,
      );
    }
  }
  return EXIT.ok;
}
