import * as z from 'zod/mini';
import { useEnglishMessages } from '../../commons/zod-messages.js';
import { HOLIDAY_CORRECTIONS } from '../holidays/holiday-corrections.js';
import { canonicalTimeZone, isLocalDate, isTimeZone } from '../holidays/local-date.js';
import { isKnownRegion, nearestRegionCodes, regionTimeZone } from '../holidays/region-catalog.js';
import { DESCRIPTION_MAX_LENGTH, MARKER_LENGTH } from '../planner/ownership-marker.js';

useEnglishMessages();

const CORRECTION_IDS = HOLIDAY_CORRECTIONS.map((entry) => entry.id);

/** The special occasion's name limit in LivePerson. */
export const NAME_MAX_LENGTH = 50;
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
// Anything that looks like a date (2027-1-1, 2027/01/01, 01.01.2027) must be a real YYYY-MM-DD.
const DATE_LIKE_PATTERN = /^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;

const ClockTime = z
  .string()
  .check(z.regex(TIME_PATTERN, { error: 'must be a time of day as HH:MM (00:00 to 23:59)' }));

const LocalDate = z
  .string()
  .check(z.refine(isLocalDate, { error: 'must be a real calendar date as YYYY-MM-DD' }));

const NonEmptyName = z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }));

const PartialDaysSchema = z
  .strictObject({
    mode: z._default(z.enum(['closed', 'reduced', 'ignore']), 'closed'),
    opensAt: z
      .optional(ClockTime)
      .check(
        z.describe(
          'Fixed opening time (HH:MM) on every weekday, for a calendar with no skills and no default Workdays; with closesAt',
        ),
      ),
    closesAt: z
      .optional(ClockTime)
      .check(z.describe('Fixed closing time (HH:MM) on every weekday; with opensAt')),
  })
  .check(
    z.superRefine((value, ctx) => {
      if ((value.opensAt === undefined) !== (value.closesAt === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [value.opensAt ? 'closesAt' : 'opensAt'],
          message:
            'must be given together with the other end of the fixed hours ("opensAt" and "closesAt", which apply on every weekday); or leave both out, so that the hours come from the skills\' Workdays',
        });
      }
      if (value.opensAt && value.closesAt && value.opensAt >= value.closesAt) {
        ctx.addIssue({
          code: 'custom',
          path: ['closesAt'],
          message: `must be after "opensAt" (${value.opensAt})`,
        });
      }
    }),
  );

const ExtraEventSchema = z
  .strictObject({
    name: NonEmptyName,
    date: LocalDate,
    working: z
      ._default(z.boolean(), false)
      .check(z.describe('true: special opening hours from..to; false: closed')),
    from: z.optional(ClockTime),
    to: z.optional(ClockTime),
  })
  .check(
    z.superRefine((value, ctx) => {
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
    }),
  );

