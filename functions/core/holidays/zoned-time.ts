/**
 * Wall clocks and instants in any IANA zone, through Intl (ICU): Workdays name zones of their own,
 * which the function's bundled moment-timezone data need not hold. Wall times are kept as the
 * milliseconds of that wall clock read as if it were UTC ("wall ms"), so date arithmetic on them
 * never meets a DST change.
 */

const MINUTE_MS = 60_000;
const PROBE_MS = 15 * 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether ICU knows the zone (a Workdays object may name any zone). */
export function isIntlTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The wall clock an instant shows in a zone, as wall ms. */
export function wallAt(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const hour = parts.hour === 24 ? 0 : (parts.hour ?? 0);
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    hour,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/**
 * The instant a wall clock stands for in a zone. A wall time that a DST change skips is read with
 * the offset before the change (02:30 on a spring-forward night is 03:30); one that occurs twice is
 * its first occurrence.
 */
export function instantOf(wall: number, zone: string): number {
  // Offsets run from -12 h to +14 h: probes 15 h either side bracket the instant itself.
  const before = wall - offsetAt(wall - PROBE_MS, zone);
  const after = wall - offsetAt(wall + PROBE_MS, zone);
  const candidates = [before, after].filter((instant) => wallAt(instant, zone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return before;
}

function offsetAt(instant: number, zone: string): number {
  const rounded = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  return wallAt(rounded, zone) - rounded;
}

/** Wall ms of a date's midnight (YYYY-MM-DD). */
export function wallOfDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
