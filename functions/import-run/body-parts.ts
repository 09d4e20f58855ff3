/**
 * LivePerson documents no limit on a request body; a very large account would still meet one
 * somewhere. A batch is split only when its JSON would pass this size.
 */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/**
 * Splits items, in order, into parts whose JSON array body stays within `maxBytes` (an item
 * larger than that alone is a part of its own). Pure.
 */
export function partsBySize<T>(items: readonly T[], size: (item: T) => number, maxBytes: number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // []
  for (const item of items) {
    const itemBytes = size(item) + 1; // its comma
    if (current.length > 0 && bytes + itemBytes > maxBytes) {
      parts.push(current);
      current = [];
      bytes = 2;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The UTF-8 size of a value's JSON, as it goes on the wire. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
