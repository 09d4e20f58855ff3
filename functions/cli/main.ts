import { DEFAULT_STACK_NAME } from '../aws/deployment-contract.js';
import { ConfigError, InputError } from '../core/errors.js';
import { RunStoppedError } from '../core/summary/run-summary.js';
import { parseCliArgs } from './cli-args.js';
import { type CliDependencies, type CliIo, EXIT } from './cli-io.js';
import { ANSI, PLAIN } from './palette.js';

export { type CliDependencies, type CliIo, EXIT } from './cli-io.js';

/**
 * The CLI's entry: arguments, help and exit codes. The commands (and with them the AWS SDK,
 * date-holidays, zod) load only when one runs, so `--help` answers at once.
 */

const OPTIONS = `Options:
  --config <path>     Config file (default: config/holidays.json)
  --year <yyyy>       Year to import; repeatable (default: this year .. + yearsAhead)
  --calendar <name>   Only this calendar; repeatable (default: all)
  --force             Overwrite hand edits (drift) and relink skills held by foreign occasions
  --json              The run summary as JSON on stdout
  --timeout <seconds> plan/apply: a deadline for the whole run (default: none); at it the run stops
                      writing, logs out and reports what it did (incomplete, exit 1)
  --days <n>          upcoming: how many days from today (default: 14)
  --out <dir>         export: the folder for the .ics files (default: the current folder)
  --from-config       export: from the config, offline (as preview), not from LivePerson
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
  upcoming  List the closures and reduced days LivePerson holds for the next days, with the skills
  export    Write one iCalendar (.ics) file per calendar, from LivePerson or --from-config

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

Runs the plan with the writes: one POST for all new special occasions, one PUT for all changed
ones and one PUT for the skills to link (a body over ~1 MB is split). Objects without the importer's marker are never written; hand
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
  upcoming: `Usage: holiday-importer upcoming [--config <path>] [--days <n>] [--json] [--timeout <s>]

Reads what LivePerson holds (not the config): the importer's special occasions and the account's
default one, hand edits included, and lists each date from today for --days days (default 14)
that is closed or has reduced hours, with the calendar, the hours and the skills it serves. Today
is the date in TZ (else this machine's zone). Reads only: one GET, and one more for the skills when
a date is coming. The deployed function's weekly "notice" run sends the same as an SNS message.

Examples:
  npx holiday-importer upcoming
  npx holiday-importer upcoming --days 30 --json | jq '.dates[].date'

${ENVIRONMENT}

${EXIT_CODES}`,
  export: `Usage: holiday-importer export [--config <path>] [--calendar <name>]... [--year <yyyy>]... [--out <dir>] [--from-config] [--json]

Writes <dir>/<calendar name>.ics for each calendar, to import into Outlook or Google Calendar:
a whole day off is an all-day event, reduced hours are timed events in the calendar's zone (with
its VTIMEZONE), each named after its holiday. By default from what LivePerson holds (the
importer's occasion of each calendar, hand edits included; one GET); with --from-config offline
from the config, as preview shows it (a half day whose hours only Workdays tell is the holiday's
part of the day). --year keeps only those years. An existing file of the same name is replaced.

Examples:
  npx holiday-importer export --out calendars
  npx holiday-importer export --from-config --calendar "Holidays DE-BY" --year 2027

${ENVIRONMENT}

${EXIT_CODES}`,
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

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: CliDependencies = {},
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
    if (options.command === 'preview')
      return await (await import('./preview-command.js')).preview(options, io, palette);
    if (options.command === 'export')
      return await (await import('./export-command.js')).exportCalendars(options, io, deps);
    const commands = await import('./commands.js');
    if (options.command === 'invoke') return await commands.invoke(options, io, palette);
    if (options.command === 'upcoming') return await commands.upcoming(options, io, deps);
    return await commands.run(options, io, deps, palette);
  } catch (thrown) {
    // A run stopped midway still shows what it wrote; its exit code is the one of what stopped it.
    const stopped = thrown instanceof RunStoppedError ? thrown.summary : undefined;
    const error = thrown instanceof RunStoppedError ? thrown.cause : thrown;
    const exitCode =
      error instanceof InputError
        ? EXIT.badInput
        : error instanceof Error && error.name === 'InvokeInterruptedError'
          ? EXIT.interrupted
          : EXIT.failure;
    const text = error instanceof Error ? error.message : String(error);
    const json = argv.includes('--json');
    if (stopped && !json) {
      const { formatSummary } = await import('./summary-format.js');
      io.stdout(formatSummary(stopped, io.colour ? ANSI : PLAIN));
    }
    io.stderr(`${error instanceof ConfigError ? '' : 'Error: '}${text}\n`);
    // `holiday-importer apply --json | jq` always gets one JSON document, a failure included.
    if (json) {
      const code = error instanceof Error ? error.name : 'Error';
      io.stdout(`${JSON.stringify({ ...stopped, error: { code, message: text, exitCode } }, null, 2)}\n`);
    }
    return exitCode;
  }
}
