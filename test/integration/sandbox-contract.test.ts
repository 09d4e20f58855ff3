import { beforeEach, describe, expect, it } from 'vitest';
import { signOAuth1 } from '../../functions/liveperson/auth-session.js';
import { OFFICE_HOURS_ID, SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { useSandbox } from '../helpers/sandbox-harness.js';

/**
 * Walks liveperson-api.md section 8 (the emulator checklist) item by item with plain fetch,
 * so the sandbox is checked against the contract and not just against our own client.
 */

const ACCOUNT_PATH = `/api/account/${SANDBOX_ACCOUNT}`;
const SO = `${ACCOUNT_PATH}/configuration/ac-common/specialoccasion`;
const SKILLS = `${ACCOUNT_PATH}/configuration/le-users/skills`;
const WORKDAYS = `${ACCOUNT_PATH}/configuration/ac-common/workinghours`;

function occasion(
  name: string,
  overrides: Record<string, unknown> = {},
  event: Record<string, unknown> = {},
) {
  return {
    name,
    description: '',
    deleted: false,
    isDefault: false,
    events: [
      {
        meta: { working: false, name: 'Day' },
        start: { dateTime: '2027-01-01T00:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-01-01T23:59:59', timeZone: 'Europe/Berlin' },
        recurrence: [],
        ...event,
      },
    ],
    ...overrides,
  };
}

describe('sandbox contract (liveperson-api.md section 8)', () => {
  const sandbox = useSandbox();
  let bearer = '';
  let cookie = '';
  let csrf = '';

  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${sandbox.current.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      revision: response.headers.get('ac-revision'),
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const revisionOf = async (path: string) => (await call('GET', `${path}?v=1.0`)).revision ?? '';

  beforeEach(async () => {
    const response = await fetch(`${sandbox.current.url}${ACCOUNT_PATH}/login?v=1.3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: SANDBOX_CREDENTIALS.login.username,
        password: SANDBOX_CREDENTIALS.login.password,
      }),
    });
    const body = (await response.json()) as { bearer: string; csrf: string };
    bearer = body.bearer;
    csrf = body.csrf;
    cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  });

  it('login answers bearer, csrf, sessionTTl and a Session_id cookie; bad credentials 401; no body 400', async () => {
    expect(bearer).toMatch(/^[0-9a-f]{48}$/);
    expect(csrf).toBeTruthy();
    expect(cookie).toMatch(/^Session_id=/);
    const wrong = await call('POST', `${ACCOUNT_PATH}/login?v=1.3`, {
      body: { username: 'holiday.bot', password: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect((await call('POST', `${ACCOUNT_PATH}/login?v=1.3`, { body: {} })).status).toBe(400);
  });

  it('refresh and logout check the csrf and the Session_id cookie', async () => {
    const badCsrf = await call('POST', `${ACCOUNT_PATH}/refresh`, {
      body: { csrf: 'nope' },
      headers: { cookie },
    });
    expect(badCsrf.status).toBe(401);
    expect(badCsrf.body.error.internalCode).toBe(10);
    expect(
      (await call('POST', `${ACCOUNT_PATH}/refresh?v=1.3`, { body: { csrf }, headers: { cookie } })).status,
    ).toBe(200);
    expect(
      (await call('POST', `${ACCOUNT_PATH}/logout`, { body: { csrf }, headers: { cookie } })).status,
    ).toBe(200);
    expect((await call('GET', `${SO}?v=1.0`)).status).toBe(401);
  });

  it('Workdays (section 4): summary list by default, events with select=$all, a revision; read-only here', async () => {
    seedDemoScene(sandbox.current.state);
    const summary = await call('GET', `${WORKDAYS}?v=1.0`);
    expect(summary.status).toBe(200);
    expect(summary.revision).toMatch(/^\d+$/);
    expect(summary.body).toEqual([
      { id: OFFICE_HOURS_ID, name: 'Office hours', deleted: false, isDefault: true },
    ]);
    const full = await call('GET', `${WORKDAYS}?v=1.0&select=$all`);
    expect(full.body[0].events).toHaveLength(5);
    expect(full.body[0].events[0].recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=MO']);
    expect((await call('GET', WORKDAYS)).status).toBe(400);
    // The importer never writes Workdays; the sandbox refuses to, so a test would notice.
    const write = await call('PUT', `${WORKDAYS}?v=1.0`, {
      body: full.body,
      headers: { 'if-match': full.revision ?? '' },
    });
    expect(write.status).toBe(405);
  });

  it('a session expires after its lifetime and then answers 401', async () => {
    sandbox.current.options.sessionTtlMs = 50;
    const response = await fetch(`${sandbox.current.url}${ACCOUNT_PATH}/login?v=1.3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'holiday.bot', password: SANDBOX_CREDENTIALS.login.password }),
    });
    bearer = ((await response.json()) as { bearer: string }).bearer;
    expect((await call('GET', `${SO}?v=1.0`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await call('GET', `${SO}?v=1.0`)).status).toBe(401);
  });

  it('Domain API: all-services and single-service shapes, version required, unknown site 401', async () => {
    const all = await call('GET', `${ACCOUNT_PATH}/service/baseURI.json?version=1.0`);
    expect(all.body.baseURIs.map((entry: { service: string }) => entry.service)).toContain(
      'accountConfigReadWrite',
    );
    const one = await call('GET', `${ACCOUNT_PATH}/service/agentVep/baseURI.json?version=1.0`);
    expect(one.body).toEqual({
      service: 'agentVep',
      account: SANDBOX_ACCOUNT,
      baseURI: `127.0.0.1:${sandbox.current.port}`,
    });
    expect((await call('GET', `${ACCOUNT_PATH}/service/agentVep/baseURI.json`)).status).toBe(400);
    expect((await call('GET', '/api/account/777/service/baseURI.json?version=1.0')).status).toBe(401);
  });

  it('a revision counter per collection, bumped by each write and sent on every answer', async () => {
    const soBefore = Number(await revisionOf(SO));
    const skillsBefore = Number((await call('GET', `${SKILLS}?v=2.0`)).revision);
    const created = await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    expect(created.status).toBe(200);
    expect(Number(created.revision)).toBe(soBefore + 1);
    expect(Number((await call('GET', `${SKILLS}?v=2.0`)).revision)).toBe(skillsBefore);
    expect(created.body.id).toBeGreaterThan(2 ** 31); // ids are longs, beyond 32 bits
    const [second] = (await call('POST', `${SO}?v=1.0`, { body: [occasion('B')] })).body;
    expect(second.name).toBe('B');
  });

  it('If-Match: equal on GET -> 304, -1 -> full answer, stale write -> 409, missing on write -> 400 (strict)', async () => {
    const revision = await revisionOf(SO);
    expect((await call('GET', `${SO}?v=1.0`, { headers: { 'if-match': revision } })).status).toBe(304);
    expect((await call('GET', `${SO}?v=1.0`, { headers: { 'if-match': '-1' } })).status).toBe(200);
    const created = await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    const stale = await call('PUT', `${SO}?v=1.0`, {
      body: [created.body],
      headers: { 'if-match': revision },
    });
    expect(stale.status).toBe(409);
    expect((await call('PUT', `${SO}?v=1.0`, { body: [created.body] })).status).toBe(400);
    sandbox.current.options.strictIfMatch = false;
    expect((await call('PUT', `${SO}?v=1.0`, { body: [created.body] })).status).toBe(200);
    const postStale = await call('POST', `${SO}?v=1.0`, {
      body: occasion('C'),
      headers: { 'if-match': revision },
    });
    expect(postStale.status).toBe(409);
  });

  it('unknown or deleted ids -> 404 {type, internalCode 12, message}; delete is soft', async () => {
    const created = await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    const id = created.body.id;
    const deleted = await call('DELETE', `${SO}/${id}?v=1.0`, {
      headers: { 'if-match': created.revision ?? '' },
    });
    expect(deleted.status).toBe(200);
    const again = await call('DELETE', `${SO}/${id}?v=1.0`, {
      headers: { 'if-match': deleted.revision ?? '' },
    });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ type: 'specialoccasion', internalCode: 12, message: 'No data found' });
    expect((await call('GET', `${SO}/${id}?v=1.0`)).status).toBe(404);
    expect((await call('GET', `${SO}?v=1.0`)).body).toEqual([]);
    const withDeleted = await call('GET', `${SO}?v=1.0&include_deleted=true`);
    expect(withDeleted.body).toEqual([{ id, name: 'A', deleted: true, isDefault: false }]);
  });

  it('comma-separated ids delete several at once', async () => {
    const a = await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    const b = await call('POST', `${SO}?v=1.0`, { body: occasion('B') });
    const both = await call('DELETE', `${SO}/${a.body.id},${b.body.id}?v=1.0`, {
      headers: { 'if-match': b.revision ?? '' },
    });
    expect(both.status).toBe(200);
    expect((await call('GET', `${SO}?v=1.0`)).body).toEqual([]);
  });

  it('v is required; a malformed select is 400; lists are summaries unless select', async () => {
    expect((await call('GET', SO)).status).toBe(400);
    expect((await call('GET', `${SO}?v=abc`)).status).toBe(400);
    expect((await call('GET', `${SO}?v=1.0&select=<script>`)).status).toBe(400);
    await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    const summary = await call('GET', `${SO}?v=1.0`);
    expect(Object.keys(summary.body[0]).sort()).toEqual(['deleted', 'id', 'isDefault', 'name']);
    const full = await call('GET', `${SO}?v=1.0&select=$all`);
    expect(full.body[0].events).toHaveLength(1);
    const picked = await call('GET', `${SO}?v=1.0&select=id,events,unknownField`);
    expect(Object.keys(picked.body[0]).sort()).toEqual(['events', 'id']);
  });

  it.each([
    { name: 'name over 50', body: occasion('x'.repeat(51)), message: /at most 50/ },
    {
      name: 'description over 200',
      body: occasion('A', { description: 'd'.repeat(201) }),
      message: /at most 200/,
    },
    {
      name: 'no description',
      body: occasion('A', { description: undefined }),
      message: /description is required/,
    },
    {
      name: 'time zones differ',
      body: occasion('A', {}, { end: { dateTime: '2027-01-01T23:59:59', timeZone: 'Europe/Paris' } }),
      message: /time zones differ/,
    },
    {
      name: 'unknown time zone',
      body: occasion('A', {}, { start: { dateTime: '2027-01-01T00:00:00', timeZone: 'Europe/Warsaq' } }),
      message: /not a supported time zone/,
    },
    {
      name: 'bad date format',
      body: occasion('A', {}, { start: { dateTime: '2027-01-01 00:00', timeZone: 'Europe/Berlin' } }),
      message: /yyyy-MM-dd/,
    },
    {
      name: 'weekly recurrence',
      body: occasion('A', {}, { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'] }),
      message: /FREQ=DAILY/,
    },
    {
      name: 'day off longer than 30 days',
      body: occasion('A', {}, { recurrence: ['RRULE:FREQ=DAILY;COUNT=31;INTERVAL=1'] }),
      message: /at most 30 days/,
    },
    { name: 'meta missing', body: occasion('A', {}, { meta: undefined }), message: /meta must be/ },
  ])('validation 400: $name', async ({ body, message }) => {
    const answer = await call('POST', `${SO}?v=1.0`, { body });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });

  it('a working occasion may recur more than 30 days; duplicate names are rejected', async () => {
    const long = occasion(
      'Long',
      {},
      { meta: { working: true, name: 'x' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=31;INTERVAL=1'] },
    );
    expect((await call('POST', `${SO}?v=1.0`, { body: long })).status).toBe(200);
    expect((await call('POST', `${SO}?v=1.0`, { body: occasion('Long') })).status).toBe(400);
  });

  it('one isDefault per type: writing true clears the previous default', async () => {
    const a = await call('POST', `${SO}?v=1.0`, { body: occasion('A', { isDefault: true }) });
    await call('POST', `${SO}?v=1.0`, { body: occasion('B', { isDefault: true }) });
    const list = await call('GET', `${SO}?v=1.0`);
    expect(
      list.body
        .filter((item: { isDefault: boolean }) => item.isDefault)
        .map((item: { name: string }) => item.name),
    ).toEqual(['B']);
    expect(list.body.find((item: { id: number }) => item.id === a.body.id).isDefault).toBe(false);
  });

  it('POST with X-HTTP-Method-Override acts as that method', async () => {
    const created = await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    const put = await call('POST', `${SO}?v=1.0`, {
      body: [{ ...created.body, description: 'overridden' }],
      headers: { 'x-http-method-override': 'PUT', 'if-match': created.revision ?? '' },
    });
    expect(put.status).toBe(200);
    expect(put.body[0].description).toBe('overridden');
  });

  it('skills: whole-object PUT round-trips unknown fields; a link to a missing occasion is 400', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'skills', { id: 7, name: 'S', custom: [1, 2] });
    const list = await call('GET', `${SKILLS}?v=2.0`);
    expect(list.body).toEqual([{ id: 7, deleted: false, name: 'S' }]);
    expect(list.headers.get('etag')).toBe(list.revision);
    const [skill] = (await call('GET', `${SKILLS}?v=2.0&select=$all`)).body;
    const bad = await call('PUT', `${SKILLS}/7?v=2.0`, {
      body: { ...skill, specialOccasionId: 123 },
      headers: { 'if-match': list.revision ?? '' },
    });
    expect(bad.status).toBe(400);
    const ok = await call('PUT', `${SKILLS}/7?v=2.0`, {
      body: { ...skill, skillOrder: 4 },
      headers: { 'if-match': list.revision ?? '' },
    });
    expect(ok.status).toBe(200);
    expect((await call('GET', `${SKILLS}/7?v=2.0`)).body).toMatchObject({ custom: [1, 2], skillOrder: 4 });
  });

  it('OAuth 1.0: a correct signature passes; a wrong one, a replayed nonce or a foreign token is 401', async () => {
    const url = `${sandbox.current.url}${SO}?v=1.0&select=$all`;
    const signed = signOAuth1(SANDBOX_CREDENTIALS.oauth1, 'GET', url);
    const send = (authorization: string) =>
      fetch(url, { headers: { authorization } }).then((response) => response.status);
    expect(await send(signed)).toBe(200);
    expect(await send(signed)).toBe(401);
    const tampered = signOAuth1({ ...SANDBOX_CREDENTIALS.oauth1, secret: 'wrong' }, 'GET', url);
    expect(await send(tampered)).toBe(401);
    const otherUrl = signOAuth1(SANDBOX_CREDENTIALS.oauth1, 'GET', `${sandbox.current.url}${SO}?v=2.0`);
    expect(await send(otherUrl)).toBe(401);
    expect(await send('Bearer nope')).toBe(401);
  });

  it('fault injection: status with Retry-After, then normal answers', async () => {
    sandbox.current.addFault({ path: 'specialoccasion', status: 429, retryAfter: '3', times: 2 });
    const first = await call('GET', `${SO}?v=1.0`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await call('GET', `${SO}?v=1.0`)).status).toBe(429);
    expect((await call('GET', `${SO}?v=1.0`)).status).toBe(200);
  });

  it('the request log records method, path, query, headers, body and status', async () => {
    sandbox.current.clearLog();
    await call('POST', `${SO}?v=1.0`, { body: occasion('A') });
    expect(sandbox.current.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: SO,
        query: { v: '1.0' },
        body: occasion('A'),
        status: 200,
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
      }),
    ]);
  });
});
