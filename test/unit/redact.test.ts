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
