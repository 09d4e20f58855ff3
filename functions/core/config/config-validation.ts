import type * as z from 'zod/mini';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { type Config, ConfigSchema } from './config-schema.js';

export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function toIssues(input: unknown, error: z.core.$ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatJsonPath([...issue.path, key]),
        message: 'is not a known setting (check the spelling against config/holidays.schema.json)',
      }));
    }
    const value = valueAt(input, issue.path);
    const got = describeValue(value);
    const message =
      issue.code === 'invalid_type' && value === undefined
        ? `is required (${issue.expected})`
        : issue.code !== 'custom'
          ? `${lowerFirst(issue.message)}; got ${got}`
          : value === undefined
            ? issue.message
            : `${got} ${issue.message}`;
    return [{ path: formatJsonPath(issue.path), message }];
  });
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** Validates a parsed config object; every problem is reported at once, with its JSON path. */
export function parseConfig(input: unknown, source: string): Config {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, toIssues(input, result.error), { cause: result.error });
  return result.data;
}

/** Line and column (1-based) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parses and validates the text of a config file (a leading UTF-8 byte order mark is ignored). */
export function parseConfigText(text: string, source: string): Config {
  const json = text.replace(/^\uFEFF/, '');
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where =
      position === undefined
        ? ''
        : (() => {
            const { line, column } = lineAndColumn(json, Number(position));
            return ` at line ${line}, column ${column}`;
          })();
    const hint = /\/\/|\/\*/.test(json) ? ' (comments are not allowed in JSON)' : '';
    throw new ConfigError(
      source,
      [{ path: '', message: `is not valid JSON${where}${hint}: ${(error as Error).message}` }],
      { cause: error },
    );
  }
  return parseConfig(input, source);
}
