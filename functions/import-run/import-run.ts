import { randomUUID } from 'node:crypto';
import { type Logger, type RunMetrics, SILENT_LOGGER } from '../commons/interfaces.js';
import type { Config } from '../core/config/config-schema.js';
import { InputError } from '../core/errors.js';
import type { Trigger } from '../core/holidays/run-years.js';
import { desiredCalendars, heldYears, type RunRequest } from '../core/planner/desired-calendar.js';
import {
  type AccountState,
  type DesiredCalendar,
  needsWorkdays,
  planRun,
  type RunPlan,
} from '../core/planner/plan.js';
import type { Workdays } from '../core/planner/working-hours.js';
import { hasFailures, runMetrics } from '../core/summary/run-outcome.js';
import {
  orphanSummaries,
  RunStoppedError,
  type RunSummary,
  summarizeCalendar,
} from '../core/summary/run-summary.js';
import { DeadlineExceededError } from '../liveperson/errors.js';
import type { ImportClient } from './import-client.js';
import { DEADLINE_REASON, type HaltCheck, INTERRUPTED_REASON, PlanWriter } from './plan-writer.js';
import { RunLedger } from './run-ledger.js';

/**
 * One import run, the same for the Lambda and the CLI, as a reconcile loop: read what LivePerson
 * holds, plan against what the config wants (pure core), write the plan's steps; when a write
 * meets a changed collection (409) or loses its answer, start again from the read. A few rounds
 * at most; the summary comes from the last plan and what was written on the way.
 */

export interface ImportRequest {
  trigger: Trigger;
  dryRun: boolean;
  years?: readonly number[] | undefined;
  calendars?: readonly string[] | undefined;
  force: boolean;
}

export interface ImportDependencies {
  config: Config;
  /**
   * LivePerson, as the caller built it (the handler and the CLI build a LivePersonClient). The run
   * closes it at its end, so the logout is in the summary's request count.
   */
  client: ImportClient;
  logger?: Logger | undefined;
  metrics?: RunMetrics | undefined;
  now?: () => Date;
  /** Epoch ms by which the run stops: no write starts past it, and it reports `incomplete`. */
  deadline?: number | undefined;
  /** Aborted by an operator (Ctrl-C): no new write starts; the one in flight finishes. */
  interrupt?: AbortSignal | undefined;
  /** A write body larger than this is split into parts, each chained on the previous revision. */
  maxBodyBytes?: number | undefined;
  runId?: string;
}

/** Rounds of read -> plan -> write before the run gives up on a collection that keeps changing. */
export const MAX_ROUNDS = 3;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readState(client: ImportClient, needsSkills: boolean): Promise<AccountState> {
  const occasions = await client.listSpecialOccasions();
  const skills = needsSkills ? await client.listSkills() : [];
  return { occasions, skills };
}

/**
 * The account's Workdays, read once per run and only when a calendar has half days: the importer
 * never writes them, so a later round reuses the first read.
 */
class WorkdaysReader {
  private read: Promise<Workdays[]> | undefined;
  constructor(private readonly client: ImportClient) {}
  when(needed: boolean): Promise<Workdays[] | undefined> {
    if (!needed) return Promise.resolve(undefined);
    this.read ??= this.client.listWorkdays();
    return this.read;
  }
}

/**
 * Runs one import. Input errors (unknown calendar, bad secret) throw before any LivePerson request;
 * an error after the first read throws a RunStoppedError that carries the summary so far.
 */
