import { readFile } from 'node:fs/promises';
import { findFunctionName, invokeImport } from '../aws/deployed-function.js';
import { DEFAULT_STACK_NAME } from '../aws/deployment-contract.js';
import { SecretsManagerCredentials } from '../aws/secret-credentials.js';
import type { CredentialsProvider, Logger, RetryPolicy } from '../commons/interfaces.js';
import { ConfigError, InputError } from '../core/errors.js';
import type { ImportEvent } from '../core/import-event.js';
import { previewCalendars } from '../core/preview.js';
import { hasFailures, needsReview, type RunSummary } from '../core/run-summary.js';
import { runImport } from '../import-run/import-run.js';
import { type CliOptions, parseCliArgs } from './cli-args.js';
import { loadConfig } from './load-config.js';
import { ANSI, LEGEND, type Palette, PLAIN, renderCalendarPreview } from './month-grid.js';
import { formatSummary } from './summary-format.js';

export const EXIT = { ok: 0, failure: 1, badInput: 2, needsReview: 3, interrupted: 130 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colour: boolean;
  now: () => Date;
  env: Record<string, string | undefined>;
  /**
   * Asks for graceful Ctrl-C / SIGTERM handling during a writing run: the signal it returns is
   * aborted by the first signal (a second one quits at once). Absent: signals act as usual.
   */
  interruptSignal?: () => AbortSignal;
}

