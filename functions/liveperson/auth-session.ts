import { createHmac } from 'node:crypto';
import type { KyInstance } from 'ky';
import OAuth from 'oauth-1.0a';
import * as z from 'zod/mini';
import type { Logger } from '../commons/interfaces.js';
import { redactText } from '../commons/redact.js';
import { type CredentialsProvider, describeCredentials, type LivePersonCredentials } from './credentials.js';
import type { DomainResolver } from './domain-api.js';
import { AuthenticationError } from './errors.js';
import { endpointOf, readJson, toLivePersonError } from './http-transport.js';

const LoginAnswerSchema = z.looseObject({
  bearer: z.string().check(z.minLength(1)),
  csrf: z.optional(z.string()),
  sessionTTl: z.optional(z.union([z.string(), z.number()])),
});

interface BearerSession {
  bearer: string;
  csrf?: string | undefined;
  sessionCookie?: string | undefined;
}

/**
 * Puts credentials on requests: an OAuth 1.0 signature per request for API keys, or a Login
 * Service bearer (logged in lazily, logged out at the end). `reauthenticate` re-reads the
 * credentials once and starts a new session, for a 401 in mid-run.
 */
export class AuthSession {
  private credentials: LivePersonCredentials | undefined;
  private session: BearerSession | undefined;
  private sessionPromise: Promise<BearerSession | undefined> | undefined;
  private refreshedForLogin = false;

  constructor(
    private readonly provider: CredentialsProvider,
    private readonly http: KyInstance,
    private readonly domains: DomainResolver,
    private readonly accountId: string,
    private readonly logger: Logger,
    /** The logout runs after the run's deadline too, so it goes through a stack without one. */
    private readonly endpoints: { logoutHttp: KyInstance },
  ) {}

  /** Scrubs the credentials in use and the session's tokens out of text from elsewhere. */
  readonly redact = (text: string): string => {
    const credentials = this.credentials ? Object.values(this.credentials) : [];
    const session = this.session ? [this.session.bearer, this.session.csrf, this.session.sessionCookie] : [];
    return redactText(text, [...credentials, ...session]);
  };

  /** Which credentials are in use, for error messages (never their values). */
  async describe(): Promise<string> {
    return describeCredentials(await this.current());
  }

  private async current(): Promise<LivePersonCredentials> {
    this.credentials ??= await this.provider.get();
    return this.credentials;
  }

  async authorize(request: Request): Promise<void> {
    const credentials = await this.current();
    if (credentials.authType !== 'oauth1') {
      this.sessionPromise ??= this.loginOrRefresh(credentials);
      const session = await this.sessionPromise;
      if (session) {
        request.headers.set('authorization', `Bearer ${session.bearer}`);
        return;
      }
    }
    // Re-read credentials may have switched to an API key.
    const current = await this.current();
    if (current.authType === 'oauth1') {
      request.headers.set('authorization', signOAuth1(current, request.method, request.url));
    }
  }

  async reauthenticate(): Promise<void> {
    this.logger.warn('LivePerson answered 401: re-reading the credentials and authenticating again');
    // The session is dead (LivePerson said so): never log it out, even if re-reading fails.
    this.session = undefined;
    this.sessionPromise = undefined;
    this.credentials = await this.provider.refresh();
    this.refreshedForLogin = true;
  }

  private async loginUrl(action: 'login' | 'logout'): Promise<URL> {
    const base = await this.domains.baseUrl('agentVep');
    const url = new URL(`/api/account/${encodeURIComponent(this.accountId)}/${action}`, base);
    url.searchParams.set('v', '1.3');
    return url;
  }

  /** A rejected login re-reads the credentials once (they may have been rotated) and tries again. */
  private async loginOrRefresh(
    credentials: Exclude<LivePersonCredentials, { authType: 'oauth1' }>,
  ): Promise<BearerSession | undefined> {
    try {
      return await this.login(credentials);
    } catch (error) {
      if (!(error instanceof AuthenticationError) || this.refreshedForLogin) throw error;
      this.refreshedForLogin = true;
      this.logger.warn('LivePerson login rejected: re-reading the credentials and trying once more');
      this.credentials = await this.provider.refresh();
      return this.credentials.authType === 'oauth1' ? undefined : this.login(this.credentials);
    }
  }

  private async login(
    credentials: Exclude<LivePersonCredentials, { authType: 'oauth1' }>,
  ): Promise<BearerSession> {
    const url = await this.loginUrl('login');
    const { authType: _authType, ...body } = credentials;
    let response: Response;
    try {
      response = await this.http.post(url, { json: body });
    } catch (error) {
      const mapped = await toLivePersonError(error, 'POST', url, (text) =>
        redactText(text, Object.values(credentials)),
      );
      if (mapped instanceof AuthenticationError) {
        throw new AuthenticationError(
          mapped.endpoint,
          401,
          `the Login Service rejected ${describeCredentials(credentials)}; check the secret`,
          { cause: error },
        );
      }
      throw mapped;
    }
    const answer = await readJson(response, LoginAnswerSchema, endpointOf('POST', url));
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('Session_id='));
    this.session = { bearer: answer.bearer, csrf: answer.csrf, sessionCookie: cookie };
    this.logger.info('Logged in to LivePerson', { authType: credentials.authType });
    return this.session;
  }

  /** Ends a bearer session; a failure is logged, never thrown (the run's work is done). */
  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.sessionPromise = undefined;
    if (!session) return;
    const url = await this.loginUrl('logout');
    try {
      await this.endpoints.logoutHttp.post(url, {
        json: { csrf: session.csrf ?? '' },
        headers: session.sessionCookie ? { cookie: session.sessionCookie } : {},
        retry: { limit: 0 },
        // Also after the run's deadline: a short, last call that never holds the run up long.
        timeout: 5_000,
      });
    } catch (error) {
      const mapped = await toLivePersonError(error, 'POST', url, this.redact);
      this.logger.warn('LivePerson logout failed; the session expires by itself', { error: mapped.message });
    }
  }
}

/** OAuth 1.0 HMAC-SHA1 over method, URL and query parameters (JSON bodies are not signed). */
export function signOAuth1(
  credentials: Extract<LivePersonCredentials, { authType: 'oauth1' }>,
  method: string,
  url: string,
): string {
  const oauth = new OAuth({
    consumer: { key: credentials.appKey, secret: credentials.secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const data = oauth.authorize(
    { url, method },
    { key: credentials.accessToken, secret: credentials.accessTokenSecret },
  );
  return oauth.toHeader(data).Authorization;
}
