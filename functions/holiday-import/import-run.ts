import { randomUUID } from 'node:crypto';
import { fingerprintEvents } from '../core/canonical-events.js';
import type { Config, SkillReference } from '../core/config-schema.js';
import { desiredCalendars } from '../core/desired-calendar.js';
import { readMarker } from '../core/ownership-marker.js';
import {
  type AccountState,
  type CalendarPlan,
  type DesiredCalendar,
  type PlanOptions,
  planOccasion,
  planRun,
  planSkillLinks,
  type RunPlan,
} from '../core/plan.js';
import {
  type CalendarOutcome,
  hasFailures,
  orphanSummaries,
  type RunSummary,
  type SkillOutcome,
  summarizeCalendar,
} from '../core/run-summary.js';
import type { Trigger } from '../core/run-years.js';
import type { Skill, SpecialOccasion, SpecialOccasionDraft } from '../core/special-occasion.js';
import type { CredentialsProvider } from '../liveperson/credentials.js';
import { LivePersonApiError, OutcomeUnknownError, StaleRevisionError } from '../liveperson/errors.js';
import { type Logger, type RetryPolicy, SILENT_LOGGER } from '../liveperson/http-transport.js';
import { LivePersonClient } from '../liveperson/liveperson-client.js';

/**
 * One import run, the same for the Lambda and the CLI: plan from one read of each collection,
 * then the fewest writes the API allows (one POST per new occasion, one PUT for all changed
 * occasions, one PUT for all skills to relink), each write chained on the previous revision.
 */

export interface ImportRequest {
  trigger: Trigger;
  dryRun: boolean;
  years?: readonly number[] | undefined;
  calendars?: readonly string[] | undefined;
  force: boolean;
}

export interface RunMetrics {
  count(name: string, value: number): void;
}

export interface ImportDependencies {
  config: Config;
  credentials: CredentialsProvider;
  csdsUrl?: string | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  logger?: Logger | undefined;
  metrics?: RunMetrics | undefined;
  now?: () => Date;
  /** The Lambda's remaining time; no new write starts when it falls under the safety margin. */
  remainingTimeMs?: (() => number) | undefined;
  safetyMarginMs?: number;
  runId?: string;
  fetch?: typeof fetch | undefined;
}

