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

const hex4 = (char: string) => char.charCodeAt(0).toString(16).padStart(4, '0');
const lowerPercent = (text: string) => text.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());

/**
 * The ways an answer can carry a value: as sent, inside a JSON string (serializers differ on
 * non-ASCII: kept, or \u-escaped in either case), URL-encoded (path or query style, form style
 * with "+", either hex case) and HTML-escaped.
 */
const ENCODINGS: readonly ((value: string) => string)[] = [
  (value) => JSON.stringify(value).slice(1, -1),
  (value) =>
    JSON.stringify(value)
      .slice(1, -1)
      .replace(/[\u0080-\uffff]/g, (char) => `\\u${hex4(char)}`),
  (value) =>
    JSON.stringify(value)
      .slice(1, -1)
      .replace(/[\u0080-\uffff]/g, (char) => `\\u${hex4(char).toUpperCase()}`),
  (value) => encodeURIComponent(value),
  (value) => lowerPercent(encodeURIComponent(value)),
  (value) => new URLSearchParams({ v: value }).toString().slice(2),
  (value) => lowerPercent(new URLSearchParams({ v: value }).toString().slice(2)),
  (value) =>
    value.replace(
      /[&<>"']/g,
      (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[char]};`,
    ),
];

/**
 * Every form a secret can take in an answer, up to two encodings deep: an echoed JSON body
 * quoted inside a JSON error message is escaped twice; a form body quoted in JSON, once each.
 */
export function secretForms(value: string): string[] {
  const once = ENCODINGS.map((encode) => encode(value));
  const twice = once.flatMap((form) => ENCODINGS.map((encode) => encode(form)));
  return [...new Set([value, ...once, ...twice])];
}

export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text;
  const values = [...secrets]
    .filter((value): value is string => (value?.length ?? 0) >= MIN_SECRET_LENGTH)
    .flatMap(secretForms);
  // Longest first, so a form that contains another is scrubbed whole.
  for (const value of [...new Set(values)].sort((a, b) => b.length - a.length)) {
    result = result.split(value).join(REDACTED);
  }
  return result
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(OAUTH, `OAuth ${REDACTED}`)
    .replace(SECRET_FIELD, (_match, prefix: string) => `${prefix}"${REDACTED}"`);
}
