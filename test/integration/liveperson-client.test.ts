import { describe, expect, it } from 'vitest';
import type {
  Skill,
  SpecialOccasion,
  SpecialOccasionDraft,
} from '../../functions/core/planner/special-occasion.js';
import type { CredentialsProvider } from '../../functions/liveperson/credentials.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import {
  AuthenticationError,
  LivePersonApiError,
  LivePersonNetworkError,
  OutcomeUnknownError,
  ResponseValidationError,
  StaleRevisionError,
} from '../../functions/liveperson/errors.js';
import { LivePersonClient } from '../../functions/liveperson/liveperson-client.js';
import type { LoggedRequest } from '../../sandbox/index.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, SANDBOX_SECRET_VALUES } from '../../sandbox/index.js';
import { calls, rejectionOf } from '../helpers/request-log.js';
import {
  AUTH_TYPES,
  type CapturedLog,
  capturingLogger,
  clientFor,
  FAST_RETRY,
  useSandbox,
} from '../helpers/sandbox-harness.js';

const SO_PATH = `/api/account/${SANDBOX_ACCOUNT}/configuration/ac-common/specialoccasion`;
const SKILLS_PATH = `/api/account/${SANDBOX_ACCOUNT}/configuration/le-users/skills`;

function draft(name = 'Holidays DE-BY', days = ['2027-01-01']): SpecialOccasionDraft {
  return {
    name,
    description: 'Public holidays [holiday-importer fp=0123456789ab]',
    deleted: false,
    isDefault: false,
    events: days.map((day) => ({
      meta: { working: false, name: `Holiday ${day}` },
      start: { dateTime: `${day}T00:00:00`, timeZone: 'Europe/Berlin' },
      end: { dateTime: `${day}T23:59:59`, timeZone: 'Europe/Berlin' },
      recurrence: [],
    })),
  };
}

function acCalls(requests: readonly LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => request.path.includes('/configuration/'));
}

