import { InputError } from '../errors.js';

/**
 * Where the importer may send credentials. The password, the bearer and OAuth signatures go to
 * the Domain API and to every host it names, so only https carries them; plain http is allowed
 * for loopback hosts alone (the sandbox, a local proxy), where nothing crosses a network.
 */

export const DEFAULT_CSDS_URL = 'https://api.liveperson.net';

export class InsecureEndpointError extends InputError {
  override name = 'InsecureEndpointError';
}

/** 127.0.0.0/8, ::1 and localhost: hosts whose traffic never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** Why a URL may not carry credentials, or undefined when it may. */
export function insecureUrlProblem(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `uses http to ${url.hostname}, which would send the credentials in plain text; use https (http is for loopback hosts only: 127.0.0.1, ::1, localhost)`;
  }
  return `uses ${url.protocol.replace(/:$/, '')}; the LivePerson APIs are reached over https`;
}

/**
 * The Domain API base URL from `LP_CSDS_URL` (or the `lpCsdsUrl` deployment setting): a URL,
 * https unless the host is loopback. `source` names where the value came from, for the message.
 */
export function parseCsdsUrl(text: string | undefined, source = 'LP_CSDS_URL'): URL {
  const value = text === undefined || text.trim() === '' ? DEFAULT_CSDS_URL : text.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new InsecureEndpointError(
      `${source} "${value}" is not a URL; set it to the Domain API's, e.g. ${DEFAULT_CSDS_URL}, or unset it`,
      { cause: error },
    );
  }
  const problem = insecureUrlProblem(url);
  if (problem) {
    throw new InsecureEndpointError(
      `${source} "${url.protocol}//${url.host}" ${problem}; e.g. ${DEFAULT_CSDS_URL}`,
    );
  }
  return url;
}
