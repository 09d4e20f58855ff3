import { addDays } from '../../functions/core/holidays/local-date.js';
import { eventLastDate } from '../../functions/core/planner/canonical-events.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';

/** The dates an event list affects: closed all day, or partly (hours of their own, a part closed). */
export function affectedDates(events: readonly SpecialOccasionEvent[]): {
  closed: Set<string>;
  partly: Set<string>;
} {
  const closed = new Set<string>();
  const partly = new Set<string>();
  for (const event of events) {
    const whole = event.start.dateTime.endsWith('T00:00:00') && event.end.dateTime.endsWith('T23:59:59');
    for (
      let date = event.start.dateTime.slice(0, 10);
      date <= eventLastDate(event);
      date = addDays(date, 1)
    ) {
      (whole && !event.meta.working ? closed : partly).add(date);
    }
  }
  return { closed, partly };
}
