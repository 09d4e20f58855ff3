/**
 * Messages quote what they were given, and what they were given can be huge (a 1 MB event): these
 * keep every quote and list short, so an error stays a line a person reads.
 */

/** A value as a message quotes it: JSON-quoted, its middle cut when longer than `max`. */
export function quoteBounded(value: string, max = 80): string {
  if (value.length <= max) return JSON.stringify(value);
  const half = Math.floor((max - 1) / 2);
  return `${JSON.stringify(`${value.slice(0, half)}…${value.slice(-half)}`)} (${value.length} characters)`;
}

/** The first `max` items, then how many more. */
export function listBounded(items: readonly string[], max = 5, separator = ', '): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)}${separator}and ${items.length - max} more`;
}

/** A whole message cut to `max` characters, saying so. */
export function boundMessage(text: string, max = 4_000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
