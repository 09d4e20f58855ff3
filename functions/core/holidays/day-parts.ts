/**
 * Parts of one day as minutes from its midnight, 0..1440: the holiday's closed part, the hours
 * a day keeps open. Plain numbers, so that unions and differences need no date or zone.
 */

/** A part of one day, in minutes from its midnight: [from, to), 0 <= from < to <= 1440. */
export interface Interval {
  from: number;
  to: number;
}

export const DAY_MINUTES = 1440;

/** Overlapping or touching intervals as one; sorted. Several Workdays events of a day add up. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((item) => item.to > item.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const union: Interval[] = [];
  for (const item of sorted) {
    const last = union.at(-1);
    if (last && item.from <= last.to) last.to = Math.max(last.to, item.to);
    else union.push({ ...item });
  }
  return union;
}

/** `hours` without `closed`. */
export function subtractIntervals(hours: readonly Interval[], closed: readonly Interval[]): Interval[] {
  let open = unionIntervals(hours);
  for (const cut of unionIntervals(closed)) {
    open = open.flatMap((item) => {
      if (cut.to <= item.from || cut.from >= item.to) return [item];
      return [
        ...(cut.from > item.from ? [{ from: item.from, to: cut.from }] : []),
        ...(cut.to < item.to ? [{ from: cut.to, to: item.to }] : []),
      ];
    });
  }
  return open;
}

/** HH:MM of a minute of the day; the day's end is 24:00. */
export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes of an HH:MM time. */
export function minuteOf(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

export function formatIntervals(intervals: readonly Interval[]): string {
  return intervals.length === 0
    ? 'closed'
    : intervals.map((item) => `${clock(item.from)}-${clock(item.to)}`).join(', ');
}
