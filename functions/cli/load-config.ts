import { readFile } from 'node:fs/promises';
import * as holidayLibrary from 'date-holidays';
import type { Config } from '../core/config-schema.js';
import { parseConfigText } from '../core/config-validation.js';
import { ConfigError } from '../core/errors.js';

/**
 * The built CLI (scripts/build-cli.ts) keeps the astronomical calendars (Julian, equinoxes,
 * Chinese) in a chunk of their own and offers this to load it; the library as installed has them.
 */
const loadCalendarsFor = (holidayLibrary as { loadCalendarsFor?: (countries: string[]) => Promise<void> })
  .loadCalendarsFor;

/**
 * Reads and validates a config file (a missing or unreadable file is a ConfigError too), with
 * the holiday calendars its regions need loaded.
 */
export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist; pass the right path with --config <path>'
        : `the file cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(path, [{ path: '', message: reason }], { cause: error });
  }
  const config = parseConfigText(text, path);
  await loadCalendarsFor?.([
    ...new Set(
      config.calendars.flatMap((calendar) => calendar.regions.map((code) => code.split('-')[0] ?? code)),
    ),
  ]);
  return config;
}
