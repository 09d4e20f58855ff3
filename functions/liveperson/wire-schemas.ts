import * as z from 'zod/mini';
import { useEnglishMessages } from '../commons/zod-messages.js';
import type { Skill, SpecialOccasion, SpecialOccasionEvent } from '../core/planner/special-occasion.js';
import type { Workdays } from '../core/planner/working-hours.js';

/**
 * The Account Config API's answers, checked at the boundary. Objects are read leniently: what the
 * importer needs of an object it does not own is its id, name, description and deleted flag, so
 * someone else's odd data (an event without `meta`, `recurrence: null`, `name: null`) never fails
 * a run; an odd event is kept aside (`oddEvents`), and an item without an id is left out.
 */

/** Any form that starts with a date (date only, minutes, milliseconds) is read. */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}/;

useEnglishMessages();

const EventTimeSchema = z.looseObject({
  dateTime: z.string().check(z.regex(DATE_TIME_PATTERN, 'must start with a date, yyyy-MM-dd')),
  timeZone: z.string().check(z.minLength(1)),
});

const EventShapeSchema = z.looseObject({
  start: EventTimeSchema,
  end: EventTimeSchema,
  recurrence: z._default(z.array(z.string()), []),
  meta: z.looseObject({ working: z.boolean(), name: z._default(z.string(), '') }),
});

/**
 * Validates an event but keeps the object LivePerson sent (key order and all) whenever it is
 * already complete: events the importer does not change go back byte for byte.
 */
export const SpecialOccasionEventSchema = z.pipe(
  z.unknown(),
  z.transform((value, ctx): SpecialOccasionEvent => {
    const result = EventShapeSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues)
        ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: value });
      return z.NEVER;
    }
    const raw = value as Partial<SpecialOccasionEvent>;
    const complete = Array.isArray(raw.recurrence) && typeof raw.meta?.name === 'string';
    return complete ? (raw as SpecialOccasionEvent) : (result.data as SpecialOccasionEvent);
  }),
);

const text = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? ''),
);
const flag = z.pipe(
  z.nullish(z.boolean()),
  z.transform((value) => value ?? false),
);

/** An object's events as sent, checked one by one later (`null` or absent: none). */
const anyEvents = z.pipe(
  z.nullish(z.array(z.unknown())),
  z.transform((value) => value ?? []),
);

const OccasionHeadSchema = z.looseObject({
  id: z.int(),
  name: text,
  description: text,
  deleted: flag,
  isDefault: flag,
  events: anyEvents,
});

function toOccasion(head: z.infer<typeof OccasionHeadSchema>): SpecialOccasion {
  const events: SpecialOccasionEvent[] = [];
  const oddEvents: unknown[] = [];
  for (const raw of head.events) {
    const event = SpecialOccasionEventSchema.safeParse(raw);
    if (event.success) events.push(event.data);
    else oddEvents.push(raw);
  }
  return { ...head, events, ...(oddEvents.length > 0 ? { oddEvents } : {}) } as SpecialOccasion;
}

/**
 * Special occasions as the list answers them. An item without a numeric id fails the answer as a
 * whole: were LivePerson's format to change, skipping items would make the importer think its
 * objects are gone and create them again.
 */
export const SpecialOccasionListSchema = z.array(z.pipe(OccasionHeadSchema, z.transform(toOccasion)));

/** A write's answer: the object, or an array mirroring the request. */
export const SpecialOccasionWriteAnswerSchema = z.union([
  SpecialOccasionListSchema,
  z.pipe(
    OccasionHeadSchema,
    z.transform((head) => [toOccasion(head)]),
  ),
]);

const SkillSchema = z.looseObject({
  id: z.int(),
  name: text,
  deleted: flag,
  specialOccasionId: z.nullish(z.int()),
  workingHoursId: z.nullish(z.int()),
});

export const SkillListSchema = z.array(
  z.pipe(
    SkillSchema,
    z.transform((skill) => skill as Skill),
  ),
);

/** A write's answer: the skill, or an array mirroring the request. */
export const SkillWriteAnswerSchema = z.union([
  SkillListSchema,
  z.pipe(
    SkillSchema,
    z.transform((skill) => [skill as Skill]),
  ),
]);

/**
 * Workdays as the list answers them with `select=$all`. Their events are read by the core (a bad
 * one fails only the calendars whose hours it gives); `workingHoursId` on a skill names one.
 */
export const WorkdaysListSchema = z.array(
  z.pipe(
    z.looseObject({
      id: z.int(),
      name: text,
      deleted: flag,
      isDefault: flag,
      events: anyEvents,
    }),
    z.transform((workdays): Workdays => workdays),
  ),
);
