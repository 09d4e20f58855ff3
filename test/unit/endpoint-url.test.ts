import { describe, expect, it } from 'vitest';
import {
  InsecureEndpointError,
  isLoopbackHost,
  parseCsdsUrl,
} from '../../functions/core/config/endpoint-url.js';
import { InputError } from '../../functions/core/errors.js';

describe('the Domain API URL', () => {
  it.each([
    ['https://api.liveperson.net', 'https://api.liveperson.net/'],
    ['https://va.agentvep.liveperson.net:8443/', 'https://va.agentvep.liveperson.net:8443/'],
    ['http://127.0.0.1:41234', 'http://127.0.0.1:41234/'],
    ['http://127.8.9.10', 'http://127.8.9.10/'],
    ['http://localhost:8080', 'http://localhost:8080/'],
    ['http://[::1]:8080', 'http://[::1]:8080/'],
    [undefined, 'https://api.liveperson.net/'],
    ['', 'https://api.liveperson.net/'],
  ])('accepts %j', (text, href) => {
    expect(parseCsdsUrl(text).href).toBe(href);
  });

  it.each([
    ['http://api.liveperson.net', 'LP_CSDS_URL "http://api.liveperson.net" uses http to api.liveperson.net'],
    ['http://10.0.0.5:8080', 'uses http to 10.0.0.5, which would send the credentials in plain text'],
    ['http://127.0.0.1.nip.io', 'uses http to 127.0.0.1.nip.io'],
    ['http://[::ffff:7f00:1]', 'uses http to [::ffff:7f00:1]'],
    ['ftp://api.liveperson.net', 'LP_CSDS_URL "ftp://api.liveperson.net" uses ftp'],
    ['api.liveperson.net', 'LP_CSDS_URL "api.liveperson.net" is not a URL'],
  ])('refuses %j as bad input', (text, message) => {
    const error = (() => {
      try {
        parseCsdsUrl(text);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(InsecureEndpointError);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(message);
  });

  it('never prints credentials written into the URL', () => {
    expect(() => parseCsdsUrl('ftp://bot:hunter2-secret@api.liveperson.net')).toThrow(
      /^(?!.*hunter2).*uses ftp/,
    );
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['sandbox.localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