describe('LivePersonClient against the sandbox, over real HTTP', () => {
  const sandbox = useSandbox();

  describe.each(AUTH_TYPES)('with %s credentials', (auth) => {
    it('lists, creates, updates and deletes special occasions, chaining the revision', async () => {
      const client = clientFor(sandbox.current, auth);
      expect(await client.listSpecialOccasions()).toEqual([]);
      const listed = client.revision('specialoccasion');
      const created = await client.createSpecialOccasion(draft());
      expect(created.id).toBeGreaterThan(1_000_000_000);
      expect(created.events).toHaveLength(1);
      const [second] = await client.updateSpecialOccasions([
        { ...created, events: draft('x', ['2027-12-25']).events },
      ]);
      expect(second?.events[0]?.start.dateTime).toBe('2027-12-25T00:00:00');
      await client.deleteSpecialOccasions([created.id]);
      expect(await client.listSpecialOccasions()).toEqual([]);
      await client.close();

      const ac = acCalls(sandbox.current.requests);
      expect(calls(ac)).toEqual([
        'GET /configuration/ac-common/specialoccasion',
        'POST /configuration/ac-common/specialoccasion',
        'PUT /configuration/ac-common/specialoccasion',
        `DELETE /configuration/ac-common/specialoccasion/${created.id}`,
        'GET /configuration/ac-common/specialoccasion',
      ]);
      expect(ac[0]?.query).toEqual({ v: '1.0', select: '$all' });
      // Each write sends the revision the previous answer returned.
      expect(ac[1]?.headers['if-match']).toBe(listed);
      expect(ac[2]?.headers['if-match']).toBe(String(Number(listed) + 1));
      expect(ac[3]?.headers['if-match']).toBe(String(Number(listed) + 2));
      expect(Array.isArray(ac[2]?.body)).toBe(true);
      for (const request of ac) {
        expect(request.headers.authorization).toMatch(auth === 'oauth1' ? /^OAuth / : /^Bearer /);
      }
      const expectedLogins = auth === 'oauth1' ? [] : ['POST /login', 'POST /logout'];
      expect(calls(sandbox.current.requests).filter((line) => /login|logout/.test(line))).toEqual(
        expectedLogins,
      );
    });

    it('lists skills whole and updates them in one PUT, unknown fields untouched', async () => {
      const [occasion] = sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
        ...draft(),
      });
      sandbox.current.state.put(
        SANDBOX_ACCOUNT,
        'skills',
        {
          id: 11,
          name: 'Support',
          skillOrder: 2,
          skillRoutingConfiguration: [{ agentGroupId: 3 }],
          futureField: { a: 1 },
        },
        { id: 12, name: 'Billing', specialOccasionId: null },
      );
      const client = clientFor(sandbox.current, auth);
      const skills = await client.listSkills();
      expect(skills.map((skill) => skill.name)).toEqual(['Support', 'Billing']);
      const relinked = skills.map(
        (skill): Skill => ({ ...skill, specialOccasionId: occasion?.id as number }),
      );
      const answer = await client.updateSkills(relinked);
      expect(answer).toHaveLength(2);
      await client.close();
      const stored = sandbox.current.state.live(SANDBOX_ACCOUNT, 'skills');
      expect(stored[0]).toMatchObject({
        id: 11,
        skillOrder: 2,
        skillRoutingConfiguration: [{ agentGroupId: 3 }],
        futureField: { a: 1 },
        specialOccasionId: occasion?.id,
      });
      const ac = acCalls(sandbox.current.requests);
      expect(calls(ac)).toEqual(['GET /configuration/le-users/skills', 'PUT /configuration/le-users/skills']);
      expect(ac[0]?.query).toEqual({ v: '2.0', select: '$all' });
      expect(ac[1]?.headers['if-match']).toBe(
        String(sandbox.current.state.revision(SANDBOX_ACCOUNT, 'skills') - 1),
      );
    });
  });

  describe('Domain API', () => {
    it('resolves once per client, from the all-services answer, with the scheme of LP_CSDS_URL', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      await client.listSkills();
      const domainCalls = sandbox.current.requests.filter((request) => request.path.includes('/service/'));
      expect(domainCalls.map((request) => request.path)).toEqual([
        `/api/account/${SANDBOX_ACCOUNT}/service/baseURI.json`,
      ]);
      expect(domainCalls[0]?.query).toEqual({ version: '1.0' });
    });

    it('falls back to the single-service form when the all-services form is not offered', async () => {
      sandbox.current.options.domainShape = 'single';
      const client = clientFor(sandbox.current, 'login');
      await client.listSpecialOccasions();
      await client.close();
      expect(calls(sandbox.current.requests)).toEqual([
        'GET /service/baseURI.json',
        'GET /service/accountConfigReadWrite/baseURI.json',
        'GET /service/agentVep/baseURI.json',
        'POST /login',
        'GET /configuration/ac-common/specialoccasion',
        'POST /logout',
      ]);
    });

    it('an unknown account is a clear error before any Account Config call', async () => {
      const client = new LivePersonClient({
        accountId: '99999999',
        csdsUrl: sandbox.current.url,
        credentials: staticCredentials(SANDBOX_CREDENTIALS.oauth1),
        retry: FAST_RETRY,
      });
      const error = await rejectionOf(client.listSpecialOccasions());
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain('/service/accountConfigReadWrite/baseURI.json');
      expect(acCalls(sandbox.current.requests)).toEqual([]);
    });
  });

  describe('retry policy', () => {
    it('429: honours Retry-After, never sooner than the minimum', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 429, retryAfter: '0' });
      const client = clientFor(sandbox.current, 'oauth1', { retry: { minThrottleDelayMs: 300 } });
      const started = Date.now();
      await client.listSpecialOccasions();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(acCalls(sandbox.current.requests).map((request) => request.status)).toEqual([429, 200]);
    });

    it('429 with Retry-After: 1 waits a second', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 429, retryAfter: '1' });
      const client = clientFor(sandbox.current, 'oauth1');
      const started = Date.now();
      await client.listSpecialOccasions();
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it.each([500, 502, 503, 504])('%i is retried until it succeeds', async (status) => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status, times: 2 });
      await clientFor(sandbox.current, 'oauth1').listSpecialOccasions();
      expect(acCalls(sandbox.current.requests).map((request) => request.status)).toEqual([
        status,
        status,
        200,
      ]);
    });

    it('5xx: 3 retries, then a LivePersonApiError naming the endpoint', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 503, times: 10 });
      const error = await rejectionOf(clientFor(sandbox.current, 'oauth1').listSpecialOccasions());
      expect(error).toBeInstanceOf(LivePersonApiError);
      expect(error.message).toContain(`GET ${SO_PATH} answered 503`);
      expect(acCalls(sandbox.current.requests)).toHaveLength(4);
    });

    it.each([400, 403, 404])('%i is never retried', async (status) => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status, times: 5 });
      const error = await rejectionOf(clientFor(sandbox.current, 'oauth1').listSpecialOccasions());
      expect(error).toBeInstanceOf(LivePersonApiError);
      expect((error as LivePersonApiError).status).toBe(status);
      expect(acCalls(sandbox.current.requests)).toHaveLength(1);
    });

    it('a slow answer times out and is retried', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', delayMs: 2_000 });
      const client = clientFor(sandbox.current, 'oauth1', { retry: { timeoutMs: 700 } });
      expect(await client.listSpecialOccasions()).toEqual([]);
      expect(acCalls(sandbox.current.requests)).toHaveLength(2);
    });

    it('a dropped connection on a read is retried; endless drops end in a network error', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'skills', drop: true });
      const client = clientFor(sandbox.current, 'oauth1');
      expect(await client.listSkills()).toEqual([]);
      sandbox.current.addFault({ method: 'GET', path: 'skills', drop: true, times: 10 });
      const error = await rejectionOf(client.listSkills());
      expect(error).toBeInstanceOf(LivePersonNetworkError);
      expect(error).not.toBeInstanceOf(OutcomeUnknownError);
      expect(error.message).toContain(`GET ${SKILLS_PATH} failed`);
    });

    it('a create whose answer was lost is not re-sent: OutcomeUnknownError, and the object exists once', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', commitThenDrop: true });
      const error = await rejectionOf(client.createSpecialOccasion(draft()));
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error.message).toContain('may or may not have been applied');
      expect(acCalls(sandbox.current.requests).filter((request) => request.method === 'POST')).toHaveLength(
        1,
      );
      expect(sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion')).toHaveLength(1);
    });

    it('a create dropped before processing is not re-sent either', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', drop: true });
      expect(await rejectionOf(client.createSpecialOccasion(draft()))).toBeInstanceOf(OutcomeUnknownError);
      expect(acCalls(sandbox.current.requests).filter((request) => request.method === 'POST')).toHaveLength(
        1,
      );
      expect(sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion')).toHaveLength(0);
    });

    it('a create throttled with 429 is retried (the server did not process it); 503 is not', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 429, retryAfter: '0' });
      await client.createSpecialOccasion(draft('A'));
      sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 503 });
      expect(await rejectionOf(client.createSpecialOccasion(draft('B')))).toBeInstanceOf(LivePersonApiError);
      const posts = acCalls(sandbox.current.requests).filter((request) => request.method === 'POST');
      expect(posts.map((request) => request.status)).toEqual([429, 200, 503]);
    });

    it('an update whose answer was lost is retried; the 409 that follows leaves its outcome unknown (it was applied)', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      const created = await client.createSpecialOccasion(draft());
      sandbox.current.addFault({ method: 'PUT', path: 'specialoccasion', commitThenDrop: true });
      const error = await rejectionOf(
        client.updateSpecialOccasions([{ ...created, description: 'changed' }]),
      );
      // Not a refusal: the 409 may answer the lost attempt itself, so only a read can tell.
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as Error).message).toContain('the retry was answered 409');
      expect(sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion')[0]?.description).toBe('changed');
    });
  });

  describe('authentication', () => {
    it('a bearer that expires mid-run: re-read credentials, log in again, replay once', async () => {
      let refreshed = 0;
      const provider: CredentialsProvider = {
        get: async () => SANDBOX_CREDENTIALS.login,
        refresh: async () => {
          refreshed += 1;
          return SANDBOX_CREDENTIALS.login;
        },
      };
      const client = new LivePersonClient({
        accountId: SANDBOX_ACCOUNT,
        csdsUrl: sandbox.current.url,
        credentials: provider,
        retry: FAST_RETRY,
      });
      await client.listSpecialOccasions();
      sandbox.current.state.expireSessions();
      await client.listSkills();
      await client.close();
      expect(refreshed).toBe(1);
      expect(calls(sandbox.current.requests).slice(1)).toEqual([
        'POST /login',
        'GET /configuration/ac-common/specialoccasion',
        'GET /configuration/le-users/skills',
        'POST /login',
        'GET /configuration/le-users/skills',
        'POST /logout',
      ]);
      expect(sandbox.current.requests.map((request) => request.status)).toEqual([
        200, 200, 200, 401, 200, 200, 200,
      ]);
    });

    it('credentials that were rotated: the fresh ones from the provider are used after a 401', async () => {
      const stale = { ...SANDBOX_CREDENTIALS.oauth1, accessTokenSecret: 'rotated-away' };
      const client = new LivePersonClient({
        accountId: SANDBOX_ACCOUNT,
        csdsUrl: sandbox.current.url,
        credentials: { get: async () => stale, refresh: async () => SANDBOX_CREDENTIALS.oauth1 },
        retry: FAST_RETRY,
      });
      expect(await client.listSpecialOccasions()).toEqual([]);
      expect(acCalls(sandbox.current.requests).map((request) => request.status)).toEqual([401, 200]);
    });

    it.each([
      { auth: 'oauth1' as const, field: 'secret' as const, kind: /API key \(authType "oauth1"/ },
      { auth: 'login' as const, field: 'password' as const, kind: /user login \(authType "login"/ },
      {
        auth: 'appLogin' as const,
        field: 'accessTokenSecret' as const,
        kind: /application login \(authType "appLogin"/,
      },
    ])(
      'wrong $auth credentials: one retry, then an error naming the kind, never the values',
      async ({ auth, field, kind }) => {
        const wrong = { ...SANDBOX_CREDENTIALS[auth], [field]: 'wrong-value-4242' };
        const lines: CapturedLog[] = [];
        const client = new LivePersonClient({
          accountId: SANDBOX_ACCOUNT,
          csdsUrl: sandbox.current.url,
          credentials: staticCredentials(wrong as typeof SANDBOX_CREDENTIALS.login),
          retry: FAST_RETRY,
          logger: capturingLogger(lines),
        });
        const error = await rejectionOf(client.listSpecialOccasions());
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.message).toMatch(kind);
        const everything = [error.message, String(error.cause), JSON.stringify(lines)].join('\n');
        for (const secret of [...SANDBOX_SECRET_VALUES, 'wrong-value-4242'])
          expect(everything).not.toContain(secret);
        const attempts = sandbox.current.requests.filter((request) => request.status === 401);
        expect(attempts).toHaveLength(2);
      },
    );

    it('no secret or token appears in any log line, whatever happens', async () => {
      const lines: CapturedLog[] = [];
      for (const auth of AUTH_TYPES) {
        const client = clientFor(sandbox.current, auth, { logger: capturingLogger(lines) });
        sandbox.current.addFault({ method: 'GET', status: 503 });
        await client.listSpecialOccasions();
        sandbox.current.state.expireSessions();
        await client.listSkills();
        await client.close();
      }
      const logged = JSON.stringify(lines);
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of SANDBOX_SECRET_VALUES) expect(logged).not.toContain(secret);
      for (const session of sandbox.current.state.sessions.values())
        expect(logged).not.toContain(session.bearer);
      expect(logged.toLowerCase()).not.toContain('authorization');
    });
  });

  describe('revisions and answers', () => {
    it('a write after an out-of-band change is a StaleRevisionError; re-reading fixes it', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      const created = await client.createSpecialOccasion(draft());
      sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', { ...draft('Someone else') });
      const error = await rejectionOf(client.updateSpecialOccasions([{ ...created, description: 'mine' }]));
      expect(error).toBeInstanceOf(StaleRevisionError);
      expect(acCalls(sandbox.current.requests).filter((request) => request.method === 'PUT')).toHaveLength(1);
      const fresh = await client.listSpecialOccasions();
      const mine = fresh.find((item) => item.id === created.id) as SpecialOccasion;
      await client.updateSpecialOccasions([{ ...mine, description: 'mine' }]);
      expect(
        sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion').find((item) => item.id === created.id),
      ).toMatchObject({
        description: 'mine',
      });
    });

    it.each([
      { name: 'not JSON', body: '<html>oops</html>', message: /not JSON/ },
      { name: 'a field missing', body: '[{"name":"x"}]', message: /\[0\]\.id/ },
      { name: 'an id that is not a number', body: '[{"id":"1","name":"x"}]', message: /\[0\]\.id/ },
      { name: 'not a list', body: '{"id":1}', message: /\(body\)/ },
    ])(
      'a malformed answer ($name) is a ResponseValidationError naming the endpoint',
      async ({ body, message }) => {
        sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', replaceBody: body });
        const error = await rejectionOf(clientFor(sandbox.current, 'oauth1').listSpecialOccasions());
        expect(error).toBeInstanceOf(ResponseValidationError);
        expect(error.message).toContain(`GET ${SO_PATH}`);
        expect(error.message).toMatch(message);
      },
    );

    it('an answer without a revision header is a ResponseValidationError', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'skills', dropRevisionHeader: true });
      const error = await rejectionOf(clientFor(sandbox.current, 'oauth1').listSkills());
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.message).toContain('ac-revision');
    });

    it('[J] an update answered with a single object, and skills revisions in ETag only', async () => {
      sandbox.current.options.updateResponseShape = 'object';
      sandbox.current.options.skillRevisionHeader = 'etag';
      sandbox.current.state.put(SANDBOX_ACCOUNT, 'skills', { id: 5, name: 'S' });
      const client = clientFor(sandbox.current, 'oauth1');
      const created = await (async () => {
        await client.listSpecialOccasions();
        return client.createSpecialOccasion(draft());
      })();
      expect(await client.updateSpecialOccasions([{ ...created, description: 'x' }])).toHaveLength(1);
      const [skill] = await client.listSkills();
      expect(
        await client.updateSkills([{ ...(skill as Skill), specialOccasionId: created.id }]),
      ).toHaveLength(1);
    });

    it('[J] a duplicate name: 400 is an API error, 409 reads as stale (re-read and re-plan)', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      await client.createSpecialOccasion(draft());
      const as400 = await rejectionOf(client.createSpecialOccasion(draft()));
      expect(as400).toBeInstanceOf(LivePersonApiError);
      expect(as400.message).toContain('already exists');
      sandbox.current.options.duplicateNameStatus = 409;
      expect(await rejectionOf(client.createSpecialOccasion(draft()))).toBeInstanceOf(StaleRevisionError);
    });

    it('a validation 400 says what LivePerson rejected', async () => {
      const client = clientFor(sandbox.current, 'oauth1');
      await client.listSpecialOccasions();
      const error = await rejectionOf(client.createSpecialOccasion(draft('x'.repeat(51))));
      expect(error.message).toMatch(
        /POST .*specialoccasion answered 400.*name must be at most 50 characters/,
      );
    });

    it('counts every request it sends, by method, retries and logins included', async () => {
      sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 500 });
      const client = clientFor(sandbox.current, 'login');
      await client.listSpecialOccasions();
      await client.createSpecialOccasion(draft());
      await client.close();
      const byMethod = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
      for (const request of sandbox.current.requests) byMethod[request.method as keyof typeof byMethod] += 1;
      expect(client.requests.snapshot()).toEqual(byMethod);
      expect(byMethod).toEqual({ GET: 3, POST: 3, PUT: 0, DELETE: 0 });
    });
  });
});
