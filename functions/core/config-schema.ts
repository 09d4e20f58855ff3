import * as z from 'zod';
import { HOLIDAY_CORRECTIONS } from './holiday-corrections.js';
import { isLocalDate, isTimeZone } from './local-date.js';

const CORRECTION_IDS = HOLIDAY_CORRECTIONS.map((entry) => entry.id);

import { DESCRIPTION_MAX_LENGTH, MARKER_LENGTH } from './ownership-marker.js';
import { isKnownRegion, nearestRegionCodes, regionTimeZone } from './region-catalog.js';

/** The special occasion's name limit in LivePerson. */
export const NAME_MAX_LENGTH = 50;
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
// Anything that looks like a date (2027-1-1, 2027/01/01, 01.01.2027) must be a real YYYY-MM-DD.
const DATE_LIKE_PATTERN = /^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;

const ClockTime = z
  .string()
  .regex(TIME_PATTERN, { error: 'must be a time of day as HH:MM (00:00 to 23:59)' });

const LocalDate = z.string().refine(isLocalDate, { error: 'must be a real calendar date as YYYY-MM-DD' });

const PartialDaysSchema = z
  .strictObject({
    mode: z.enum(['closed', 'reduced', 'ignore']).default('closed'),
    opensAt: ClockTime.optional().describe('Opening time on reduced half days (mode "reduced"), HH:MM'),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'reduced' && !value.opensAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['opensAt'],
        message:
          'is required when mode is "reduced": the time the contact center opens on a half day, e.g. "09:00"',
      });
    }
  });

const ExtraEventSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'must not be empty' }),
    date: LocalDate,
    working: z.boolean().default(false).describe('true: special opening hours from..to; false: closed'),
    from: ClockTime.optional(),
    to: ClockTime.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.working && (!value.from || !value.to)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.from ? 'to' : 'from'],
        message: 'is required for a working event: give both "from" and "to" (HH:MM)',
      });
    }
    if ((value.from === undefined) !== (value.to === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.from ? 'to' : 'from'],
        message: 'must be given together with the other end of the window ("from" and "to")',
      });
    }
    if (value.from && value.to && value.from >= value.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be later than "from" (${value.from}); split a window that crosses midnight in two events`,
      });
    }
  });

// Checked per element, so a bad code is reported even when other settings are wrong too.
const RegionCode = z.string().superRefine((code, ctx) => {
  if (!isKnownRegion(code)) {
    ctx.addIssue({
      code: 'custom',
      message: `is not a date-holidays region code; nearest valid codes: ${nearestRegionCodes(code).join(', ')}`,
    });
  }
});

const SkillRef = z.union([
  z.string().trim().min(1, { error: 'a skill name must not be empty' }),
  z.number().int().positive({ error: 'a skill id is a positive whole number' }),
]);

const CalendarSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(NAME_MAX_LENGTH, { error: `must be at most ${NAME_MAX_LENGTH} characters (LivePerson's limit)` })
      .describe('The special occasion name in LivePerson; unique'),
    description: z
      .string()
      .refine((text) => text.trim().length <= DESCRIPTION_MAX_LENGTH - MARKER_LENGTH, {
        error: `must be at most ${DESCRIPTION_MAX_LENGTH - MARKER_LENGTH} characters: LivePerson allows ${DESCRIPTION_MAX_LENGTH} and the ownership marker takes ${MARKER_LENGTH}`,
      })
      .default(''),
    regions: z
      .array(RegionCode)
      .min(1, { error: 'must list at least one date-holidays region code, e.g. ["DE-BY"]' })
      .describe('date-holidays codes: country[-state[-region]]'),
    types: z
      .array(z.enum(HOLIDAY_TYPES))
      .min(1, { error: `must list at least one of ${HOLIDAY_TYPES.join(', ')}` })
      .default(['public']),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]{2})?$/, { error: 'must be an ISO 639-1 code such as "en", "de" or "en-us"' })
      .default('en'),
    timeZone: z
      .string()
      .refine(isTimeZone, {
        error: 'is not an IANA time zone; use a name such as "Europe/Berlin" or "America/New_York"',
      })
      .optional()
      .describe("IANA time zone; default: the region's"),
    substitutes: z.enum(['include', 'exclude']).default('include'),
    partialDays: PartialDaysSchema.default({ mode: 'closed' }),
    extraEvents: z.array(ExtraEventSchema).default([]),
    exclude: z
      .array(
        z
          .string()
          .trim()
          .min(1, { error: 'must not be empty' })
          .refine((entry) => !DATE_LIKE_PATTERN.test(entry) || isLocalDate(entry), {
            error:
              'looks like a date but is not a real YYYY-MM-DD date (e.g. "2027-01-01"); or give a holiday name',
          }),
      )
      .default([])
      .describe('Dates (YYYY-MM-DD) or holiday names to leave out'),
    skills: z.array(SkillRef).default([]).describe('Skill names or ids to link to the special occasion'),
    corrections: z
      .union([
        z.boolean(),
        z.strictObject({
          skip: z.array(
            z.string().refine((id) => CORRECTION_IDS.includes(id), {
              error: `is not a correction id; known ids: ${CORRECTION_IDS.join(', ')}`,
            }),
          ),
        }),
      ])
      .default(true)
      .describe(
        'Known date-holidays errors fixed on top of the library (README "Known data corrections"): true, false, or { "skip": [ids] }',
      ),
    adopt: z
      .boolean()
      .default(false)
      .describe('Take over an existing special occasion of the same name that the importer did not create'),
  })
  .superRefine((calendar, ctx) => {
    if (calendar.timeZone !== undefined) return;
    const zones = new Set(calendar.regions.filter(isKnownRegion).map((code) => regionTimeZone(code)));
    if (zones.size > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `is required: the regions lie in different time zones (${[...zones].join(', ')}); choose the one the contact center works in`,
      });
    }
  });

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    accountId: z.string().regex(/^[A-Za-z0-9_]{1,20}$/, {
      error: 'must be the LivePerson account id (site id), e.g. "12345678"',
    }),
    secretId: z.string().trim().min(1, {
      error: 'must name the Secrets Manager secret (name or ARN) holding the LivePerson credentials',
    }),
    yearsAhead: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(1)
      .describe('Monthly runs keep current year .. +yearsAhead'),
    keepPastYears: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe('Events that ended before 1 Jan of (current year - keepPastYears) are pruned'),
    calendars: z.array(CalendarSchema).min(1, { error: 'must list at least one calendar' }),
  })
  .superRefine((config, ctx) => {
    const names = new Map<string, number>();
    const skills = new Map<string, number>();
    config.calendars.forEach((calendar, index) => {
      const first = names.get(calendar.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['calendars', index, 'name'],
          message: `duplicates calendars[${first}].name; each calendar is its own special occasion and needs a unique name`,
        });
      } else {
        names.set(calendar.name, index);
      }
      calendar.skills.forEach((skill, skillIndex) => {
        const key = String(skill);
        const owner = skills.get(key);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['calendars', index, 'skills', skillIndex],
            message: `is already linked by calendars[${owner}]; a skill holds only one special occasion`,
          });
        } else {
          skills.set(key, index);
        }
      });
    });
  });

export type Config = z.infer<typeof ConfigSchema>;
export type CalendarConfig = Config['calendars'][number];
export type ExtraEvent = CalendarConfig['extraEvents'][number];
export type SkillReference = CalendarConfig['skills'][number];