/** How the CLI reaches the outside world; the demo swaps credentials for the sandbox's. */
export interface CliDependencies {
  credentialsFor: (secretId: string) => CredentialsProvider;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_CLI_DEPENDENCIES: CliDependencies = {
  credentialsFor: (secretId) => new SecretsManagerCredentials(secretId),
};

const OPTIONS = `Options:
  --config <path>     Config file (default: config/holidays.json)
  --year <yyyy>       Year to import; repeatable (default: this year .. + yearsAhead)
  --calendar <name>   Only this calendar; repeatable (default: all)
  --force             Overwrite hand edits (drift) and relink skills held by foreign occasions
  --json              The run summary as JSON on stdout
  --timeout <seconds> plan/apply: a deadline for the whole run (default: none); at it the run stops
                      writing, logs out and reports what it did (incomplete, exit 1)
  --apply             invoke: run with the writes (default: a dry run)
  --stack <name>      invoke: the stack whose outputs name the function (default: cdk.json's stackName)
  --function <name>   invoke: the function name or ARN, instead of --stack
  -h, --help          Show help for a command`;

const EXIT_CODES = `Exit codes: 0 done, 1 failure (network, API), 2 bad input (config, secret, arguments),
            3 finished with drift, conflicts or orphans (nothing was lost; a person should look).`;

const ENVIRONMENT = `Environment:
  LP_CSDS_URL                       LivePerson Domain API (default https://api.liveperson.net)
  AWS_REGION, AWS_PROFILE, ...      AWS credentials to read the secret named by "secretId"
  AWS_ENDPOINT_URL_SECRETS_MANAGER  A Secrets Manager endpoint other than AWS's`;

const USAGE = `Usage: holiday-importer <command> [options]

Commands:
  plan      Dry run: read LivePerson, print what would change per calendar (no configuration writes)
  apply     The same run, with the writes
  preview   Show the events each calendar would get, as a month grid and a list (no network)
  invoke    Run the deployed Lambda function (a dry run unless --apply) and print its summary

${OPTIONS}

${ENVIRONMENT}

${EXIT_CODES}`;

const HELP: Record<string, string> = {
  plan: `Usage: holiday-importer plan [--config <path>] [--year <yyyy>]... [--calendar <name>]... [--force] [--json] [--timeout <s>]

Reads the special occasions and skills once and prints, per calendar, what apply would do:
create / update (events added and removed) / unchanged / drift / conflict, and the skill links.
No configuration is written (a user or app login still logs in and out).

Examples:
  npx holiday-importer plan
  npx holiday-importer plan --calendar "Holidays DE-BY" --year 2027
  npx holiday-importer plan --json | jq '.calendars[] | {name, action}'

${ENVIRONMENT}

${EXIT_CODES}`,
  apply: `Usage: holiday-importer apply [--config <path>] [--year <yyyy>]... [--calendar <name>]... [--force] [--json] [--timeout <s>]

Runs the plan with the writes: one POST per new special occasion, one PUT for all changed ones and
one PUT for the skills to link. Objects without the importer's marker are never written; hand
edits (drift) are only overwritten with --force.

Examples:
  npx holiday-importer plan && npx holiday-importer apply
  npx holiday-importer apply --calendar "Holidays US" --year 2028
  npx holiday-importer apply --force --calendar "Holidays DE-BY"

${ENVIRONMENT}

${EXIT_CODES}`,
  preview: `Usage: holiday-importer preview [--config <path>] [--year <yyyy>]... [--calendar <name>]... [--json]

Computes the special-occasion events of each calendar without any network access and prints
them as a month grid (closed days marked *, reduced days ~) and a list.

Examples:
  npx holiday-importer preview
  npx holiday-importer preview --calendar "Holidays DE-BY" --year 2027
  npx holiday-importer preview --json > events.json

--json prints { "years": [...], "calendars": [{ "name", "timeZone", "events": [...] }] }, the events
exactly as they would be written to LivePerson.`,
  invoke: `Usage: holiday-importer invoke [--apply] [--year <yyyy>]... [--calendar <name>]... [--force] [--json]
                              [--stack <name> | --function <name-or-arn>]

Runs the deployed function synchronously with {"trigger":"manual", ...}: a dry run unless --apply,
with its own bundled config. The function is found through the stack's "FunctionName" output
(--stack, default: "stackName" in ./cdk.json, else ${DEFAULT_STACK_NAME}) or named with --function.
Prints the run summary exactly as plan and apply do.

Examples:
  npx holiday-importer invoke
  npx holiday-importer invoke --apply
  npx holiday-importer invoke --apply --calendar "Holidays US" --year 2028 --json

A function that is busy with another run (reserved concurrency 1) is not queued: exit 1, try
again in a few minutes. A run that failed exits 1 with the function's error message; its log
group holds the summary and every write.

Environment:
  AWS_REGION, AWS_PROFILE, ...      AWS credentials allowed cloudformation:DescribeStacks and
                                    lambda:InvokeFunction
  AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_CLOUDFORMATION   Endpoints other than AWS's

${EXIT_CODES}`,
};

async function preview(options: CliOptions, io: CliIo, palette: Palette): Promise<number> {
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
    const calendars = result.calendars.map(({ name, timeZone, events }) => ({ name, timeZone, events }));
    io.stdout(`${JSON.stringify({ years: result.years, calendars }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const calendar of result.calendars) io.stdout(`${renderCalendarPreview(calendar, palette)}\n`);
  io.stdout(`${LEGEND}\n`);
  return EXIT.ok;
}

/** Progress and warnings go to stderr, one short line each; never a header or a secret. */
function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    const details = attributes && Object.keys(attributes).length > 0 ? ` ${JSON.stringify(attributes)}` : '';
    io.stderr(`${level}${message}${details}\n`);
  };
  return { debug: () => {}, info: line(''), warn: line('warning: '), error: line('error: ') };
}

function exitCodeOf(summary: RunSummary): number {
  if (hasFailures(summary)) return EXIT.failure;
  if (needsReview(summary)) return EXIT.needsReview;
  return EXIT.ok;
}

function printSummary(summary: RunSummary, options: CliOptions, io: CliIo, palette: Palette): number {
  io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, palette));
  return exitCodeOf(summary);
}

/** The stack `cdk deploy` made from this folder: cdk.json's "stackName" context, else the default. */
async function defaultStackName(): Promise<string> {
  try {
    const cdkJson = JSON.parse(await readFile('cdk.json', 'utf8')) as { context?: { stackName?: unknown } };
    const name = cdkJson.context?.stackName;
    return typeof name === 'string' && name.trim() !== '' ? name : DEFAULT_STACK_NAME;
  } catch {
    return DEFAULT_STACK_NAME;
  }
}

async function invoke(options: CliOptions, io: CliIo, palette: Palette): Promise<number> {
  const functionName =
    options.functionName ?? (await findFunctionName(options.stack ?? (await defaultStackName())));
  const event: ImportEvent = {
    trigger: 'manual',
    dryRun: !options.apply,
    ...(options.years.length > 0 ? { years: options.years } : {}),
    ...(options.calendars.length > 0 ? { calendars: options.calendars } : {}),
    ...(options.force ? { force: true } : {}),
  };
  io.stderr(`holiday-importer invoke: function ${functionName}${options.apply ? '' : ' (dry run)'}\n`);
  return printSummary(await invokeImport(functionName, event), options, io, palette);
}

async function run(options: CliOptions, io: CliIo, deps: CliDependencies, palette: Palette): Promise<number> {
  const config = await loadConfig(options.config);
  const dryRun = options.command === 'plan';
  // Ctrl-C in the middle of apply: no new write starts, the one in flight finishes, the session is
  // logged out and what was written is printed.
  const interrupt = dryRun ? undefined : io.interruptSignal?.();
  io.stderr(
    `holiday-importer ${options.command}: account ${config.accountId}${dryRun ? ' (dry run)' : ''}\n`,
  );
  const summary = await runImport(
    { trigger: 'manual', dryRun, years: options.years, calendars: options.calendars, force: options.force },
    {
      config,
      credentials: deps.credentialsFor(config.secretId),
      csdsUrl: io.env.LP_CSDS_URL,
      retry: deps.retry,
      logger: stderrLogger(io),
      now: io.now,
      interrupt,
      ...(options.timeoutSeconds !== undefined
        ? { deadline: Date.now() + options.timeoutSeconds * 1000 }
        : {}),
    },
  );
  const code = printSummary(summary, options, io, palette);
  return interrupt?.aborted ? EXIT.interrupted : code;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: CliDependencies = DEFAULT_CLI_DEPENDENCIES,
): Promise<number> {
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
    const palette = io.colour ? ANSI : PLAIN;
    if (options.command === 'preview') return await preview(options, io, palette);
    if (options.command === 'invoke') return await invoke(options, io, palette);
    return await run(options, io, deps, palette);
  } catch (error) {
    const exitCode = error instanceof InputError ? EXIT.badInput : EXIT.failure;
    const text = error instanceof Error ? error.message : String(error);
    io.stderr(`${error instanceof ConfigError ? '' : 'Error: '}${text}\n`);
    // `holiday-importer apply --json | jq` always gets one JSON document, a failure included.
    if (argv.includes('--json')) {
      const code = error instanceof Error ? error.name : 'Error';
      io.stdout(`${JSON.stringify({ error: { code, message: text, exitCode } }, null, 2)}\n`);
    }
    return exitCode;
  }
}