// Checked per element, so a bad code is reported even when other settings are wrong too.
const RegionCode = z.string().check(
  z.superRefine((code, ctx) => {
    if (!isKnownRegion(code)) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a date-holidays region code; nearest valid codes: ${nearestRegionCodes(code).join(', ')}`,
      });
    }
  }),
);

const SkillRef = z.union([
  z.string().check(z.trim(), z.minLength(1, { error: 'a skill name must not be empty' })),
  z.int().check(z.positive({ error: 'a skill id is a positive whole number' })),
]);

const CalendarSchema = z
  .strictObject({
    name: z.string().check(
      z.trim(),
      z.minLength(1, { error: 'must not be empty' }),
      // LivePerson's Java backend counts UTF-16 units (an emoji is two), as String.length does.
      z.refine((name) => name.length <= NAME_MAX_LENGTH, {
        error: `must be at most ${NAME_MAX_LENGTH} characters (LivePerson's limit, counted in UTF-16 units: an emoji counts 2)`,
      }),
      z.describe('The special occasion name in LivePerson; unique'),
    ),
    description: z._default(
      z.string().check(
        z.refine((text) => text.trim().length <= DESCRIPTION_MAX_LENGTH - MARKER_LENGTH, {
          error: `must be at most ${DESCRIPTION_MAX_LENGTH - MARKER_LENGTH} characters: LivePerson allows ${DESCRIPTION_MAX_LENGTH} and the ownership marker takes ${MARKER_LENGTH}`,
        }),
      ),
      '',
    ),
    regions: z
      .array(RegionCode)
      .check(
        z.minLength(1, { error: 'must list at least one date-holidays region code, e.g. ["DE-BY"]' }),
        z.describe('date-holidays codes: country[-state[-region]]'),
      ),
    types: z._default(
      z
        .array(z.enum(HOLIDAY_TYPES))
        .check(z.minLength(1, { error: `must list at least one of ${HOLIDAY_TYPES.join(', ')}` })),
      ['public'],
    ),
    language: z._default(
      z.string().check(
        z.regex(/^[a-z]{2}(-[a-z]{2})?$/, {
          error: 'must be an ISO 639-1 code such as "en", "de" or "en-us"',
        }),
      ),
      'en',
    ),
    timeZone: z
      .optional(
        z.pipe(
          z.string().check(
            z.refine(isTimeZone, {
              error: 'is not an IANA time zone; use a name such as "Europe/Berlin" or "America/New_York"',
            }),
          ),
          z.transform(canonicalTimeZone),
        ),
      )
      .check(z.describe("IANA time zone; default: the region's")),
    substitutes: z._default(z.enum(['include', 'exclude']), 'include'),
    partialDays: z._default(PartialDaysSchema, { mode: 'closed' }),
    extraEvents: z._default(z.array(ExtraEventSchema), []),
    exclude: z
      ._default(
        z.array(
          NonEmptyName.check(
            z.refine((entry) => !DATE_LIKE_PATTERN.test(entry) || isLocalDate(entry), {
              error:
                'looks like a date but is not a real YYYY-MM-DD date (e.g. "2027-01-01"); or give a holiday name',
            }),
          ),
        ),
        [],
      )
      .check(z.describe('Dates (YYYY-MM-DD) or holiday names to leave out')),
    skills: z
      ._default(z.array(SkillRef), [])
      .check(z.describe('Skill names or ids to link to the special occasion')),
    corrections: z
      ._default(
        z.union([
          z.boolean(),
          z.strictObject({
            skip: z.array(
              z.string().check(
                z.refine((id) => CORRECTION_IDS.includes(id), {
                  error: `is not a correction id; known ids: ${CORRECTION_IDS.join(', ')}`,
                }),
              ),
            ),
          }),
        ]),
        true,
      )
      .check(
        z.describe(
          'Known date-holidays errors fixed on top of the library (README "Known data corrections"): true, false, or { "skip": [ids] }',
        ),
      ),
    accountDefault: z
      ._default(z.boolean(), false)
      .check(
        z.describe(
          "Make this calendar's special occasion the account's default: every skill without one of its own follows it",
        ),
      ),
    adopt: z
      ._default(z.boolean(), false)
      .check(
        z.describe(
          'Take over an existing special occasion of the same name that the importer did not create',
        ),
      ),
  })
  .check(
    z.superRefine((calendar, ctx) => {
      if (calendar.timeZone !== undefined) return;
      const zones = new Set(calendar.regions.filter(isKnownRegion).map((code) => regionTimeZone(code)));
      if (zones.size > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeZone'],
          message: `is required: the regions lie in different time zones (${[...zones].join(', ')}); choose the one the contact center works in`,
        });
      }
    }),
  );

export const ConfigSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    accountId: z.string().check(
      z.regex(/^[A-Za-z0-9_]{1,20}$/, {
        error: 'must be the LivePerson account id (site id), e.g. "12345678"',
      }),
    ),
    secretId: z.string().check(
      z.trim(),
      z.minLength(1, {
        error: 'must name the Secrets Manager secret (name or ARN) holding the LivePerson credentials',
      }),
    ),
    yearsAhead: z
      ._default(z.int().check(z.minimum(0), z.maximum(5)), 1)
      .check(z.describe('Monthly runs keep current year .. +yearsAhead')),
    keepPastYears: z
      ._default(z.int().check(z.minimum(0), z.maximum(10)), 0)
      .check(z.describe('Events that ended before 1 Jan of (current year - keepPastYears) are pruned')),
    calendars: z.array(CalendarSchema).check(z.minLength(1, { error: 'must list at least one calendar' })),
  })
  .check(
    z.superRefine((config, ctx) => {
      const names = new Map<string, number>();
      const skills = new Map<string, number>();
      const defaults = config.calendars.flatMap((calendar, index) =>
        calendar.accountDefault ? [index] : [],
      );
      for (const index of defaults.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: ['calendars', index, 'accountDefault'],
          message: `is already set on calendars[${defaults[0]}]: an account has one default special occasion`,
        });
      }
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
    }),
  );

export type Config = z.infer<typeof ConfigSchema>;
export type CalendarConfig = Config['calendars'][number];
export type ExtraEvent = CalendarConfig['extraEvents'][number];
export type SkillReference = CalendarConfig['skills'][number];
