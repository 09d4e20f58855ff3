import type { CalendarAction, CalendarSummary, RunSummary, SkillLinkAction } from './run-summary.js';

/**
 * What a run's outcome means, in one place: which actions fail a run (exit 1, the handler throws,
 * the errors alarm fires), which need a person to look (exit 3, the review alarm), and the name
 * of the metric each action is counted under. The CLI, the handler, the run and the stack's
 * alarms all read these.
 */

/** A calendar or skill outcome that fails the run. */
export const FAILED_CALENDAR_ACTIONS: readonly CalendarAction[] = ['failed'];
export const FAILED_SKILL_ACTIONS: readonly SkillLinkAction[] = ['failed', 'missing'];

/** Nothing was lost, but a person should look. */
export const REVIEW_CALENDAR_ACTIONS: readonly CalendarAction[] = ['drift', 'conflict', 'orphaned'];
export const REVIEW_SKILL_ACTIONS: readonly SkillLinkAction[] = ['conflict'];

export const CALENDAR_ACTIONS: readonly CalendarAction[] = [
  'created',
  'updated',
  'unchanged',
  'drift',
  'conflict',
  'orphaned',
  'failed',
];
export const SKILL_ACTIONS: readonly SkillLinkAction[] = ['linked', 'conflict', 'missing', 'failed'];

export function calendarFailed(calendar: Pick<CalendarSummary, 'action' | 'skills'>): boolean {
  return (
    FAILED_CALENDAR_ACTIONS.includes(calendar.action) ||
    calendar.skills.some((skill) => FAILED_SKILL_ACTIONS.includes(skill.action))
  );
}

export function calendarNeedsReview(calendar: Pick<CalendarSummary, 'action' | 'skills'>): boolean {
  return (
    REVIEW_CALENDAR_ACTIONS.includes(calendar.action) ||
    calendar.skills.some((skill) => REVIEW_SKILL_ACTIONS.includes(skill.action))
  );
}

/** A run failed when a calendar or a skill link failed, or a configured skill does not exist. */
export function hasFailures(summary: Pick<RunSummary, 'calendars'>): boolean {
  return summary.calendars.some(calendarFailed);
}

/** Nothing was lost, but a person should look: drift, conflicts, orphans. */
export function needsReview(summary: Pick<RunSummary, 'calendars'>): boolean {
  return summary.calendars.some(calendarNeedsReview);
}

/** The metric a calendar action is counted under ("drift"). */
export function calendarMetric(action: CalendarAction): string {
  return action;
}

/** The metric a skill action is counted under ("skillsConflict"). */
export function skillMetric(action: SkillLinkAction): string {
  return `skills${action[0]?.toUpperCase()}${action.slice(1)}`;
}

/** The metric a request method is counted under ("requestsPUT"). */
export function requestMetric(method: keyof RunSummary['requests']): string {
  return `requests${method}`;
}

/** The metrics whose sum the review alarm watches. */
export const NEEDS_REVIEW_METRICS: readonly string[] = [
  ...REVIEW_CALENDAR_ACTIONS.map(calendarMetric),
  ...REVIEW_SKILL_ACTIONS.map(skillMetric),
];

/** Every metric a run records, by name, from its summary. */
export function runMetrics(summary: RunSummary): Map<string, number> {
  const metrics = new Map<string, number>();
  for (const action of CALENDAR_ACTIONS) {
    metrics.set(
      calendarMetric(action),
      summary.calendars.filter((calendar) => calendar.action === action).length,
    );
  }
  const skills = summary.calendars.flatMap((calendar) => calendar.skills);
  for (const action of SKILL_ACTIONS) {
    metrics.set(skillMetric(action), skills.filter((skill) => skill.action === action).length);
  }
  for (const [method, count] of Object.entries(summary.requests)) {
    metrics.set(requestMetric(method as keyof RunSummary['requests']), count);
  }
  return metrics;
}