export const DEFAULT_SAFETY_MARGIN_MS = 20_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class ImportRun {
  private readonly outcomes = new Map<string, CalendarOutcome>();
  private readonly skillOutcomes = new Map<string, Map<SkillReference, SkillOutcome>>();
  private incomplete = false;
  private occasions: SpecialOccasion[] = [];
  private skills: Skill[] = [];

  constructor(
    private readonly client: LivePersonClient,
    private readonly desired: readonly DesiredCalendar[],
    private readonly options: PlanOptions,
    private readonly logger: Logger,
    private readonly runId: string,
    private readonly outOfTime: () => boolean,
  ) {}

  private desiredOf(name: string): DesiredCalendar | undefined {
    return this.desired.find((calendar) => calendar.name === name);
  }

  private fail(name: string, error: string): void {
    this.outcomes.set(name, { ...this.outcomes.get(name), error });
  }

  private audit(action: string, details: Record<string, unknown>): void {
    this.logger.info(`holiday-importer ${action}`, { runId: this.runId, ...details });
  }

  private timeIsUp(names: readonly string[]): boolean {
    if (!this.outOfTime()) return false;
    this.incomplete = true;
    for (const name of names) {
      this.fail(name, 'not written: the run stopped before its time limit; the next run converges');
    }
    return true;
  }

  async read(needsSkills: boolean): Promise<AccountState> {
    this.occasions = await this.client.listSpecialOccasions();
    this.skills = needsSkills ? await this.client.listSkills() : [];
    return { occasions: this.occasions, skills: this.skills };
  }

  async apply(plan: RunPlan): Promise<void> {
    const updates: CalendarPlan[] = plan.calendars.filter((calendar) => calendar.action === 'update');
    for (const calendar of plan.calendars.filter((item) => item.action === 'create')) {
      const replanned = await this.create(calendar);
      if (replanned) updates.push(replanned);
    }
    await this.update(updates);
    await this.relinkSkills(plan);
  }

  /** Creates one occasion; returns a re-planned update when the name turned out to exist. */
  private async create(calendar: CalendarPlan): Promise<CalendarPlan | undefined> {
    if (this.timeIsUp([calendar.name])) return undefined;
    const write = calendar.write as SpecialOccasionDraft;
    const before = this.client.revision('specialoccasion');
    try {
      const created = await this.client.createSpecialOccasion(write);
      this.created(calendar, created, before);
      return undefined;
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError || error instanceof StaleRevisionError)) {
        this.fail(calendar.name, message(error));
        return undefined;
      }
      // The create may have been applied, or someone else took the name: look before acting.
      this.logger.warn('Create answer lost or stale: re-reading special occasions', {
        calendar: calendar.name,
      });
      return this.recoverCreate(calendar, write);
    }
  }

  private created(calendar: CalendarPlan, created: SpecialOccasion, before: string | undefined): void {
    this.occasions.push(created);
    this.outcomes.set(calendar.name, { occasionId: created.id, events: created.events.length });
    this.audit('created special occasion', {
      calendar: calendar.name,
      occasionId: created.id,
      revisionBefore: before,
      revisionAfter: this.client.revision('specialoccasion'),
      eventsAdded: calendar.eventsAdded.length,
    });
  }

  private async recoverCreate(
    calendar: CalendarPlan,
    write: SpecialOccasionDraft,
  ): Promise<CalendarPlan | undefined> {
    try {
      this.occasions = await this.client.listSpecialOccasions();
      const found = this.occasions.find((item) => !item.deleted && item.name === calendar.name);
      if (found && readMarker(found.description)?.fingerprint === fingerprintEvents(write.events)) {
        this.created(calendar, found, undefined);
        return undefined;
      }
      const desired = this.desiredOf(calendar.name);
      if (found && desired) {
        const replanned = { ...calendar, ...planOccasion(desired, this.occasions, this.options) };
        this.outcomes.set(calendar.name, {
          action: replanned.action,
          occasionId: found.id,
          events: replanned.events,
        });
        return replanned.action === 'update' ? replanned : undefined;
      }
      const before = this.client.revision('specialoccasion');
      this.created(calendar, await this.client.createSpecialOccasion(write), before);
    } catch (error) {
      this.fail(calendar.name, message(error));
    }
    return undefined;
  }

  /** All changed occasions in one PUT; a 409 re-reads and re-plans once; a 400 isolates the bad object. */
  private async update(calendars: readonly CalendarPlan[], retried = false): Promise<void> {
    if (calendars.length === 0 || this.timeIsUp(calendars.map((calendar) => calendar.name))) return;
    const before = this.client.revision('specialoccasion');
    try {
      const written = await this.client.updateSpecialOccasions(
        calendars.map((calendar) => calendar.write as SpecialOccasion),
      );
      for (const calendar of calendars) {
        const stored = written.find((item) => item.id === calendar.occasionId);
        const outcome: CalendarOutcome = {
          ...this.outcomes.get(calendar.name),
          action: 'update',
          occasionId: calendar.occasionId as number,
          eventsAdded: calendar.eventsAdded,
          eventsRemoved: calendar.eventsRemoved,
          events: stored?.events.length ?? calendar.events,
        };
        this.outcomes.set(calendar.name, outcome);
        this.occasions = this.occasions.map((item) =>
          item.id === calendar.occasionId ? (calendar.write as SpecialOccasion) : item,
        );
      }
      this.audit('updated special occasions', {
        calendars: calendars.map((calendar) => calendar.name),
        revisionBefore: before,
        revisionAfter: this.client.revision('specialoccasion'),
        eventsAdded: calendars.reduce((sum, calendar) => sum + calendar.eventsAdded.length, 0),
        eventsRemoved: calendars.reduce((sum, calendar) => sum + calendar.eventsRemoved.length, 0),
      });
    } catch (error) {
      if (error instanceof StaleRevisionError && !retried) {
        this.logger.warn('Special occasions changed since they were read: re-reading and re-planning once');
        await this.replanUpdates(calendars);
        return;
      }
      if (error instanceof LivePersonApiError && error.status === 400 && calendars.length > 1) {
        for (const calendar of calendars) await this.update([calendar], retried);
        return;
      }
      for (const calendar of calendars) {
        this.fail(
          calendar.name,
          error instanceof StaleRevisionError ? `${message(error)} (again after a re-read)` : message(error),
        );
      }
    }
  }

  private async replanUpdates(calendars: readonly CalendarPlan[]): Promise<void> {
    try {
      this.occasions = await this.client.listSpecialOccasions();
    } catch (error) {
      for (const calendar of calendars) this.fail(calendar.name, message(error));
      return;
    }
    const again: CalendarPlan[] = [];
    for (const calendar of calendars) {
      const desired = this.desiredOf(calendar.name);
      if (!desired) continue;
      const replanned = { ...calendar, ...planOccasion(desired, this.occasions, this.options) };
      if (replanned.action === 'update') again.push(replanned);
      else
        this.outcomes.set(calendar.name, {
          action: replanned.action,
          occasionId: replanned.occasionId as number,
          events: replanned.events,
          eventsAdded: replanned.eventsAdded,
          eventsRemoved: replanned.eventsRemoved,
        });
    }
    await this.update(again, true);
  }

  /** The occasion each calendar's skills should point at, when it exists and the importer owns it. */
  private targetId(calendar: CalendarPlan): number | undefined {
    const outcome = this.outcomes.get(calendar.name);
    if (outcome?.error) return undefined;
    const action = outcome?.action ?? calendar.action;
    if (action === 'conflict') return undefined;
    return outcome?.occasionId ?? calendar.occasionId;
  }

  private async relinkSkills(plan: RunPlan, retried = false): Promise<void> {
    const links: { calendar: string; ref: SkillReference; skill: Skill; target: number }[] = [];
    for (const calendar of plan.calendars) {
      const outcomes = this.skillOutcomes.get(calendar.name) ?? new Map<SkillReference, SkillOutcome>();
      this.skillOutcomes.set(calendar.name, outcomes);
      const target = this.targetId(calendar);
      for (const entry of calendar.skills) {
        if (entry.action !== 'link' || !entry.skill) continue;
        if (target === undefined) {
          outcomes.set(entry.ref, {
            action: 'failed',
            error: "not linked: the calendar's special occasion was not written",
          });
        } else {
          links.push({ calendar: calendar.name, ref: entry.ref, skill: entry.skill, target });
        }
      }
    }
    if (links.length === 0) return;
    const fail = (items: typeof links, error: string) => {
      for (const link of items)
        this.skillOutcomes.get(link.calendar)?.set(link.ref, { action: 'failed', error });
    };
    if (this.outOfTime()) {
      this.incomplete = true;
      fail(links, 'not linked: the run stopped before its time limit; the next run converges');
      return;
    }
    const before = this.client.revision('skills');
    try {
      await this.client.updateSkills(
        links.map((link) => ({ ...link.skill, specialOccasionId: link.target })),
      );
      for (const link of links) this.skillOutcomes.get(link.calendar)?.set(link.ref, { action: 'linked' });
      this.audit('linked skills', {
        skills: links.map((link) => ({
          skillId: link.skill.id,
          occasionId: link.target,
          calendar: link.calendar,
        })),
        revisionBefore: before,
        revisionAfter: this.client.revision('skills'),
      });
    } catch (error) {
      if (error instanceof StaleRevisionError && !retried) {
        this.logger.warn('Skills changed since they were read: re-reading and re-planning the links once');
        await this.replanSkills(plan);
        return;
      }
      fail(links, message(error));
    }
  }

  private async replanSkills(plan: RunPlan): Promise<void> {
    try {
      this.skills = await this.client.listSkills();
    } catch (error) {
      for (const calendar of plan.calendars) {
        for (const entry of calendar.skills) {
          if (entry.action === 'link')
            this.skillOutcomes
              .get(calendar.name)
              ?.set(entry.ref, { action: 'failed', error: message(error) });
        }
      }
      return;
    }
    const claimed = new Set<number>();
    const state = { occasions: this.occasions, skills: this.skills };
    const calendars = plan.calendars.map((calendar) => {
      const target = this.targetId(calendar);
      const occasion = { ...calendar, occasionId: target, action: calendar.action };
      return {
        ...calendar,
        skills: planSkillLinks(
          calendar.skills.map((entry) => entry.ref),
          occasion,
          state,
          claimed,
          this.options,
        ),
      };
    });
    this.skillOutcomes.clear();
    await this.relinkSkills({ ...plan, calendars }, true);
  }

  summary(plan: RunPlan, base: Omit<RunSummary, 'calendars' | 'requests'>): RunSummary {
    return {
      ...base,
      calendars: [
        ...plan.calendars.map((calendar) =>
          summarizeCalendar(
            calendar,
            this.outcomes.get(calendar.name),
            this.skillOutcomes.get(calendar.name) ?? new Map(),
          ),
        ),
        ...orphanSummaries(plan),
      ],
      requests: this.client.requests.snapshot(),
      ...(this.incomplete ? { incomplete: true } : {}),
    };
  }
}

