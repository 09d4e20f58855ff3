/**
 * Scrubs secrets from text that came from elsewhere (an error answer may echo the request):
 * every known secret value, bearer and OAuth authorization values, and the values of fields
 * whose names say they are secret.
 */

const REDACTED = '[redacted]';
const BEARER = /\bBearer\s+[^\s",;]+/gi;
const OAUTH = /\bOAuth\s+(?:[a-z_]+="[^"]*"(?:\s*,\s*)?)+/gi;
// Field names that say their value is secret, in JSON ("password":"..."), query or header form.
const SECRET_FIELD =
  /((?:\\?")?(?:password|secret|accessTokenSecret|accessToken|appKey|bearer|csrf|token|oauth_signature|oauth_token|oauth_consumer_key|Session_id)(?:\\?")?\s*[:=]\s*)(\\?"(?:[^"\\]|\\[^"])*\\?"|[^\s,&;}"\\]+)/gi;

/** Values shorter than this are not scrubbed by value (they would blank out ordinary words). */
const MIN_SECRET_LENGTH = 6;

export type Redact = (text: string) => string;

export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text;
  const values = [...secrets].filter((value): value is string => (value?.length ?? 0) >= MIN_SECRET_LENGTH);
  // Longest first, so a value that contains another is scrubbed whole.
  for (const value of values.sort((a, b) => b.length - a.length)) result = result.split(value).join(REDACTED);
  return result
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(OAUTH, `OAuth ${REDACTED}`)
    .replace(SECRET_FIELD, (_match, prefix: string) => `${prefix}"${REDACTED}"`);
}
