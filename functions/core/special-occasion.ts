import { z } from 'zod';

/**
 * LivePerson entities as the Account Config API returns them. Unknown fields are kept
 * (`looseObject`) because every write sends the whole object back and must not drop what
 * LivePerson added after this code was written.
 */

/**
 * What the importer writes is yyyy-MM-dd'T'HH:mm:ss; what it reads may be any form that starts
 * with a date (date only, minutes, milliseconds), so a hand-made event never breaks a run.
 */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}/;

export const EventTimeSchema = z.looseObject({
  dateTime: z.string().regex(DATE_TIME_PATTERN, 'must start with a date, yyyy-MM-dd'),
  timeZone: z.string().min(1),
});

const EventShapeSchema = z.looseObject({
  start: EventTimeSchema,
  end: EventTimeSchema,
  recurrence: z.array(z.string()).default([]),
  meta: z.looseObject({ working: z.boolean(), name: z.string().default('') }),
});
export type SpecialOccasionEvent = z.infer<typeof EventShapeSchema>;

/**
 * Validates an event but keeps the object LivePerson sent (key order and all) whenever it is
 * already complete: events the importer does not change go back byte for byte.
 */
export const SpecialOccasionEventSchema = z.unknown().transform((value, ctx): SpecialOccasionEvent => {
  const result = EventShapeSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const raw = value as Partial<SpecialOccasionEvent>;
  const complete = Array.isArray(raw.recurrence) && typeof raw.meta?.name === 'string';
  return complete ? (raw as SpecialOccasionEvent) : result.data;
});

export const SpecialOccasionSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  description: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  deleted: z.boolean().default(false),
  isDefault: z.boolean().default(false),
  events: z.array(SpecialOccasionEventSchema).default([]),
});
export type SpecialOccasion = z.infer<typeof SpecialOccasionSchema>;

/** What a create (POST) sends: everything but the server-assigned id. */
export const SpecialOccasionDraftSchema = SpecialOccasionSchema.omit({ id: true });
export type SpecialOccasionDraft = z.infer<typeof SpecialOccasionDraftSchema>;

export const SkillSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  deleted: z.boolean().default(false),
  specialOccasionId: z.number().int().nullish(),
});
export type Skill = z.infer<typeof SkillSchema>;