/** Runs one import. Input errors (unknown calendar, bad secret) throw before any LivePerson request. */
export async function runImport(request: ImportRequest, deps: ImportDependencies): Promise<RunSummary> {
  const logger = deps.logger ?? SILENT_LOGGER;
  const runId = deps.runId ?? randomUUID();
  const now = (deps.now ?? (() => new Date()))();
  const desired = desiredCalendars(deps.config, { ...request, now });
  await deps.credentials.get();

  const client = new LivePersonClient({
    accountId: deps.config.accountId,
    credentials: deps.credentials,
    csdsUrl: deps.csdsUrl,
    retry: deps.retry,
    logger,
    fetch: deps.fetch,
  });
  const margin = deps.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  const outOfTime = () => (deps.remainingTimeMs ? deps.remainingTimeMs() < margin : false);
  const run = new ImportRun(client, desired, { force: request.force }, logger, runId, outOfTime);
  const years = [...new Set(desired.flatMap((calendar) => calendar.years))].sort((a, b) => a - b);
  let plan: RunPlan;
  try {
    const state = await run.read(desired.some((calendar) => calendar.skills.length > 0));
    plan = planRun(
      desired,
      state,
      { force: request.force },
      deps.config.calendars.map((calendar) => calendar.name),
    );
    if (!request.dryRun) await run.apply(plan);
  } finally {
    await client.close();
  }
  // Built after the logout, so the request counts are the whole run's.
  const summary = run.summary(plan, { runId, trigger: request.trigger, dryRun: request.dryRun, years });
  recordMetrics(summary, deps.metrics);
  logger.debug('holiday-importer run finished', {
    runId,
    failed: hasFailures(summary),
    requests: summary.requests,
  });
  return summary;
}

function recordMetrics(summary: RunSummary, metrics: RunMetrics | undefined): void {
  if (!metrics) return;
  for (const action of [
    'created',
    'updated',
    'unchanged',
    'drift',
    'conflict',
    'orphaned',
    'failed',
  ] as const) {
    metrics.count(action, summary.calendars.filter((calendar) => calendar.action === action).length);
  }
  const skills = summary.calendars.flatMap((calendar) => calendar.skills);
  for (const action of ['linked', 'conflict', 'missing', 'failed'] as const) {
    metrics.count(
      `skills${action[0]?.toUpperCase()}${action.slice(1)}`,
      skills.filter((skill) => skill.action === action).length,
    );
  }
  for (const [method, count] of Object.entries(summary.requests)) metrics.count(`requests${method}`, count);
}
