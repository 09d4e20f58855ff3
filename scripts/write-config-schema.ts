import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../functions/core/config/config-json-schema.js';

const target = new URL('../config/holidays.schema.json', import.meta.url);
writeFileSync(target, configJsonSchema());
console.log(`wrote ${target.pathname}`);
