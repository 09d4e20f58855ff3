/**
 * Server-side validation of the Account Config API, per liveperson-api.md section 2.2 and 5.
 * Returns human-readable problems; an empty list means valid.
 */

type Json = Record<string, unknown>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;
const DAILY_RULE = /^RRULE:FREQ=DAILY;COUNT=([1-9][0-9]*);INTERVAL=1$/;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A formatter is slow to make; a big batch names the same few zones thousands of times.
const zoneVerdicts = new Map<string, boolean>();

function isKnownZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  let known = zoneVerdicts.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zoneVerdicts.set(zone, known);
  }
  return known;
}

function validateTime(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be an object {dateTime, timeZone}`);
    return;
  }
  if (typeof value.dateTime !== 'string' || !DATE_TIME.test(value.dateTime)) {
    problems.push(`${where}.dateTime must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss`);
  } else if (Number.isNaN(Date.parse(`${value.dateTime.slice(0, 10)}T00:00:00Z`))) {
    problems.push(`${where}.dateTime is not a real date`);
  }
  if (!isKnownZone(value.timeZone)) problems.push(`${where}.timeZone is not a supported time zone`);
}

export function validateEvent(event: unknown, where: string): string[] {
  const problems: string[] = [];
  if (!isObject(event)) return [`${where} must be an object`];
  validateTime(event.start, `${where}.start`, problems);
  validateTime(event.end, `${where}.end`, problems);
  if (isObject(event.start) && isObject(event.end)) {
    if (event.start.timeZone !== event.end.timeZone)
      problems.push(`${where}: start and end time zones differ`);
    if (typeof event.start.dateTime === 'string' && typeof event.end.dateTime === 'string') {
      if (event.end.dateTime < event.start.dateTime) problems.push(`${where}: end is before start`);
    }
  }
  const meta = event.meta;
  if (!isObject(meta) || typeof meta.working !== 'boolean' || typeof meta.name !== 'string') {
    problems.push(`${where}.meta must be {working: boolean, name: string}`);
  }
  if (!Array.isArray(event.recurrence)) {
    problems.push(`${where}.recurrence must be an array`);
  } else if (event.recurrence.length > 1) {
    problems.push(`${where}.recurrence holds at most one rule`);
  } else if (event.recurrence.length === 1) {
    const match = DAILY_RULE.exec(String(event.recurrence[0]));
    if (!match) {
      problems.push(`${where}.recurrence must match RRULE:FREQ=DAILY;COUNT=n;INTERVAL=1`);
    } else if (isObject(meta) && meta.working === false && Number(match[1]) > 30) {
      problems.push(`${where}: a day-off occasion may span at most 30 days`);
    }
  }
  return problems;
}

export function validateSpecialOccasion(body: unknown): string[] {
  if (!isObject(body)) return ['a special occasion must be a JSON object'];
  const problems: string[] = [];
  if (typeof body.name !== 'string' || body.name.trim() === '') problems.push('name is required');
  else if (body.name.length > 50) problems.push('name must be at most 50 characters');
  if (typeof body.description !== 'string') problems.push('description is required (a string)');
  else if (body.description.length > 200) problems.push('description must be at most 200 characters');
  if (typeof body.isDefault !== 'boolean') problems.push('isDefault is required (a boolean)');
  if (body.deleted !== undefined && typeof body.deleted !== 'boolean')
    problems.push('deleted must be a boolean');
  if (!Array.isArray(body.events)) problems.push('events is required (an array)');
  else problems.push(...body.events.flatMap((event, index) => validateEvent(event, `events[${index}]`)));
  return problems;
}

export function validateSkill(body: unknown, occasionExists: (id: number) => boolean): string[] {
  if (!isObject(body)) return ['a skill must be a JSON object'];
  const problems: string[] = [];
  if (typeof body.id !== 'number') problems.push('id is required');
  if (typeof body.name !== 'string' || body.name.trim() === '') problems.push('name is required');
  const link = body.specialOccasionId;
  if (link !== undefined && link !== null) {
    if (typeof link !== 'number' || !occasionExists(link))
      problems.push(`specialOccasionId ${String(link)} does not exist`);
  }
  return problems;
}
