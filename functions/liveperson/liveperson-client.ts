import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import { type Logger, type RetryPolicy, SILENT_LOGGER } from '../commons/interfaces.js';
import { parseCsdsUrl } from '../core/config/endpoint-url.js';
import { InputError } from '../core/errors.js';
import type { Skill, SpecialOccasion, SpecialOccasionDraft } from '../core/planner/special-occasion.js';
import type { Workdays } from '../core/planner/working-hours.js';
import { AuthSession } from './auth-session.js';
import type { CredentialsProvider } from './credentials.js';
import { DomainResolver } from './domain-api.js';
import {
  AuthenticationError,
  DeadlineExceededError,
  LivePersonError,
  OutcomeUnknownError,
  ResponseValidationError,
  StaleRevisionError,
} from './errors.js';
import {
  CREATE_RETRY,
  createTransport,
  endpointOf,
  RequestCounter,
  readJson,
  toLivePersonError,
} from './http-transport.js';
import {
  SkillListSchema,
  SkillWriteAnswerSchema,
  SpecialOccasionListSchema,
  SpecialOccasionWriteAnswerSchema,
  WorkdaysListSchema,
} from './wire-schemas.js';

/** The two Account Config collections the importer uses, each with its own revision. */
export type Collection = 'specialoccasion' | 'skills' | 'workinghours';

const COLLECTION_PATHS: Record<Collection, { path: string; version: string }> = {
  specialoccasion: { path: 'configuration/ac-common/specialoccasion', version: '1.0' },
  skills: { path: 'configuration/le-users/skills', version: '2.0' },
  workinghours: { path: 'configuration/ac-common/workinghours', version: '1.0' },
};

export interface LivePersonClientOptions {
  accountId: string;
  credentials: CredentialsProvider;
  /** Domain API base URL; `LP_CSDS_URL` in production. */
  csdsUrl?: string | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** Epoch ms: every request is aborted at it, and no retry starts that would pass it. */
  deadline?: number | undefined;
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
}

/**
 * The LivePerson Account Config client: special occasions and skills, with one revision per
 * collection read from `ac-revision`, sent as `If-Match` and chained from write to write.
 */
/** What a call's attempts left unknown: an attempt that may have been applied without an answer. */
interface AttemptTrail {
  unsure: boolean;
}

export class LivePersonClient {
  readonly requests = new RequestCounter();
  private readonly http: KyInstance;
  private readonly domains: DomainResolver;
  private readonly auth: AuthSession;
  private readonly revisions = new Map<Collection, string>();
  private readonly logger: Logger;

  constructor(private readonly options: LivePersonClientOptions) {
    this.logger = options.logger ?? SILENT_LOGGER;
    const { http, httpWithoutDeadline } = createTransport({
      retry: options.retry,
      deadline: options.deadline,
      fetch: options.fetch,
      logger: this.logger,
      counter: this.requests,
    });
    const csdsUrl = parseCsdsUrl(options.csdsUrl);
    this.domains = new DomainResolver(http, csdsUrl, options.accountId);
    this.auth = new AuthSession(options.credentials, http, this.domains, options.accountId, this.logger, {
      logoutHttp: httpWithoutDeadline,
    });
    this.http = http.extend({
      hooks: {
        beforeRetry: [
          ({ options: requestOptions, error }) => {
            // An attempt without a 4xx answer (no answer, a timeout, a 5xx) may have been applied.
            const refused = error instanceof HTTPError && error.response.status < 500;
            if (refused || error.name === 'ForceRetryError') return;
            const trail = (requestOptions.context as { attempts?: AttemptTrail }).attempts;
            if (trail) trail.unsure = true;
          },
        ],
        beforeRequest: [(request) => this.auth.authorize(request)],
        afterResponse: [
          async (_request, requestOptions, response) => {
            if (response.status !== 401) return response;
            // One fresh login per call: a second 401 means the credentials themselves are wrong.
            if (requestOptions.context.reauthenticated) return response;
            (requestOptions.context as { reauthenticated?: boolean }).reauthenticated = true;
            await this.auth.reauthenticate();
            return ky.retry({ delay: 0, code: 'REAUTHENTICATED' });
          },
        ],
      },
    });
  }

  /** The revision last seen for a collection (what the next write sends as If-Match). */
  revision(collection: Collection): string | undefined {
    return this.revisions.get(collection);
  }

