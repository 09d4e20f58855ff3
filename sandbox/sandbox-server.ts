import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseOAuthHeader, signatureBaseString, verifySignature } from './oauth-verifier.js';
import {
  type CollectionName,
  type SandboxAccount,
  type SandboxApiKey,
  SandboxState,
  type SandboxUser,
} from './sandbox-state.js';
import { isObject, validateSkill, validateSpecialOccasion } from './sandbox-validation.js';

/**
 * A local emulator of LivePerson's Domain, Login and Account Config APIs, following their public
 * documentation item by item (test/integration/sandbox-contract.test.ts walks the checklist). Where
 * the documentation is ambiguous, an option switches between the readings so the client can be
 * tested against each.
 */

type Json = Record<string, unknown>;

export interface SandboxOptions {
  /** Login sessions answer 401 after this long. */
  sessionTtlMs: number;
  /** [J] A PUT/DELETE without If-Match: 400 (strict) or accepted. */
  strictIfMatch: boolean;
  /** [J] A name already in use: 400 or 409. */
  duplicateNameStatus: 400 | 409;
  /** [J] PUT answers with an array mirroring the request, or with a single object. */
  updateResponseShape: 'array' | 'object';
  /** [J] The all-services Domain API answer, or only the single-service form (the other 404s). */
  domainShape: 'all' | 'single';
  /** [J] Skills carry their revision in ac-revision, ETag or both. */
  skillRevisionHeader: 'ac-revision' | 'etag' | 'both';
  /**
   * [J] How special-occasion events are answered: as written, or reformatted the way the UI
   * stores them (minutes only, `T23:59` for the end of a day, keys in another order).
   */
  eventTimes: 'as-written' | 'minutes';
  /** [J] A create with an array body ("several at a time"): accepted, or refused with 400. */
  arrayCreate: 'accept' | 'reject';
  /** Every answer waits this long: a network between the importer and LivePerson (benchmarks). */
  latencyMs: number;
}

export const DEFAULT_SANDBOX_OPTIONS: SandboxOptions = {
  sessionTtlMs: 8 * 3_600_000,
  strictIfMatch: true,
  duplicateNameStatus: 400,
  updateResponseShape: 'array',
  domainShape: 'all',
  skillRevisionHeader: 'both',
  eventTimes: 'as-written',
  arrayCreate: 'accept',
  latencyMs: 0,
};

/** An event as a store that keeps minutes only would answer it, keys reordered. */
function inMinutes(event: unknown): unknown {
  if (!isObject(event)) return event;
  const time = (value: unknown) =>
    isObject(value) && typeof value.dateTime === 'string'
      ? {
          timeZone: value.timeZone,
          dateTime: value.dateTime.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}$/, '$1'),
        }
      : value;
  const { start, end, meta, recurrence, ...rest } = event;
  return { recurrence, end: time(end), ...rest, meta, start: time(start) };
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface Fault {
  method?: string;
  /** Substring of, or pattern for, the path. */
  path?: string | RegExp;
  /** How many matching requests it applies to. */
  times?: number;
  /** Answer with this status instead of processing the request. */
  status?: number;
  /**
   * With `status`: the error answer quotes the request body (as some services do): `true` in a
   * JSON message, `form` form-encoded in a JSON message, `raw` as the plain-text answer itself.
   */
  echoRequest?: boolean | 'form' | 'raw';
  retryAfter?: string;
  /** Wait before handling. */
  delayMs?: number;
  /** Close the connection without an answer, before processing. */
  drop?: boolean;
  /** Process the request (commit the write), then close the connection without an answer. */
  commitThenDrop?: boolean;
  /** Process the request, then send this raw body instead of the real one. */
  replaceBody?: string;
  /**
   * Process the request, send the headers, then trickle the body one byte per this many ms, and
   * after it whitespace, forever: an answer that never ends.
   */
  trickleBodyEveryMs?: number;
  /** Process the request, then answer without the revision headers. */
  dropRevisionHeader?: boolean;
  /** Changes the request body before it is processed: a service that silently drops a field. */
  mutateRequest?: (body: unknown) => unknown;
  /** Runs before the request is handled: an out-of-band change, a session expiring. */
  before?: (state: SandboxState) => void | Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
}

