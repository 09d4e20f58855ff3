import type { KyInstance } from 'ky';
import * as z from 'zod/mini';
import { insecureUrlProblem } from '../core/config/endpoint-url.js';
import { LivePersonError } from './errors.js';
import { endpointOf, readJson, toLivePersonError } from './http-transport.js';

/** The services the importer talks to: Account Config (read/write) and Login (agentVep). */
export type ServiceName = 'accountConfigReadWrite' | 'agentVep';

const ServiceEntrySchema = z.looseObject({ service: z.string(), baseURI: z.string().check(z.minLength(1)) });
// The all-services form lists every service; the single-service form is one entry.
const DomainAnswerSchema = z.union([
  z.pipe(
    z.looseObject({ baseURIs: z.array(ServiceEntrySchema) }),
    z.transform((answer) => answer.baseURIs),
  ),
  z.pipe(
    ServiceEntrySchema,
    z.transform((entry) => [entry]),
  ),
]);

export class DomainResolutionError extends LivePersonError {
  override name = 'DomainResolutionError';
}

/**
 * Resolves service hosts through the Domain API (CSDS) once per client: one call for all
 * services, and the single-service form only for a service that answer lacked. The scheme of
 * the CSDS URL is used for every host, so a loopback emulator can run on plain http.
 */
export class DomainResolver {
  private readonly cache = new Map<ServiceName, string>();
  private allLoaded = false;

  constructor(
    private readonly http: KyInstance,
    private readonly csdsUrl: URL,
    private readonly accountId: string,
  ) {}

  async baseUrl(service: ServiceName): Promise<string> {
    if (!this.cache.has(service) && !this.allLoaded) {
      this.allLoaded = true;
      await this.load(`/api/account/${encodeURIComponent(this.accountId)}/service/baseURI.json`, true);
    }
    if (!this.cache.has(service)) {
      await this.load(
        `/api/account/${encodeURIComponent(this.accountId)}/service/${service}/baseURI.json`,
        false,
      );
    }
    const host = this.cache.get(service);
    if (!host) {
      throw new DomainResolutionError(
        `The Domain API at ${this.csdsUrl.origin} has no "${service}" service for account ${this.accountId}; check the accountId and LP_CSDS_URL`,
      );
    }
    const base = `${this.csdsUrl.protocol}//${host}`;
    // A loopback Domain API over http may only name loopback hosts: credentials go to them.
    if (insecureUrlProblem(new URL(base))) {
      throw new DomainResolutionError(
        `The Domain API at ${this.csdsUrl.origin} names "${host}" for "${service}": over http, to a host that is not loopback, the credentials would travel in plain text; point LP_CSDS_URL at an https Domain API`,
      );
    }
    return base;
  }

  private async load(path: string, tolerateFailure: boolean): Promise<void> {
    const url = new URL(path, this.csdsUrl);
    url.searchParams.set('version', '1.0');
    const endpoint = endpointOf('GET', url);
    let entries: z.infer<typeof DomainAnswerSchema>;
    try {
      entries = await readJson(await this.http.get(url), DomainAnswerSchema, endpoint);
    } catch (error) {
      if (tolerateFailure) return;
      throw await toLivePersonError(error, 'GET', url);
    }
    for (const entry of entries) {
      if (entry.service === 'accountConfigReadWrite' || entry.service === 'agentVep') {
        this.cache.set(entry.service, entry.baseURI.replace(/^https?:\/\//, '').replace(/\/+$/, ''));
      }
    }
  }
}
