import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * RFC 5849 signature check, written independently of the client's signing library so that a
 * mistake in one cannot hide behind the same mistake in the other.
 */

export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function parseOAuthHeader(header: string): Map<string, string> | undefined {
  if (!header.startsWith('OAuth ')) return undefined;
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1]) return undefined;
    params.set(decodeURIComponent(match[1]), decodeURIComponent(match[2] ?? ''));
  }
  return params;
}

export function signatureBaseString(
  method: string,
  baseUrl: string,
  query: URLSearchParams,
  oauthParams: Map<string, string>,
): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of query) pairs.push([rfc3986(key), rfc3986(value)]);
  for (const [key, value] of oauthParams)
    if (key !== 'oauth_signature') pairs.push([rfc3986(key), rfc3986(value)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  const normalized = pairs.map(([key, value]) => `${key}=${value}`).join('&');
  return `${method.toUpperCase()}&${rfc3986(baseUrl)}&${rfc3986(normalized)}`;
}

export function verifySignature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
  signature: string,
): boolean {
  const expected = createHmac('sha1', `${rfc3986(consumerSecret)}&${rfc3986(tokenSecret)}`)
    .update(baseString)
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
