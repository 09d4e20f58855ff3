import type { SkillReference } from '../config/config-schema.js';
import type { Trigger } from '../holidays/run-years.js';
import { eventLastDate } from '../planner/canonical-events.js';
import type { HalfDayNote } from '../planner/half-days.js';
import type { CalendarPlan, OccasionAction, RunPlan, SkillAction } from '../planner/plan.js';
import type { SpecialOccasionEvent } from '../planner/special-occasion.js';

/**
 * The run summary (README.md "Reading the summary and the logs"): what the Lambda returns and
 * `--json` prints. Built from the
 * plan and from what applying it achieved; pure.
 */

export type CalendarAction =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'drift'
  | 'conflict'
  | 'orphaned'
  | 'failed';
export type SkillLinkAction = 'linked' | 'unchanged' | 'conflict' | 'missing' | 'failed';

/** An event as a person reads it in a diff. */
export interface EventLine {
  date: string;
  until?: string;
  name: string;
  working: boolean;
  from?: string;
  to?: string;
}

export interface SkillSummary {
  skill: SkillReference;
  skillId?: number;
  action: SkillLinkAction;
  error?: string;
}

export interface CalendarSummary {
  name: string;
  occasionId?: number;
  action: CalendarAction;
  eventsAdded: number;
  eventsRemoved: number;
  /** Events the special occasion holds after the run (or would, in a dry run). */
  events: number;
  skills: SkillSummary[];
  /** The events added and removed (for drift: what `force` would change). */
  changes?: { added: EventLine[]; removed: EventLine[] };
  error?: string;
  /** Things a person should know that change nothing, e.g. an `exclude` name that matches nothing. */
  warnings?: string[];
  /** The date-holidays corrections used (ids of README's "Known data corrections"). */
  corrections?: string[];
  /** The half days of the run's years: the hours written and the Workdays they came from. */
  halfDays?: HalfDayNote[];
}

export interface RunSummary {
  runId: string;
  trigger: Trigger;
  dryRun: boolean;
  years: number[];
  calendars: CalendarSummary[];
  requests: { GET: number; POST: number; PUT: number; DELETE: number };
  /** The run stopped before its time limit; the next run converges. */
  incomplete?: boolean;
  /** The account's default special occasion as the run read it (absent: none). */
  accountDefault?: { name: string; occasionId: number; importer: boolean };
}

/** What applying achieved for one calendar; absent for calendars that needed no write. */
export interface CalendarOutcome {
  occasionId?: number;
  /** The action when it differs from the plan's (a re-plan after a 409 or a lost answer). */
  action?: OccasionAction;
  error?: string;
  eventsAdded?: SpecialOccasionEvent[];
  eventsRemoved?: SpecialOccasionEvent[];
  events?: number;
}

export interface SkillOutcome {
  action: SkillLinkAction;
  error?: string;
}

export const OCCASION_ACTIONS: Record<OccasionAction, CalendarAction> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  drift: 'drift',
  conflict: 'conflict',
  failed: 'failed',
};

const SKILL_ACTIONS: Record<SkillAction, SkillLinkAction> = {
  link: 'linked',
  unchanged: 'unchanged',
  conflict: 'conflict',
  missing: 'missing',
  failed: 'failed',
};

export function toEventLine(event: SpecialOccasionEvent): EventLine {
  const date = event.start.dateTime.slice(0, 10);
  const last = eventLastDate(event);
  const from = event.start.dateTime.slice(11, 16);
  const to = event.end.dateTime.slice(11, 16);
  const wholeDay = (from === '' || from === '00:00') && (to === '' || to === '23:59' || to === '00:00');
  return {
    date,
    ...(last !== date ? { until: last } : {}),
    name: event.meta.name,
    working: event.meta.working,
    ...(wholeDay ? {} : { from, to }),
  };
}

export function summarizeCalendar(
  plan: CalendarPlan,
  outcome: CalendarOutcome | undefined,
  skillOutcomes: ReadonlyMap<SkillReference, SkillOutcome>,
): CalendarSummary {
  const action: CalendarAction = outcome?.error ? 'failed' : OCCASION_ACTIONS[outcome?.action ?? plan.action];
  const added = outcome?.eventsAdded ?? plan.eventsAdded;
  const removed = outcome?.eventsRemoved ?? plan.eventsRemoved;
  const occasionId = outcome?.occasionId ?? plan.occasionId;
  return {
    name: plan.name,
    ...(occasionId !== undefined ? { occasionId } : {}),
    action,
    eventsAdded: action === 'failed' ? 0 : added.length,
    eventsRemoved: action === 'failed' ? 0 : removed.length,
    events: outcome?.events ?? plan.events,
    skills: plan.skills.map((skill) => {
      const result = skillOutcomes.get(skill.ref);
      return {
        skill: skill.ref,
        ...(skill.skill ? { skillId: skill.skill.id } : {}),
        action: result?.action ?? SKILL_ACTIONS[skill.action],
        ...((result?.error ?? skill.reason) ? { error: result?.error ?? skill.reason } : {}),
      };
    }),
    ...(added.length > 0 || removed.length > 0
      ? { changes: { added: added.map(toEventLine), removed: removed.map(toEventLine) } }
      : {}),
    ...(outcome?.error ? { error: outcome.error } : plan.reason ? { error: plan.reason } : {}),
    ...(plan.warnings?.length ? { warnings: [...plan.warnings] } : {}),
    ...(plan.corrections?.length ? { corrections: [...plan.corrections] } : {}),
    ...(plan.halfDays?.length ? { halfDays: plan.halfDays.map((note) => ({ ...note })) } : {}),
  };
}

export function orphanSummaries(plan: RunPlan): CalendarSummary[] {
  return plan.orphaned.map((orphan) => ({
    name: orphan.name,
    occasionId: orphan.occasionId,
    action: 'orphaned',
    eventsAdded: 0,
    eventsRemoved: 0,
    events: orphan.events,
    skills: [],
    error:
      'carries the importer marker but is no longer in the config; it is left as it is (delete it by hand if unwanted)',
  }));
}

/**
 * A run that stopped on an error after it had read LivePerson (a secret rotated badly, found while
 * logging in again): the error to report, and the summary of what the run had written by then.
 */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
  constructor(
    readonly summary: RunSummary,
    options: { cause: unknown },
  ) {
    super(options.cause instanceof Error ? options.cause.message : String(options.cause), options);
  }
}
