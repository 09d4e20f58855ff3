import type { Logger, NoticePublisher, RetryPolicy, RunMetrics } from '../commons/interfaces.js';
import type { Config } from '../core/config/config-schema.js';
import { type ImportEvent, type NoticeEvent, parseFunctionEvent } from '../core/config/import-event.js';
import { asFunctionError } from '../core/errors.js';
import { boundNotice, DEFAULT_NOTICE_DAYS, formatUpcoming } from '../core/notices/upcoming-closures.js';
import { calendarFailed, hasFailures } from '../core/summary/run-outcome.js';
import { RunStoppedError, type RunSummary } from '../core/summary/run-summary.js';
import { runImport } from '../import-run/import-run.js';
import { readUpcoming, type UpcomingResult } from '../import-run/upcoming-run.js';
import type { CredentialsProvider } from '../liveperson/credentials.js';
import { LivePersonClient } from '../liveperson/liveperson-client.js';

export interface HandlerDependencies {
  config: Config;
  logger: Logger;
  metrics: RunMetrics & { publish(): void };
  credentialsFor: (secretId: string) => CredentialsProvider;
  csdsUrl?: string | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** The notices topic (NOTICE_TOPIC_ARN); the notice trigger fails without one. */
  notices?: NoticePublisher | undefined;
  /** The zone whose today starts a notice's window: the schedules' (NOTICE_TIME_ZONE). */
  noticeTimeZone?: string | undefined;
  /** The clock (default: the system's); which years a run imports and which days a notice covers. */
  now?: () => Date;
}

/** The notice trigger's result: what is coming, the message, and whether it was sent. */
export interface NoticeSummary extends UpcomingResult {
  trigger: 'notice';
  message: string;
  /** Nothing is sent when nothing is coming. */
  published: boolean;
  messageId?: string | undefined;
}

/** A notice event reached a function deployed without a notices topic. */
export class NoticeTopicMissingError extends Error {
  override name = 'NoticeTopicMissingError';
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

export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** The Lambda entry: an import event gives a run summary, the notice event a notice summary. */
export interface HolidayImportHandler {
  (event: NoticeEvent, context?: LambdaContext): Promise<NoticeSummary>;
  (event: ImportEvent, context?: LambdaContext): Promise<RunSummary>;
  (event: unknown, context?: LambdaContext): Promise<RunSummary | NoticeSummary>;
}

/** The Lambda entry, thin: event -> run -> summary. */
export function createHandler(deps: HandlerDependencies): HolidayImportHandler {
  return (async (event: unknown, context?: LambdaContext): Promise<RunSummary | NoticeSummary> => {
    try {
      return await run(event, context);
    } catch (error) {
      if (!(error instanceof RunStoppedError)) throw asFunctionError(error);
      // The log group keeps what the run wrote; the invocation fails with the error that stopped it.
      deps.logger.info('holiday-importer run summary', { summary: error.summary });
      throw asFunctionError(error.cause);
    }
  }) as HolidayImportHandler;

  function client(deadline: number | undefined): LivePersonClient {
    return new LivePersonClient({
      accountId: deps.config.accountId,
      credentials: deps.credentialsFor(deps.config.secretId),
      csdsUrl: deps.csdsUrl,
      retry: deps.retry,
      deadline,
      logger: deps.logger,
    });
  }

  /** Reads what is coming and sends it to the notices topic; no writes to LivePerson. */
  async function notice(request: NoticeEvent, deadline: number | undefined): Promise<NoticeSummary> {
    const notices = deps.notices;
    if (!notices) {
      throw new NoticeTopicMissingError(
        'A notice event needs the notices topic (NOTICE_TOPIC_ARN), which this function was deployed without: deploy the stack again ("npx cdk deploy").',
      );
    }
    const report = await readUpcoming(client(deadline), {
      now: (deps.now ?? (() => new Date()))(),
      days: request.days ?? DEFAULT_NOTICE_DAYS,
      timeZone: deps.noticeTimeZone ?? 'UTC',
    });
    const message = boundNotice(formatUpcoming(report));
    const messageId = report.count > 0 ? await notices.publish(report.subject, message) : undefined;
    const summary: NoticeSummary = {
      trigger: 'notice',
      ...report,
      message,
      published: report.count > 0,
      messageId,
    };
    deps.logger.info('holiday-importer notice', { summary });
    return summary;
  }

  async function run(event: unknown, context?: LambdaContext): Promise<RunSummary | NoticeSummary> {
    const request = parseFunctionEvent(event);
    const deadline = context?.getRemainingTimeInMillis
      ? Date.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS
      : undefined;
    if (request.trigger === 'notice') return notice(request, deadline);
    try {
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
          client: client(deadline),
          logger: deps.logger,
          ...(deps.now ? { now: deps.now } : {}),
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
