import * as z from 'zod/mini';
import { useEnglishMessages } from '../../commons/zod-messages.js';
import { boundMessage, listBounded } from '../bounded-text.js';
import { InputError } from '../errors.js';
import { MAX_NOTICE_DAYS } from '../notices/notice-window.js';

useEnglishMessages();

/** The Lambda event, from the schedules or from an operator's invoke. */
export const ImportEventSchema = z.strictObject({
  trigger: z.enum(['yearly', 'monthly', 'manual']),
  dryRun: z.optional(z.boolean()),
  years: z.optional(z.array(z.int().check(z.minimum(2000), z.maximum(2100)))),
  calendars: z.optional(z.array(z.string().check(z.minLength(1)))),
  force: z.optional(z.boolean()),
});
export type ImportEvent = z.infer<typeof ImportEventSchema>;

/** The weekly notice's event: what is coming in the next `days` days; it only reads. */
export const NoticeEventSchema = z.strictObject({
  trigger: z.literal('notice'),
  days: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_NOTICE_DAYS))),
});
export type NoticeEvent = z.infer<typeof NoticeEventSchema>;

/** Every event the function takes. */
export type FunctionEvent = ImportEvent | NoticeEvent;

export class InvalidEventError extends InputError {
  override name = 'InvalidEventError';
}

const EXPECTED_IMPORT =
  'Expected {"trigger":"yearly"|"monthly"|"manual","dryRun"?:boolean,"years"?:[yyyy],"calendars"?:[name],"force"?:boolean}';
const EXPECTED_NOTICE = `Expected {"trigger":"notice","days"?:1..${MAX_NOTICE_DAYS}}`;

/** The function's event: an import run, or the notice (told apart by its trigger). */
export function parseFunctionEvent(event: unknown): FunctionEvent {
  const notice =
    typeof event === 'object' && event !== null && (event as { trigger?: unknown }).trigger === 'notice';
  return notice ? parseWith(NoticeEventSchema, event, EXPECTED_NOTICE) : parseImportEvent(event);
}

export function parseImportEvent(event: unknown): ImportEvent {
  return parseWith(ImportEventSchema, event, EXPECTED_IMPORT);
}

function parseWith<T>(schema: z.ZodMiniType<T>, event: unknown, expected: string): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) =>
      `${issue.path.map((key) => (typeof key === 'string' ? key.slice(0, 80) : String(key))).join('.') || '(event)'}: ${boundMessage(issue.message, 200)}`,
  );
  throw new InvalidEventError(`Invalid event: ${listBounded(problems, 5, '; ')}. ${expected}`, {
    cause: result.error,
  });
}
