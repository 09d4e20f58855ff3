import { readFile } from 'node:fs/promises';
import type { Config } from '../core/config/config-schema.js';
import { parseConfigText } from '../core/config/config-validation.js';
import { ConfigError } from '../core/errors.js';

/**
 * Reads and validates a config file, for the CLI, the stack and the bench alike (a missing or
 * unreadable file is a ConfigError too). The one file read next to core's pure validation.
 */
export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist; pass the right path (--config <path>, or -c config=<path> to cdk)'
        : `the file cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(path, [{ path: '', message: reason }], { cause: error });
  }
  return parseConfigText(text, path);
}
