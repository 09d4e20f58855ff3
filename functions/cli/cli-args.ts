import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS } from '../core/notices/notice-window.js';

export const COMMANDS = ['plan', 'apply', 'preview', 'invoke', 'upcoming', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  command: Command | 'help';
  help: boolean;
  config: string;
  years: number[];
  calendars: string[];
  force: boolean;
  json: boolean;
  /** plan/apply: a deadline for the whole run, in seconds. */
  timeoutSeconds?: number | undefined;
  /** invoke: run with writes (default: a dry run). */
  apply: boolean;
  /** invoke: the function name or ARN, instead of finding it through the stack. */
  functionName?: string | undefined;
  /** invoke: the stack whose outputs name the function. */
  stack?: string | undefined;
  /** upcoming: how many days from today to cover. */
  days: number;
  /** export: the folder the calendar files go to. */
  out: string;
  /** export: from the config, offline, instead of what LivePerson holds. */
  fromConfig: boolean;
}

const INVOKE_ONLY = ['apply', 'function', 'stack'] as const;

export const DEFAULT_CONFIG_PATH = 'config/holidays.json';

/** Parses the command line; any mistake is an InputError (exit code 2) that says how to fix it. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new InputError(`${(error as Error).message}. Run "holiday-importer --help" for the options.`, {
      cause: error,
    });
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (rest.length > 0) {
    throw new InputError(`Unexpected argument "${rest[0]}". Run "holiday-importer --help" for usage.`);
  }
  const command = name === undefined || name === 'help' ? 'help' : name;
  if (command !== 'help' && !COMMANDS.includes(command as Command)) {
    throw new InputError(
      `Unknown command "${name}". Commands: ${COMMANDS.join(', ')}. Run "holiday-importer --help".`,
    );
  }
  if (values.timeout !== undefined && !['plan', 'apply', 'upcoming', 'export'].includes(command)) {
    throw new InputError(
      '--timeout belongs to "plan", "apply", "upcoming" and "export" (the deployed function has its own timeout).',
    );
  }
  if (command !== 'invoke') {
    const misplaced = INVOKE_ONLY.find((option) => values[option] !== undefined);
    if (misplaced) {
      throw new InputError(
        `--${misplaced} belongs to "invoke"${command === 'apply' && misplaced === 'apply' ? ' ("apply" writes already)' : ''}. Run "holiday-importer invoke --help".`,
      );
    }
  }
  if (values.days !== undefined && command !== 'upcoming') {
    throw new InputError('--days belongs to "upcoming". Run "holiday-importer upcoming --help".');
  }
  for (const option of ['out', 'from-config'] as const) {
    if (values[option] !== undefined && command !== 'export') {
      throw new InputError(`--${option} belongs to "export". Run "holiday-importer export --help".`);
    }
  }
  if (command === 'export' && values.force !== undefined) {
    throw new InputError(
      '--force does not apply to "export": it only reads. Run "holiday-importer export --help".',
    );
  }
  if (command === 'export' && values.timeout !== undefined && values['from-config']) {
    throw new InputError('--timeout does not apply to "export --from-config": it runs offline.');
  }
  if (values.out !== undefined && values.out.trim() === '') {
    throw new InputError('--out needs a folder, e.g. --out calendars');
  }
  if (command === 'upcoming') {
    const misplaced = (['year', 'calendar', 'force'] as const).find((option) => values[option] !== undefined);
    if (misplaced) {
      throw new InputError(
        `--${misplaced} does not apply to "upcoming": it lists what LivePerson holds for the next --days days, every calendar. Run "holiday-importer upcoming --help".`,
      );
    }
  }
  if (command === 'invoke') {
    if (values.config !== undefined) {
      throw new InputError(
        '--config belongs to "plan", "apply" and "preview": the deployed function runs with the config it was deployed with. Change config/holidays.json and redeploy ("npx cdk deploy") to change it.',
      );
    }
    if (values.function !== undefined && values.stack !== undefined) {
      throw new InputError(
        '--function and --stack both name the function to invoke: give one. Run "holiday-importer invoke --help".',
      );
    }
  }
  for (const option of ['function', 'stack'] as const) {
    if (values[option] !== undefined && values[option].trim() === '') {
      throw new InputError(`--${option} needs a name. Run "holiday-importer invoke --help".`);
    }
  }
  return {
    command: command as Command | 'help',
    help: values.help ?? false,
    config: values.config ?? DEFAULT_CONFIG_PATH,
    years: (values.year ?? []).map(parseYear),
    calendars: values.calendar ?? [],
    force: values.force ?? false,
    json: values.json ?? false,
    timeoutSeconds: values.timeout === undefined ? undefined : parseTimeout(values.timeout),
    apply: values.apply ?? false,
    functionName: values.function,
    stack: values.stack,
    days: values.days === undefined ? DEFAULT_NOTICE_DAYS : parseDays(values.days),
    out: values.out ?? '.',
    fromConfig: values['from-config'] ?? false,
  };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      year: { type: 'string', multiple: true },
      calendar: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      apply: { type: 'boolean' },
      function: { type: 'string' },
      stack: { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
      'from-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100) {
    throw new InputError(
      `--year "${text}" is not a year; give four digits between 2000 and 2100, e.g. --year 2027`,
    );
  }
  return year;
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0 || seconds > 86_400) {
    throw new InputError(
      `--timeout "${text}" is not a number of seconds; give e.g. --timeout 120 (at most 86400)`,
    );
  }
  return seconds;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_NOTICE_DAYS) {
    throw new InputError(
      `--days "${text}" is not a number of days; give a whole number from 1 to ${MAX_NOTICE_DAYS}, e.g. --days 30`,
    );
  }
  return days;
}
