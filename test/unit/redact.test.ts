import { describe, expect, it } from 'vitest';
import { redactText } from '../../functions/commons/redact.js';

describe('redactText', () => {
  it.each([
    {
      name: 'a known value anywhere',
      text: 'login failed for hunter2-secret-value in body',
      secrets: ['hunter2-secret-value'],
      expected: 'login failed for [redacted] in body',
    },
    {
      name: 'an echoed JSON body: secret-looking fields, known or not',
      text: '{"message":"invalid login request {"username":"bot","password":"p4ss-word!"}"}',
      secrets: [],
      expected: '{"message":"invalid login request {"username":"bot","password":"[redacted]"}"}',
    },
    {
      name: 'a bearer',
      text: 'Authorization: Bearer 0f3c9a8b7c6d5e4f was refused',
      secrets: [],
      expected: 'Authorization: Bearer [redacted] was refused',
    },
    {
      name: 'an OAuth header',
      text: 'header OAuth oauth_consumer_key="k", oauth_signature="abc%3D" rejected',
      secrets: [],
      expected: 'header OAuth [redacted] rejected',
    },
    {
      name: 'query-style fields',
      text: 'oauth_signature=abcDEF123&oauth_token=tok123456&v=1.0',
      secrets: [],
      expected: 'oauth_signature="[redacted]"&oauth_token="[redacted]"&v=1.0',
    },
    {
      name: 'a value containing another: the longer one whole',
      text: 'abcdefgh-1234 and abcdefgh',
      secrets: ['abcdefgh', 'abcdefgh-1234'],
      expected: '[redacted] and [redacted]',
    },
    {
      name: 'ordinary text untouched',
      text: 'GET /skills answered 503: busy',
      secrets: ['x'],
      expected: 'GET /skills answered 503: busy',
    },
  ])('$name', ({ text, secrets, expected }) => {
    expect(redactText(text, secrets)).toBe(expected);
  });
});

describe('a secret in every escaping an answer can give it', () => {
  const password = 'pa"ss\\w0rd-ünïcödé';
  const json = (value: string) => JSON.stringify(value).slice(1, -1);
  const asciiJson = (value: string) =>
    json(value).replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

  it.each([
    { name: 'raw', form: password },
    { name: 'JSON-escaped', form: json(password) },
    { name: 'JSON-escaped twice (a JSON body quoted in a JSON message)', form: json(json(password)) },
    { name: 'JSON with \\u escapes, lower-case hex', form: asciiJson(password) },
    {
      name: 'JSON with \\u escapes, upper-case hex',
      form: asciiJson(password).replace(/\\u(\w{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`),
    },
    { name: 'URL-encoded', form: encodeURIComponent(password) },
    { name: 'URL-encoded, lower-case hex', form: encodeURIComponent(password).toLowerCase() },
    { name: 'form-encoded (a space as +)', form: form(`${password} x`), secret: `${password} x` },
    { name: 'form-encoded inside a JSON message', form: json(form(password)) },
    { name: 'HTML-escaped', form: password.replace(/"/g, '&quot;') },
  ])('$name', ({ form: echoed, secret = password }: { form: string; secret?: string }) => {
    // Unknown field names, so only the value itself can be matched.
    const text = `{"message":"rejected: user=holiday.bot&credential=${echoed}&v=1.3"}`;
    const scrubbed = redactText(text, [secret]);
    expect(scrubbed).toContain('[redacted]');
    expect(scrubbed).not.toContain(echoed);
    for (const piece of ['pa"ss', 'pa\\"ss', 'pa%22ss', 'w0rd', 'n%C3%AF', 'nïc', 'n\\u00efc']) {
      expect(scrubbed).not.toContain(piece);
    }
  });

  it('leaves the rest of the text as it was', () => {
    const text = `{"message":"invalid login request {\\"username\\":\\"holiday.bot\\",\\"pwd\\":\\"${json(json(password))}\\"}"}`;
    expect(redactText(text, [password])).toBe(
      '{"message":"invalid login request {\\"username\\":\\"holiday.bot\\",\\"pwd\\":\\"[redacted]\\"}"}',
    );
  });
});
