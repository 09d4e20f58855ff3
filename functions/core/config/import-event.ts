import * as z from 'zod/mini';
import { useEnglishMessages } from '../../commons/zod-messages.js';
import { boundMessage, listBounded } from '../bounded-text.js';
import { InputError } from '../errors.js';

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

export class InvalidEventError extends InputError {
  override name = 'InvalidEventError';
}

export function parseImportEvent(event: unknown): ImportEvent {
  const result = ImportEventSchema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) =>
      `${issue.path.map((key) => (typeof key === 'string' ? key.slice(0, 80) : String(key))).join('.') || '(event)'}: ${boundMessage(issue.message, 200)}`,
  );
  throw new InvalidEventError(
    `Invalid event: ${listBounded(problems, 5, '; ')}. Expected {"trigger":"yearly"|"monthly"|"manual","dryRun"?:boolean,"years"?:[yyyy],"calendars"?:[name],"force"?:boolean}`,
    { cause: result.error },
  );
}
