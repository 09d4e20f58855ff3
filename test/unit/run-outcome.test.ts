import { describe, expect, it } from 'vitest';
import {
  calendarFailed,
  calendarNeedsReview,
  NEEDS_REVIEW_METRICS,
  runMetrics,
} from '../../functions/core/summary/run-outcome.js';
import type { CalendarSummary, RunSummary } from '../../functions/core/summary/run-summary.js';

const calendar = (
  action: CalendarSummary['action'],
  skills: CalendarSummary['skills'][number]['action'][] = [],
): CalendarSummary => ({
  name: 'C',
  action,
  eventsAdded: 0,
  eventsRemoved: 0,
  events: 0,
  skills: skills.map((skillAction, index) => ({ skill: index, action: skillAction })),
});

describe('what an outcome means: one rule for the CLI, the handler, the metrics and the alarms', () => {
  it.each([
    { name: 'created', input: calendar('created', ['linked']), failed: false, review: false },
    { name: 'unchanged', input: calendar('unchanged', ['unchanged']), failed: false, review: false },
    { name: 'a failed calendar', input: calendar('failed'), failed: true, review: false },
    { name: 'a missing skill', input: calendar('created', ['missing']), failed: true, review: false },
    { name: 'a failed link', input: calendar('updated', ['failed']), failed: true, review: false },
    { name: 'drift', input: calendar('drift'), failed: false, review: true },
    { name: 'a conflict', input: calendar('conflict'), failed: false, review: true },
    { name: 'an orphan', input: calendar('orphaned'), failed: false, review: true },
    {
      name: 'a skill held by a foreign occasion',
      input: calendar('created', ['conflict']),
      failed: false,
      review: true,
    },
  ])('$name: failed $failed, needs review $review', ({ input, failed, review }) => {
    expect(calendarFailed(input)).toBe(failed);
    expect(calendarNeedsReview(input)).toBe(review);
  });

  it('counts every action under its metric; the review alarm watches the review ones', () => {
    const summary: RunSummary = {
      runId: 'r',
      trigger: 'manual',
      dryRun: false,
      years: [2027],
      calendars: [calendar('drift', ['conflict', 'linked']), calendar('created', ['linked'])],
      requests: { GET: 3, POST: 1, PUT: 1, DELETE: 0 },
    };
    const metrics = runMetrics(summary);
    expect(Object.fromEntries(metrics)).toMatchObject({
      drift: 1,
      created: 1,
      failed: 0,
      skillsLinked: 2,
      skillsConflict: 1,
      requestsGET: 3,
      requestsPUT: 1,
    });
    expect(NEEDS_REVIEW_METRICS).toEqual(['drift', 'conflict', 'orphaned', 'skillsConflict']);
    for (const name of NEEDS_REVIEW_METRICS) expect(metrics.has(name), name).toBe(true);
  });
});