export async function runImport(request: ImportRequest, deps: ImportDependencies): Promise<RunSummary> {
  const logger = deps.logger ?? SILENT_LOGGER;
  const runId = deps.runId ?? randomUUID();
  const runRequest: RunRequest = {
    trigger: request.trigger,
    years: request.years,
    calendars: request.calendars,
    now: (deps.now ?? (() => new Date()))(),
  };
  const initial = desiredCalendars(deps.config, runRequest);
  rejectPrunedYears(initial, deps.config.keepPastYears);
  const client = deps.client;
  await client.prepare();
  const audit = (action: string, details: Record<string, unknown>) =>
    logger.info(`holiday-importer ${action}`, { runId, ...details });
  const ledger = new RunLedger();
  const halt: HaltCheck = () => {
    if (deps.interrupt?.aborted) return INTERRUPTED_REASON;
    if (deps.deadline !== undefined && Date.now() >= deps.deadline) return DEADLINE_REASON;
    return undefined;
  };
  const writer = new PlanWriter(client, ledger, audit, halt, deps.maxBodyBytes);
  const configNames = deps.config.calendars.map((calendar) => calendar.name);
  const needsSkills = initial.some((calendar) => calendar.skills.length > 0);
  const workdays = new WorkdaysReader(client);
  let plan: RunPlan | undefined;
  let stopReason: string | undefined;
  let stopError: unknown;

  try {
    for (let round = 1; round <= MAX_ROUNDS + 1; round++) {
      const haltedBeforeRead = halt();
      if (haltedBeforeRead) {
        ledger.incomplete = true;
        stopReason = haltedBeforeRead;
        break;
      }
      let state: AccountState;
      let desired: DesiredCalendar[];
      try {
        const read = await readState(client, needsSkills);
        desired = desiredCalendars(deps.config, runRequest, heldYears(read.occasions));
        state = { ...read, workdays: await workdays.when(needsWorkdays(desired)) };
      } catch (error) {
        if (error instanceof DeadlineExceededError) ledger.incomplete = true;
        // With nothing read yet there is nothing to report: the run failed as a whole.
        if (!plan || error instanceof InputError) throw error;
        stopReason = `not confirmed: re-reading LivePerson failed (${message(error)}); the next run converges`;
        break;
      }
      ledger.settle(state, audit);
      plan = planRun(desired, state, { force: request.force }, configNames);
      if (request.dryRun) break;
      if (round > MAX_ROUNDS) {
        stopReason = `not written: LivePerson's data kept changing during ${MAX_ROUNDS} rounds of read and write; the next run converges`;
        break;
      }
      const end = await writer.apply(plan);
      if (end === 'halted') {
        ledger.incomplete = true;
        stopReason = halt() ?? DEADLINE_REASON;
        break;
      }
      if (end === 'done') break;
      logger.warn('LivePerson changed since it was read, or a write lost its answer: reading again', {
        runId,
        round,
      });
    }
  } catch (error) {
    if (plan) {
      // What was written before the error is reported with it, never lost with the summary.
      stopError = error;
      stopReason = `not written: ${message(error)}`;
    } else if (error instanceof DeadlineExceededError) {
      stopReason = `not read: ${error.message}`;
    } else {
      throw error;
    }
  } finally {
    await client.close();
  }

  if (plan && stopReason) ledger.closeUnwritten(plan, stopReason);
  const years = [...new Set(initial.flatMap((calendar) => calendar.years))].sort((a, b) => a - b);
  // Built after the logout, so the request counts are the whole run's.
  const summary: RunSummary = {
    runId,
    trigger: request.trigger,
    dryRun: request.dryRun,
    years,
    calendars: plan
      ? [
          ...plan.calendars.map((calendar) =>
            summarizeCalendar(calendar, ledger.outcome(calendar.name), ledger.skillOutcomes(calendar.name)),
          ),
          ...orphanSummaries(plan),
        ]
      : unread(initial, stopReason ?? 'not read'),
    requests: client.requests.snapshot(),
    ...(ledger.incomplete ? { incomplete: true } : {}),
    ...(plan?.accountDefault ? { accountDefault: plan.accountDefault } : {}),
  };
  recordMetrics(summary, deps.metrics);
  logger.debug('holiday-importer run finished', {
    runId,
    failed: hasFailures(summary),
    requests: summary.requests,
  });
  if (stopError !== undefined) throw new RunStoppedError(summary, { cause: stopError });
  return summary;
}

/** A year whose events the pruning rule would delete at once is a mistake, not a run to make. */
function rejectPrunedYears(desired: readonly DesiredCalendar[], keepPastYears: number): void {
  for (const calendar of desired) {
    const pruned = calendar.years.filter((year) => `${year}-12-31` < calendar.pruneBefore);
    if (pruned.length > 0) {
      throw new InputError(
        `Year ${pruned.join(', ')} is before what the config keeps: events that ended before ${calendar.pruneBefore} are removed ("keepPastYears": ${keepPastYears}). Choose a year from ${calendar.pruneBefore.slice(0, 4)} on, or raise "keepPastYears".`,
      );
    }
  }
}

/** The summary of calendars the run never got to read (its deadline came first). */
function unread(desired: readonly DesiredCalendar[], reason: string): RunSummary['calendars'] {
  return desired.map((calendar) => ({
    name: calendar.name,
    action: 'failed',
    eventsAdded: 0,
    eventsRemoved: 0,
    events: 0,
    skills: [],
    error: reason,
  }));
}

function recordMetrics(summary: RunSummary, metrics: RunMetrics | undefined): void {
  if (!metrics) return;
  for (const [name, value] of runMetrics(summary)) metrics.count(name, value);
}
