import { ConfigError, InputError } from '../core/errors.js';
import { previewCalendars } from '../core/preview.js';
import { type CliOptions, parseCliArgs } from './cli-args.js';
import { loadConfig } from './load-config.js';
import { ANSI, LEGEND, PLAIN, renderCalendarPreview } from './month-grid.js';

export const EXIT = { ok: 0, failure: 1, badInput: 2, needsReview: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colour: boolean;
  now: () => Date;
}

const USAGE = `Usage: holiday-importer <command> [options]

Commands:
  preview   Show the events each calendar would get, as a month grid and a list (no network)

Options:
  --config <path>     Config file (default: config/holidays.json)
  --year <yyyy>       Year to compute; repeatable (default: this year .. + yearsAhead)
  --calendar <name>   Only this calendar; repeatable (default: all)
  --json              Machine-readable output on stdout
  -h, --help          Show help for a command

Exit codes: 0 done, 1 failure (network, API), 2 bad input (config, secret, arguments),
            3 finished with drift or conflicts (a person should look).`;

const HELP: Record<string, string> = {
  preview: `Usage: holiday-importer preview [--config <path>] [--year <yyyy>]... [--calendar <name>]... [--json]

Computes the special-occasion events of each calendar without any network access and prints
them as a month grid (closed days marked *, reduced days ~) and a list.

Examples:
  npx holiday-importer preview
  npx holiday-importer preview --calendar "Holidays DE-BY" --year 2027
  npx holiday-importer preview --json > events.json

--json prints { "years": [...], "calendars": [{ "name", "timeZone", "events": [...] }] }, the events
exactly as they would be written to LivePerson.`,
};

async function preview(options: CliOptions, io: CliIo): Promise<number> {
  const config = await loadConfig(options.config);
  const result = previewCalendars(config, {
    years: options.years,
    calendars: options.calendars,
    now: io.now(),
  });
  if (options.json) {
    const calendars = result.calendars.map(({ name, timeZone, events }) => ({ name, timeZone, events }));
    io.stdout(`${JSON.stringify({ years: result.years, calendars }, null, 2)}\n`);
    return EXIT.ok;
  }
  const palette = io.colour ? ANSI : PLAIN;
  for (const calendar of result.calendars) io.stdout(`${renderCalendarPreview(calendar, palette)}\n`);
  io.stdout(`${LEGEND}\n`);
  return EXIT.ok;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.command === 'help') {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (options.help) {
      io.stdout(`${HELP[options.command] ?? USAGE}\n`);
      return EXIT.ok;
    }
    return await preview(options, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error instanceof ConfigError ? '' : 'Error: '}${error.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`Error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
