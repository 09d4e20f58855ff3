import type { Logger, RetryPolicy, RunMetrics } from '../commons/interfaces.js';
import type { Config } from '../core/config/config-schema.js';
import { parseImportEvent } from '../core/config/import-event.js';
import { asFunctionError } from '../core/errors.js';
import { calendarFailed, hasFailures } from '../core/summary/run-outcome.js';
import { RunStoppedError, type RunSummary } from '../core/summary/run-summary.js';
import { runImport } from '../import-run/import-run.js';
import type { CredentialsProvider } from '../liveperson/credentials.js';
import { LivePersonClient } from '../liveperson/liveperson-client.js';

export interface HandlerDependencies {
  config: Config;
  logger: Logger;
  metrics: RunMetrics & { publish(): void };
  credentialsFor: (secretId: string) => CredentialsProvider;
  csdsUrl?: string | undefined;
  retry?: Partial<RetryPolicy> | undefined;
}

/** Thrown at the end of a run in which a calendar failed, so the invocation fails and alarms fire. */
export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  constructor(readonly summary: RunSummary) {
    const stopped = summary.incomplete ? ' (the run stopped at its deadline; the next run converges)' : '';
    const failed = summary.calendars
      .filter(calendarFailed)
      .map(
        (calendar) =>
          `${calendar.name}: ${calendar.error ?? calendar.skills.find((skill) => skill.error)?.error ?? 'failed'}`,
      );
    super(`holiday import failed for ${failed.length} calendar(s)${stopped}: ${failed.join('; ')}`);
  }
}

/**
 * Time the invocation keeps after the run's deadline: the logout (at most 5 s), publishing the
 * metrics and returning the summary.
 */
export const DEADLINE_MARGIN_MS = 10_000;

interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** The Lambda entry, thin: event -> run -> summary. */
export function createHandler(deps: HandlerDependencies) {
  return async (event: unknown, context?: LambdaContext): Promise<RunSummary> => {
    try {
      return await run(event, context);
    } catch (error) {
      if (!(error instanceof RunStoppedError)) throw asFunctionError(error);
      // The log group keeps what the run wrote; the invocation fails with the error that stopped it.
      deps.logger.info('holiday-importer run summary', { summary: error.summary });
      throw asFunctionError(error.cause);
    }
  };

  async function run(event: unknown, context?: LambdaContext): Promise<RunSummary> {
    const request = parseImportEvent(event);
    const deadline = context?.getRemainingTimeInMillis
      ? Date.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS
      : undefined;
    try {
      const client = new LivePersonClient({
        accountId: deps.config.accountId,
        credentials: deps.credentialsFor(deps.config.secretId),
        csdsUrl: deps.csdsUrl,
        retry: deps.retry,
        deadline,
        logger: deps.logger,
      });
      const summary = await runImport(
        {
          trigger: request.trigger,
          dryRun: request.dryRun ?? false,
          years: request.years,
          calendars: request.calendars,
          force: request.force ?? false,
        },
        {
          config: deps.config,
          client,
          logger: deps.logger,
          metrics: deps.metrics,
          deadline,
          ...(context?.awsRequestId ? { runId: context.awsRequestId } : {}),
        },
      );
      deps.logger.info('holiday-importer run summary', { summary });
      if (hasFailures(summary) || summary.incomplete) throw new ImportFailedError(summary);
      return summary;
    } finally {
      deps.metrics.publish();
    }
  }
}
