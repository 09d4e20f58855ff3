import * as z from 'zod/mini';
import { ConfigSchema } from './config-schema.js';

/** The JSON Schema editors use for config/holidays.json, derived from the zod schema. */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'holiday-importer configuration' }, null, 2)}\n`;
}