export interface Sandbox {
  /** The Domain API base URL: what LP_CSDS_URL points to. */
  url: string;
  port: number;
  state: SandboxState;
  options: SandboxOptions;
  requests: LoggedRequest[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  clearLog(): void;
  close(): Promise<void>;
}

const NO_DATA = { internalCode: 12, message: 'No data found' };
const ACCOUNT_PATTERN = /^[A-Za-z0-9_]{1,20}$/;
const VERSION_PATTERN = /^\d+(\.\d+)?$/;
const SELECT_PATTERN = /^[A-Za-z0-9_$,().]+$/;
const SUMMARY_FIELDS: Record<CollectionName, string[]> = {
  specialoccasion: ['id', 'name', 'deleted', 'isDefault'],
  skills: ['id', 'deleted', 'name'],
  workinghours: ['id', 'name', 'deleted', 'isDefault'],
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});
/** The request body as an echoing service quotes it. */
function echoOf(text: string, how: true | 'form' | 'raw'): string {
  if (how !== 'form') return text;
  try {
    const fields = JSON.parse(text) as Record<string, unknown>;
    return new URLSearchParams(
      Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]),
    ).toString();
  } catch {
    return text;
  }
}

const error = (status: number, message: string, extra: Json = {}): Reply =>
  json(status, { message, ...extra });

function token(bytes = 24): string {
  return randomBytes(bytes).toString('hex');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path instanceof RegExp) return fault.path.test(path);
  if (typeof fault.path === 'string') return path.includes(fault.path);
  return true;
}

