import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { DEFAULT_STACK_NAME } from '../functions/aws/deployment-contract.js';
import { nearestOf } from '../functions/core/config/edit-distance.js';
import { insecureUrlProblem } from '../functions/core/config/endpoint-url.js';
import { canonicalTimeZone, isTimeZone } from '../functions/core/holidays/local-date.js';
import { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS } from '../functions/core/notices/notice-window.js';

/**
 * Deployment settings: cdk.json "context" (or `-c key=value`), each with a default, validated
 * before anything is built so a typo fails `cdk synth` with the key, the value and the fix.
 */

/** The config the function bundles unless `config` names another (one stack per account). */
export const DEFAULT_CONFIG_PATH = 'config/holidays.json';

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// RetentionDays.INFINITE (9999) is no period: logs kept forever are never a setting here.
const RETENTION_DAYS = Object.values(RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE,
);

// `-c key=value` always gives strings; cdk.json gives JSON types. Both are accepted.
const integer = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z.number().int().min(min).max(max),
  );
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

export const DeploymentSettingsSchema = z
  .object({
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, {
        error: 'must be a CloudFormation stack name: a letter, then letters, digits or hyphens',
      })
      .default(DEFAULT_STACK_NAME),
    config: z
      .string()
      .trim()
      .min(1, { error: 'must be the path of a config file, e.g. config/brand-b.json' })
      .default(DEFAULT_CONFIG_PATH)
      .describe('The config file the function bundles (relative to this folder): one per LivePerson account'),
    scheduleTimeZone: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"' })
      .transform(canonicalTimeZone)
      .default('UTC'),
    yearlyTime: z
      .string()
      .regex(CLOCK_TIME, { error: 'must be a time of day as HH:MM' })
      .default('03:00')
      .describe('1 December at this time: imports next year'),
    monthlyTime: z
      .string()
      .regex(CLOCK_TIME, { error: 'must be a time of day as HH:MM' })
      .default('05:00')
      .describe('Day 1 of every month at this time: keeps this year .. + yearsAhead'),
    noticeTime: z
      .string()
      .regex(CLOCK_TIME, { error: 'must be a time of day as HH:MM' })
      .default('08:00')
      .describe('Every Monday at this time: the notice of the closures coming in the next noticeDays'),
    noticeDays: integer(1, MAX_NOTICE_DAYS).default(DEFAULT_NOTICE_DAYS),
    noticeEmail: optionalText.pipe(z.email({ error: 'must be an e-mail address' }).optional()),
    noticeTopicArn: optionalText.pipe(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, {
          error: 'must be an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>',
        })
        .optional(),
    ),
    alarmEmail: optionalText.pipe(z.email({ error: 'must be an e-mail address' }).optional()),
    alarmTopicArn: optionalText.pipe(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, {
          error: 'must be an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>',
        })
        .optional(),
    ),
    noAlarmRecipient: z
      .preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean())
      .default(false)
      .describe('true: deploy the alarms to a topic nobody is subscribed to, knowingly'),
    logRetentionDays: integer(1, 3653)
      .refine((days) => RETENTION_DAYS.includes(days), {
        error: `must be one of CloudWatch Logs' retention periods: ${RETENTION_DAYS.join(', ')}`,
      })
      .default(90),
    reservedConcurrency: integer(0, 1)
      .default(1)
      .describe('1: runs never overlap; 0: no reservation (accounts whose concurrency quota is 10)'),
    secretKmsKeyArn: optionalText.pipe(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, {
          error: 'must be a KMS key ARN, arn:aws:kms:<region>:<account>:key/<id>',
        })
        .optional(),
    ),
    lpCsdsUrl: optionalText.pipe(
      z
        .url({ error: 'must be a URL such as https://api.liveperson.net' })
        .superRefine((value, ctx) => {
          const problem = insecureUrlProblem(new URL(value));
          if (problem)
            ctx.addIssue({ code: 'custom', message: `${problem}; e.g. https://api.liveperson.net` });
        })
        .optional(),
    ),
  })
  .superRefine((settings, ctx) => {
    if (settings.yearlyTime === settings.monthlyTime) {
      ctx.addIssue({
        code: 'custom',
        path: ['monthlyTime'],
        message: `must differ from yearlyTime (${settings.yearlyTime}): both schedules fire on 1 December`,
      });
    }
    for (const [key, time] of [
      ['yearlyTime', settings.yearlyTime],
      ['monthlyTime', settings.monthlyTime],
    ] as const) {
      if (minutesApart(settings.noticeTime, time) < NOTICE_GAP_MINUTES) {
        ctx.addIssue({
          code: 'custom',
          path: ['noticeTime'],
          message: `must be at least ${NOTICE_GAP_MINUTES} minutes from ${key} (${time}): runs never overlap (reserved concurrency 1), so a notice at the same time as an import would be throttled`,
        });
      }
    }
    if (settings.noticeEmail && settings.noticeTopicArn) {
      ctx.addIssue({
        code: 'custom',
        path: ['noticeEmail'],
        message: 'cannot be combined with noticeTopicArn: subscribe the address to that topic instead',
      });
    }
    const recipients = [settings.alarmEmail, settings.alarmTopicArn].filter(Boolean).length;
    if (recipients === 0 && !settings.noAlarmRecipient) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarmEmail'],
        message:
          'is not set, nor is alarmTopicArn: nobody would hear the alarms. Set alarmEmail (an on-call address) or alarmTopicArn (an existing SNS topic), or noAlarmRecipient: true to deploy alarms that nobody receives',
      });
    }
    if (recipients > 0 && settings.noAlarmRecipient) {
      ctx.addIssue({
        code: 'custom',
        path: ['noAlarmRecipient'],
        message: 'contradicts alarmEmail/alarmTopicArn: drop one of them',
      });
    }
    if (settings.alarmEmail && settings.alarmTopicArn) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarmEmail'],
        message: 'cannot be combined with alarmTopicArn: subscribe the address to that topic instead',
      });
    }
  });