  private async url(collection: Collection, suffix = '', query: Record<string, string> = {}): Promise<URL> {
    const base = await this.domains.baseUrl('accountConfigReadWrite');
    const { path, version } = COLLECTION_PATHS[collection];
    const url = new URL(`/api/account/${encodeURIComponent(this.options.accountId)}/${path}${suffix}`, base);
    url.searchParams.set('v', version);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  private async send(
    collection: Collection,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: URL,
    options: Options = {},
  ): Promise<Response> {
    let response: Response;
    const deadline = this.options.deadline;
    const attempts: AttemptTrail = { unsure: false };
    try {
      // The transport ends every attempt, body included, at the deadline.
      response = await this.http(url, { ...options, method, context: { reauthenticated: false, attempts } });
    } catch (error) {
      // A bad secret found while logging in again stops the run as it is: fix the secret.
      if (error instanceof InputError) throw error;
      if (deadline !== undefined && Date.now() >= deadline) {
        throw new DeadlineExceededError(endpointOf(method, url), method !== 'GET', { cause: error });
      }
      let mapped = await toLivePersonError(error, method, url, this.auth.redact);
      if (mapped instanceof StaleRevisionError && attempts.unsure) {
        // The 409 may answer this very write's earlier attempt, applied with its answer lost.
        mapped = new OutcomeUnknownError(
          mapped.endpoint,
          'an attempt lost its answer and the retry was answered 409 (the collection changed, perhaps by that attempt); the write may or may not have been applied',
          { cause: error },
        );
      }
      if (mapped instanceof AuthenticationError) {
        const which = await this.auth.describe();
        throw new AuthenticationError(
          mapped.endpoint,
          mapped.status,
          `still not authorized after fresh credentials and a new login; check ${which} and its permissions`,
          { cause: error },
        );
      }
      // A stale revision is part of normal recovery (re-read, re-plan), not an operator's problem.
      const level = mapped instanceof StaleRevisionError ? 'warn' : 'error';
      this.logger[level]('LivePerson call failed', {
        endpoint: endpointOf(method, url),
        error: mapped.message,
      });
      throw mapped;
    }
    const revision = response.headers.get('ac-revision') ?? response.headers.get('etag') ?? undefined;
    if (revision === undefined) {
      throw new ResponseValidationError(endpointOf(method, url), 'the ac-revision header is missing');
    }
    this.revisions.set(collection, revision.replace(/^W\/|"/g, ''));
    return response;
  }

  private ifMatch(collection: Collection, method: string): Record<string, string> {
    const revision = this.revisions.get(collection);
    if (revision === undefined) {
      throw new LivePersonError(`${method} on ${collection} needs its revision: read the collection first`);
    }
    return { 'if-match': revision };
  }

  async listSpecialOccasions(): Promise<SpecialOccasion[]> {
    const url = await this.url('specialoccasion', '', { select: '$all' });
    const response = await this.send('specialoccasion', 'GET', url);
    return readJson(response, SpecialOccasionListSchema, endpointOf('GET', url));
  }

  /** One POST. A lost answer is an OutcomeUnknownError: re-read and match by name before retrying. */
  async createSpecialOccasion(draft: SpecialOccasionDraft): Promise<SpecialOccasion> {
    const url = await this.url('specialoccasion');
    const headers = this.revisions.has('specialoccasion') ? this.ifMatch('specialoccasion', 'POST') : {};
    const response = await this.send('specialoccasion', 'POST', url, {
      json: draft,
      headers,
      retry: CREATE_RETRY,
    });
    const [created] = await readJson(response, SpecialOccasionWriteAnswerSchema, endpointOf('POST', url));
    if (!created) throw new ResponseValidationError(endpointOf('POST', url), 'the created object is missing');
    return created;
  }

  /**
   * Several occasions in one POST (array body; the answer mirrors it). A lost answer is an
   * OutcomeUnknownError: re-read and match by name before trying again.
   */
  async createSpecialOccasions(drafts: readonly SpecialOccasionDraft[]): Promise<SpecialOccasion[]> {
    const url = await this.url('specialoccasion');
    const headers = this.revisions.has('specialoccasion') ? this.ifMatch('specialoccasion', 'POST') : {};
    const response = await this.send('specialoccasion', 'POST', url, {
      json: drafts,
      headers,
      retry: CREATE_RETRY,
    });
    return readJson(response, SpecialOccasionWriteAnswerSchema, endpointOf('POST', url));
  }

  /** One PUT with every changed object (full objects, array body). */
  async updateSpecialOccasions(occasions: readonly SpecialOccasion[]): Promise<SpecialOccasion[]> {
    const url = await this.url('specialoccasion');
    const response = await this.send('specialoccasion', 'PUT', url, {
      json: occasions,
      headers: this.ifMatch('specialoccasion', 'PUT'),
    });
    return readJson(response, SpecialOccasionWriteAnswerSchema, endpointOf('PUT', url));
  }

  /** Soft-deletes by id, in one call (comma-separated ids). */
  async deleteSpecialOccasions(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const url = await this.url('specialoccasion', `/${ids.join(',')}`);
    const response = await this.send('specialoccasion', 'DELETE', url, {
      headers: this.ifMatch('specialoccasion', 'DELETE'),
    });
    await response.arrayBuffer();
  }

  /** Every Workdays object, read-only: the importer takes normal hours from them, never writes them. */
  async listWorkdays(): Promise<Workdays[]> {
    const url = await this.url('workinghours', '', { select: '$all' });
    const response = await this.send('workinghours', 'GET', url);
    return readJson(response, WorkdaysListSchema, endpointOf('GET', url));
  }

  async listSkills(): Promise<Skill[]> {
    const url = await this.url('skills', '', { select: '$all' });
    const response = await this.send('skills', 'GET', url);
    return readJson(response, SkillListSchema, endpointOf('GET', url));
  }

  /** One PUT with whole skill objects: every field LivePerson sent comes back untouched. */
  async updateSkills(skills: readonly Skill[]): Promise<Skill[]> {
    const url = await this.url('skills');
    const response = await this.send('skills', 'PUT', url, {
      json: skills,
      headers: this.ifMatch('skills', 'PUT'),
    });
    return readJson(response, SkillWriteAnswerSchema, endpointOf('PUT', url));
  }

  /** Logs out a bearer session. */
  /** Reads the credentials before any request: a bad secret is bad input before anything is sent. */
  async prepare(): Promise<void> {
    await this.options.credentials.get();
  }

  async close(): Promise<void> {
    await this.auth.close();
  }
}