export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const state = new SandboxState();
  const options: SandboxOptions = { ...DEFAULT_SANDBOX_OPTIONS, ...overrides };
  const requests: LoggedRequest[] = [];
  const faults: (Fault & { times: number })[] = [];
  const sockets = new Set<Socket>();
  let port = 0;

  const host = () => `127.0.0.1:${port}`;

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex((fault) => matches(fault, method, path));
    if (index < 0) return undefined;
    const fault = faults[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function authenticate(
    request: IncomingMessage,
    method: string,
    url: URL,
    accountId: string,
  ): Reply | undefined {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) {
      const session = state.sessions.get(header.slice(7));
      if (!session || session.expiresAt <= Date.now()) {
        return error(401, 'Authentication failed: the bearer is unknown or expired');
      }
      if (session.accountId !== accountId) return error(403, 'The bearer belongs to another account');
      return undefined;
    }
    const params = parseOAuthHeader(header);
    if (!params) return error(401, 'Authorization header missing or not understood');
    const key = state.apiKeys.find(
      (candidate) =>
        candidate.appKey === params.get('oauth_consumer_key') &&
        candidate.accessToken === params.get('oauth_token'),
    );
    if (!key) return error(401, 'Unknown API key');
    if (params.get('oauth_signature_method') !== 'HMAC-SHA1')
      return error(401, 'Signature method must be HMAC-SHA1');
    const timestamp = Number(params.get('oauth_timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return error(401, 'OAuth timestamp is missing or too far from the server time');
    }
    const nonce = `${key.appKey}:${params.get('oauth_nonce')}`;
    if (!params.get('oauth_nonce') || state.usedNonces.has(nonce))
      return error(401, 'OAuth nonce missing or reused');
    const base = signatureBaseString(method, `http://${host()}${url.pathname}`, url.searchParams, params);
    if (!verifySignature(base, key.secret, key.accessTokenSecret, params.get('oauth_signature') ?? '')) {
      return error(401, 'OAuth signature does not match');
    }
    state.usedNonces.add(nonce);
    return undefined;
  }

  function domainEntry(service: string, accountId: string) {
    return { service, account: accountId, baseURI: host() };
  }

  function handleDomain(parts: string[], url: URL, accountId: string): Reply {
    if (!url.searchParams.get('version')) return error(400, 'version is required');
    if (!state.account(accountId)) return error(401, 'Invalid site');
    const services = ['accountConfigReadOnly', 'accountConfigReadWrite', 'agentVep', 'adminArea'];
    if (parts.length === 1) {
      if (options.domainShape === 'single') return error(404, 'Not found');
      return json(200, { baseURIs: services.map((service) => domainEntry(service, accountId)) });
    }
    const service = parts[1] ?? '';
    if (!services.includes(service)) return error(404, `Unknown service ${service}`);
    return json(200, domainEntry(service, accountId));
  }

  function sessionCookie(request: IncomingMessage): string | undefined {
    const cookie = request.headers.cookie ?? '';
    return /(?:^|;\s*)Session_id=([^;]+)/.exec(cookie)?.[1];
  }

  function handleLogin(
    action: string,
    request: IncomingMessage,
    url: URL,
    accountId: string,
    body: unknown,
  ): Reply {
    if (!state.account(accountId)) return error(401, 'Invalid site');
    if (action === 'login') {
      if (!url.searchParams.get('v')) return error(400, 'v is required');
      if (!isObject(body) || typeof body.username !== 'string') return error(400, 'username is required');
      let ok = false;
      if (typeof body.password === 'string') {
        ok = state.users.some((user) => user.username === body.username && user.password === body.password);
      } else if (typeof body.appKey === 'string') {
        ok = state.apiKeys.some(
          (key) =>
            key.username === body.username &&
            key.appKey === body.appKey &&
            key.secret === body.secret &&
            key.accessToken === body.accessToken &&
            key.accessTokenSecret === body.accessTokenSecret,
        );
      } else {
        return error(400, 'password or appKey/secret/accessToken/accessTokenSecret is required');
      }
      if (!ok) return error(401, 'Bad credentials');
      const session = {
        bearer: token(),
        csrf: token(12),
        sessionId: token(12),
        accountId,
        expiresAt: Date.now() + options.sessionTtlMs,
      };
      state.sessions.set(session.bearer, session);
      return json(
        200,
        {
          bearer: session.bearer,
          csrf: session.csrf,
          sessionTTl: String(options.sessionTtlMs),
          wsuk: token(8),
          config: {
            loginName: body.username,
            userId: '1',
            accountTimeZoneId: 'Europe/Berlin',
            isAdmin: true,
          },
          csdsCollectionResponse: { baseURIs: [domainEntry('agentVep', accountId)] },
          accountData: { agentGroupsData: { items: [], revision: 1 } },
        },
        { 'set-cookie': `Session_id=${session.sessionId}; Path=/; HttpOnly` },
      );
    }
    const sessionId = sessionCookie(request);
    const session = [...state.sessions.values()].find(
      (candidate) => candidate.sessionId === sessionId && candidate.accountId === accountId,
    );
    if (!session || !isObject(body) || body.csrf !== session.csrf || session.expiresAt <= Date.now()) {
      return json(401, {
        error: {
          time: new Date().toISOString(),
          message: 'CSRF token invalid!',
          internalCode: 10,
          responseStatus: 'UNAUTHORIZED',
        },
      });
    }
    if (action === 'refresh') session.expiresAt = Date.now() + options.sessionTtlMs;
    else state.sessions.delete(session.bearer);
    return { status: 200 };
  }

  function revisionHeaders(account: SandboxAccount, collection: CollectionName): Record<string, string> {
    const revision = String(account.revisions[collection]);
    if (collection === 'skills' && options.skillRevisionHeader === 'etag') return { etag: revision };
    if (collection === 'skills' && options.skillRevisionHeader === 'both')
      return { 'ac-revision': revision, etag: revision };
    return { 'ac-revision': revision };
  }

  function project(stored: Json, collection: CollectionName, select: string | null): Json {
    const item =
      collection === 'specialoccasion' && options.eventTimes === 'minutes' && Array.isArray(stored.events)
        ? { ...stored, events: stored.events.map(inMinutes) }
        : stored;
    if (select === '$all') return item;
    const fields = select ? select.split(',') : SUMMARY_FIELDS[collection];
    return Object.fromEntries(fields.filter((field) => field in item).map((field) => [field, item[field]]));
  }

  /** The ids of live special occasions by name: built once per write, so big batches stay linear. */
  function liveNames(account: SandboxAccount): Map<unknown, number> {
    const names = new Map<unknown, number>();
    for (const item of account.collections.specialoccasion.values()) {
      if (!item.deleted) names.set(item.name, item.id as number);
    }
    return names;
  }

  /** Whether a name is in use by another live object, or twice in one request. */
  function nameClash(account: SandboxAccount, items: readonly Json[]): boolean {
    const live = liveNames(account);
    const seen = new Set<unknown>();
    return items.some((item) => {
      const owner = live.get(item.name);
      const clash = (owner !== undefined && owner !== item.id) || seen.has(item.name);
      seen.add(item.name);
      return clash;
    });
  }

  function applyDefault(account: SandboxAccount, item: Json): void {
    if (item.isDefault !== true) return;
    for (const other of account.collections.specialoccasion.values()) {
      if (other.id !== item.id) other.isDefault = false;
    }
  }

  function handleCollection(
    collection: CollectionName,
    method: string,
    request: IncomingMessage,
    url: URL,
    account: SandboxAccount,
    idPart: string | undefined,
    body: unknown,
  ): Reply {
    const version = url.searchParams.get('v');
    if (!version || !VERSION_PATTERN.test(version))
      return error(400, 'v (API version) is required, e.g. v=1.0');
    const items = account.collections[collection];
    const revision = account.revisions[collection];
    const headers = () => revisionHeaders(account, collection);
    const ifMatch = request.headers['if-match'];

    if (method === 'GET') {
      if (ifMatch && ifMatch !== '-1' && ifMatch === String(revision))
        return { status: 304, headers: headers() };
      const select = url.searchParams.get('select');
      if (select !== null && !SELECT_PATTERN.test(select)) return error(400, 'Malformed select expression');
      if (idPart) {
        const item = items.get(Number(idPart));
        if (!item || item.deleted) return json(404, { type: collection, ...NO_DATA }, headers());
        return json(200, project(item, collection, select ?? '$all'), headers());
      }
      const includeDeleted = url.searchParams.get('include_deleted') === 'true';
      const list = [...items.values()].filter((item) => includeDeleted || !item.deleted);
      return json(
        200,
        list.map((item) => project(item, collection, select)),
        headers(),
      );
    }

    // The importer only reads Workdays: the sandbox models them read-only (tests seed them).
    if (collection === 'workinghours') return error(405, 'The sandbox serves Workdays read-only');

    // Writes: If-Match is the collection revision the client last saw.
    if (ifMatch === undefined && method !== 'POST' && options.strictIfMatch) {
      return error(400, 'If-Match is required for writes');
    }
    if (ifMatch !== undefined && ifMatch !== String(revision)) {
      return error(409, `Revision ${ifMatch} is stale; the current revision is ${revision}`, {
        internalCode: 9,
      });
    }

    if (method === 'DELETE') {
      const ids = (idPart ?? '').split(',').filter(Boolean).map(Number);
      if (ids.length === 0) return error(400, 'ids are required');
      if (ids.some((id) => !items.get(id) || items.get(id)?.deleted)) {
        return json(404, { type: collection, ...NO_DATA }, headers());
      }
      for (const id of ids) {
        const item = items.get(id);
        if (item) item.deleted = true;
      }
      account.revisions[collection] += 1;
      return { status: 200, headers: headers() };
    }

    if (collection === 'specialoccasion' && method === 'POST') {
      if (Array.isArray(body) && options.arrayCreate === 'reject') {
        return error(400, 'The body of a create is one special occasion object');
      }
      const list = Array.isArray(body) ? body : [body];
      const problems = list.flatMap((item, index) =>
        validateSpecialOccasion(item).map((problem) => (list.length > 1 ? `[${index}] ${problem}` : problem)),
      );
      if (problems.length > 0) return error(400, problems.join('; '));
      if (nameClash(account, list as Json[])) {
        return error(options.duplicateNameStatus, 'A special occasion with this name already exists');
      }
      const created = list.map((item) => {
        const stored: Json = { ...(item as Json), deleted: false, id: state.newId() };
        items.set(stored.id as number, stored);
        applyDefault(account, stored);
        return stored;
      });
      account.revisions[collection] += 1;
      return json(200, Array.isArray(body) ? created : created[0], headers());
    }

    if (method === 'PUT') {
      const list = idPart ? [{ ...(isObject(body) ? body : {}), id: Number(idPart) }] : body;
      if (!Array.isArray(list)) return error(400, 'The body of an update is an array of whole objects');
      for (const item of list) {
        if (!isObject(item) || typeof item.id !== 'number') return error(400, 'Every object needs its id');
        const current = items.get(item.id);
        if (!current || current.deleted) return json(404, { type: collection, ...NO_DATA }, headers());
      }
      const occasionExists = (id: number) => {
        const occasion = account.collections.specialoccasion.get(id);
        return occasion !== undefined && occasion.deleted !== true;
      };
      const problems = list.flatMap((item, index) => {
        const found =
          collection === 'specialoccasion'
            ? validateSpecialOccasion(item)
            : validateSkill(item, occasionExists);
        return found.map((problem) => (list.length > 1 ? `[${index}] ${problem}` : problem));
      });
      if (problems.length > 0) return error(400, problems.join('; '));
      if (collection === 'specialoccasion') {
        if (nameClash(account, list as Json[]))
          return error(options.duplicateNameStatus, 'A special occasion with this name already exists');
      }
      const stored = list.map((item) => {
        const value: Json = { ...(item as Json), deleted: false };
        if (collection === 'skills')
          value.dateUpdated = new Date().toISOString().slice(0, 19).replace('T', ' ');
        items.set(value.id as number, value);
        if (collection === 'specialoccasion') applyDefault(account, value);
        return value;
      });
      account.revisions[collection] += 1;
      const answer = options.updateResponseShape === 'object' && stored.length === 1 ? stored[0] : stored;
      return json(200, answer, headers());
    }
    return error(405, `${method} is not supported here`);
  }

  async function route(request: IncomingMessage, url: URL, method: string, body: unknown): Promise<Reply> {
    const match = /^\/api\/account\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!match) return error(404, 'Not found');
    const accountId = decodeURIComponent(match[1] ?? '');
    if (!ACCOUNT_PATTERN.test(accountId)) return error(400, 'Malformed account id');
    const rest = (match[2] ?? '').split('/');
    if (rest[0] === 'service' && rest.at(-1) === 'baseURI.json' && method === 'GET') {
      return handleDomain(
        rest.slice(1, -1).length === 0 ? ['all'] : ['one', ...rest.slice(1, -1)],
        url,
        accountId,
      );
    }
    if (rest.length === 1 && ['login', 'refresh', 'logout'].includes(rest[0] ?? '') && method === 'POST') {
      return handleLogin(rest[0] ?? '', request, url, accountId, body);
    }
    const collection: CollectionName | undefined =
      rest[0] === 'configuration' && rest[1] === 'ac-common' && rest[2] === 'specialoccasion'
        ? 'specialoccasion'
        : rest[0] === 'configuration' && rest[1] === 'le-users' && rest[2] === 'skills'
          ? 'skills'
          : rest[0] === 'configuration' && rest[1] === 'ac-common' && rest[2] === 'workinghours'
            ? 'workinghours'
            : undefined;
    if (!collection || rest.length > 4) return error(404, 'Not found');
    const account = state.account(accountId);
    if (!account) return error(401, 'Invalid site');
    const denied = authenticate(request, method, url, accountId);
    if (denied) return denied;
    return handleCollection(collection, method, request, url, account, rest[3], body);
  }

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${host()}`);
    const override = request.headers['x-http-method-override'];
    const method =
      request.method === 'POST' && typeof override === 'string'
        ? override.toUpperCase()
        : (request.method ?? 'GET');
    const text = await readBody(request);
    let body: unknown;
    let reply: Reply | undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      reply = error(400, 'The body is not valid JSON');
    }
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.join(', ') : String(value),
        ]),
      ),
      body,
      status: 0,
    };
    requests.push(entry);

    if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = takeFault(method, url.pathname);
    // Awaited: a change made outside the sandbox (a secret rotated in moto) has landed before the
    // request is answered, whatever the machine's load.
    await fault?.before?.(state);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      entry.status = -1;
      request.socket.destroy();
      return;
    }
    if (fault?.status) {
      reply = error(
        fault.status,
        fault.echoRequest ? `invalid login request ${echoOf(text, fault.echoRequest)}` : 'Injected fault',
        {},
      );
      if (fault.echoRequest === 'raw')
        reply = { status: fault.status, headers: { 'content-type': 'text/plain' }, raw: text };
      if (fault.retryAfter !== undefined) reply.headers = { 'retry-after': fault.retryAfter };
    }
    reply ??= await route(request, url, method, fault?.mutateRequest ? fault.mutateRequest(body) : body);
    entry.status = reply.status;
    if (fault?.commitThenDrop) {
      entry.status = -1;
      request.socket.destroy();
      return;
    }
    const payload =
      fault?.replaceBody ??
      reply.raw ??
      (reply.body === undefined || reply.status === 304 ? '' : JSON.stringify(reply.body));
    const headers: Record<string, string> = {
      ...(payload ? { 'content-type': 'application/json' } : {}),
      ...reply.headers,
    };
    if (fault?.dropRevisionHeader) {
      delete headers['ac-revision'];
      delete headers.etag;
    }
    if (fault?.trickleBodyEveryMs) {
      response.writeHead(reply.status, headers);
      let sent = 0;
      const trickle = setInterval(() => {
        response.write(payload[sent] ?? ' ');
        sent += 1;
      }, fault.trickleBodyEveryMs);
      response.on('close', () => clearInterval(trickle));
      return;
    }
    response.writeHead(reply.status, headers);
    response.end(payload);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host()}`,
    port,
    state,
    options,
    requests,
    addFault: (fault) => {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    clearLog: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((closeError) => (closeError ? reject(closeError) : resolve()));
      }),
  };
}

export type { SandboxApiKey, SandboxUser };
