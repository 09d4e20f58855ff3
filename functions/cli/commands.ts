import { readFile } from 'node:fs/promises';
import { findFunctionName, invokeImport } from '../aws/deployed-function.js';
import { DEFAULT_STACK_NAME } from '../aws/deployment-contract.js';
import { SecretsManagerCredentials } from '../aws/secret-credentials.js';
import type { Logger } from '../commons/interfaces.js';
import { loadConfig } from '../commons/load-config.js';
import type { Config } from '../core/config/config-schema.js';
import type { ImportEvent } from '../core/config/import-event.js';
import { InputError } from '../core/errors.js';
import { isIntlTimeZone } from '../core/holidays/zoned-time.js';
import { formatUpcoming } from '../core/notices/upcoming-closures.js';
import { hasFailures, needsReview } from '../core/summary/run-outcome.js';
import type { RunSummary } from '../core/summary/run-summary.js';
import { runImport } from '../import-run/import-run.js';
import { readUpcoming } from '../import-run/upcoming-run.js';
import { LivePersonClient } from '../liveperson/liveperson-client.js';
import type { CliOptions } from './cli-args.js';
import { type CliDependencies, type CliIo, EXIT } from './cli-io.js';
import type { Palette } from './month-grid.js';
import { formatSummary } from './summary-format.js';

/** The CLI's commands, loaded by main.ts only when one runs. */

/** Progress and warnings go to stderr, one short line each; never a header or a secret. */
export function stderrLogger(io: CliIo): Logger {
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
  let text: string;
  try {
    text = await readFile('cdk.json', 'utf8');
  } catch {
    // Not in the project's folder: the stack keeps its default name.
    return DEFAULT_STACK_NAME;
  }
  let cdkJson: { context?: { stackName?: unknown } } | undefined;
  try {
    cdkJson = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(
      `cdk.json in ${process.cwd()} is not JSON (${(error as Error).message}), so the stack's name cannot be read from it. Fix cdk.json, or name the stack with --stack <name> (or the function with --function <name>).`,
      { cause: error },
    );
  }
  const name = cdkJson?.context?.stackName;
  return typeof name === 'string' && name.trim() !== '' ? name : DEFAULT_STACK_NAME;
}

export async function invoke(options: CliOptions, io: CliIo, palette: Palette): Promise<number> {
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
  // Ctrl-C cannot stop a deployed run: at it, say so and how to see what the run did.
  const signal = options.apply
    ? io.interruptSignal?.('the deployed run is not stopped by this; it goes on in AWS')
    : undefined;
  return printSummary(await invokeImport(functionName, event, { signal }), options, io, palette);
}

export function deadlineOf(options: CliOptions): number | undefined {
  return options.timeoutSeconds !== undefined ? Date.now() + options.timeoutSeconds * 1000 : undefined;
}

export function liveperson(
  config: Config,
  io: CliIo,
  deps: CliDependencies,
  logger: Logger,
  deadline: number | undefined,
): LivePersonClient {
  return new LivePersonClient({
    accountId: config.accountId,
    credentials: (deps.credentialsFor ?? ((secretId) => new SecretsManagerCredentials(secretId)))(
      config.secretId,
    ),
    csdsUrl: io.env.LP_CSDS_URL,
    retry: deps.retry,
    deadline,
    logger,
  });
}

/** The zone whose today starts the window: TZ, else the machine's. */
function localTimeZone(io: CliIo): string {
  const zone = io.env.TZ?.trim();
  return zone && isIntlTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export async function upcoming(options: CliOptions, io: CliIo, deps: CliDependencies): Promise<number> {
  const config = await loadConfig(options.config);
  const timeZone = localTimeZone(io);
  io.stderr(
    `holiday-importer upcoming: account ${config.accountId}, ${options.days} days from today in ${timeZone}\n`,
  );
  const deadline = deadlineOf(options);
  const client = liveperson(config, io, deps, stderrLogger(io), deadline);
  const report = await readUpcoming(client, { now: io.now(), days: options.days, timeZone });
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatUpcoming(report));
  return EXIT.ok;
}

export async function run(
  options: CliOptions,
  io: CliIo,
  deps: CliDependencies,
  palette: Palette,
): Promise<number> {
  const config = await loadConfig(options.config);
  const dryRun = options.command === 'plan';
  // Ctrl-C in the middle of apply: no new write starts, the one in flight finishes, the session is
  // logged out and what was written is printed.
  const interrupt = dryRun ? undefined : io.interruptSignal?.();
  io.stderr(
    `holiday-importer ${options.command}: account ${config.accountId}${dryRun ? ' (dry run)' : ''}\n`,
  );
  const deadline = deadlineOf(options);
  const logger = stderrLogger(io);
  const client = liveperson(config, io, deps, logger, deadline);
  const summary = await runImport(
    { trigger: 'manual', dryRun, years: options.years, calendars: options.calendars, force: options.force },
    { config, client, logger, now: io.now, interrupt, deadline },
  );
  const code = printSummary(summary, options, io, palette);
  return interrupt?.aborted ? EXIT.interrupted : code;
}