export type DeploymentSettings = z.infer<typeof DeploymentSettingsSchema>;

export const SETTING_KEYS = Object.keys(DeploymentSettingsSchema.shape) as (keyof DeploymentSettings)[];

export class DeploymentSettingsError extends Error {
  override name = 'DeploymentSettingsError';
}

/**
 * A context key shaped like ours: one camelCase word. CDK's own keys (feature flags
 * "@aws-cdk/...", "aws:cdk:...", lookups "availability-zones:...", "cli-telemetry") all carry an
 * "@", ":" or "-", so they pass untouched.
 */
const OWN_KEY_SHAPE = /^[a-z][A-Za-z0-9]*$/;

/** Reads the settings from the app's whole context (`node.getAllContext()`). */
export function readDeploymentSettings(context: Record<string, unknown>): DeploymentSettings {
  const input = Object.fromEntries(SETTING_KEYS.map((key) => [key, context[key] ?? undefined]));
  const known: readonly string[] = SETTING_KEYS;
  const unknownKeys = Object.keys(context).filter((key) => OWN_KEY_SHAPE.test(key) && !known.includes(key));
  const problems = unknownKeys.map(
    (key) =>
      `  - ${key}: is not a setting of this stack; did you mean ${nearestOf(key, known, 1).join('')}? (settings: ${known.join(', ')})`,
  );
  const result = DeploymentSettingsSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(context)');
      const value = input[key] === undefined ? '' : `${JSON.stringify(input[key])} `;
      problems.push(`  - ${key}: ${value}${issue.message}`);
    }
  }
  if (result.success && problems.length === 0) return result.data;
  throw new DeploymentSettingsError(
    `Invalid deployment settings (cdk.json "context" or -c key=value):\n${problems.join('\n')}`,
    { cause: result.error },
  );
}

const NOTICE_GAP_MINUTES = 30;

/** Minutes between two times of day, round the clock ("23:50" and "00:10" are 20 apart). */
function minutesApart(a: string, b: string): number {
  const minutes = (time: string) => {
    const [, hour = '0', minute = '0'] = CLOCK_TIME.exec(time) ?? [];
    return Number(hour) * 60 + Number(minute);
  };
  const difference = Math.abs(minutes(a) - minutes(b));
  return Math.min(difference, 1440 - difference);
}

/** "05:30" -> { hour: '5', minute: '30' }, as cron fields. */
export function cronTime(time: string): { hour: string; minute: string } {
  const [, hour = '0', minute = '0'] = CLOCK_TIME.exec(time) ?? [];
  return { hour: String(Number(hour)), minute: String(Number(minute)) };
}
