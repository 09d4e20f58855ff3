/**
 * The importer owns a special occasion only if its description ends with this marker. The
 * fingerprint records the events it last wrote, so a hand edit is visible as a mismatch.
 */

const MARKER_PATTERN = /\s*\[holiday-importer fp=([0-9a-f]{12})\]\s*$/;

export const DESCRIPTION_MAX_LENGTH = 200;
/** Room the marker takes in the description, with its separating space. */
export const MARKER_LENGTH = ' [holiday-importer fp=000000000000]'.length;

export function formatMarkedDescription(base: string, fingerprint: string): string {
  const marker = `[holiday-importer fp=${fingerprint}]`;
  const trimmed = base.trim();
  return trimmed ? `${trimmed} ${marker}` : marker;
}

export function readMarker(description: string | undefined): { fingerprint: string } | undefined {
  const match = MARKER_PATTERN.exec(description ?? '');
  return match?.[1] ? { fingerprint: match[1] } : undefined;
}
