import * as z from 'zod';
import { InputError } from './errors.js';

/** The Lambda event, from the schedules or from an operator's invoke. */
export const ImportEventSchema = z.strictObject({
  trigger: z.enum(['yearly', 'monthly', 'manual']),
  dryRun: z.boolean().optional(),
  years: z.array(z.number().int().min(2000).max(2100)).optional(),
  calendars: z.array(z.string().min(1)).optional(),
  force: z.boolean().optional(),
});
export type ImportEvent = z.infer<typeof ImportEventSchema>;

export class InvalidEventError extends InputError {
  override name = 'InvalidEventError';
}

export function parseImportEvent(event: unknown): ImportEvent {
  const result = ImportEventSchema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`,
  );
  throw new InvalidEventError(
    `Invalid event: ${problems.join('; ')}. Expected {"trigger":"yearly"|"monthly"|"manual","dryRun"?:boolean,"years"?:[yyyy],"calendars"?:[name],"force"?:boolean}`,
    { cause: result.error },
  );
}
