import ky, { HTTPError, type KyInstance, type Options, TimeoutError } from 'ky';
import type * as z from 'zod/mini';
import { type Logger, type RetryPolicy, SILENT_LOGGER } from '../commons/interfaces.js';
import { type Redact, redactText } from '../commons/redact.js';
import { useEnglishMessages } from '../commons/zod-messages.js';
import { InputError } from '../core/errors.js';
import {
  AuthenticationError,
  DeadlineExceededError,
  LivePersonApiError,
  LivePersonError,
  LivePersonNetworkError,
  OutcomeUnknownError,
  ResponseValidationError,
  StaleRevisionError,
} from './errors.js';

/**
 * The one HTTP stack every LivePerson call goes through: ky with the retry policy of
 * LivePerson's guide, a per-attempt timeout, request counting and error mapping.
 */

/** LivePerson's retry guide: 5xx retried 3 times after 5, 10 and 15 s; 429 waits at least 1 s. */
export const PRODUCTION_RETRY_POLICY: RetryPolicy = {
  limit: 3,
  delaysMs: [5_000, 10_000, 15_000],
  maxRetryAfterMs: 60_000,
  minThrottleDelayMs: 1_000,
  timeoutMs: 30_000,
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Requests actually sent, retries and logins included: what the run summary reports. */
export class RequestCounter {
  readonly counts: Record<HttpMethod, number> = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
  add(method: string): void {
    const key = method.toUpperCase() as HttpMethod;
    if (key in this.counts) this.counts[key] += 1;
  }
  snapshot(): Record<HttpMethod, number> {
    return { ...this.counts };
  }
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy> | undefined;
  /** Epoch ms: no request or retry pause runs past it. */
  deadline?: number | undefined;
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
  counter: RequestCounter;
}

const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "GET /api/account/1/configuration/le-users/skills": a call's name in logs and errors. */
export function endpointOf(method: string, url: string | URL): string {
  return `${method.toUpperCase()} ${new URL(url).pathname}`;
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isNaN(seconds) ? Date.parse(header) - Date.now() : seconds * 1000;
}

/** A retry refused because its pause would end past the run's deadline (mapped per call). */
export class RetryPastDeadlineError extends Error {
  override name = 'RetryPastDeadlineError';
}

/** The pause ky takes before retry `retryCount` of this error: the policy's, or a throttle's. */
function expectedPause(error: unknown, retryCount: number, policy: RetryPolicy): number {
  if (error instanceof HTTPError && error.response.status === 429) {
    const after = Math.min(retryAfterMs(error.response) ?? 0, policy.maxRetryAfterMs);
    return Math.max(after, policy.minThrottleDelayMs);
  }
  return policy.delaysMs[Math.min(retryCount, policy.delaysMs.length) - 1] ?? 0;
}

/** An answer still arriving (headers or body) when the run's deadline came. */
export class AnswerPastDeadlineError extends Error {
  override name = 'AnswerPastDeadlineError';
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A fetch whose answer is read whole before it resolves, and that ends at the run's deadline.
 *
 * Why: ky's per-attempt `timeout` ends when the headers arrive, so a body that trickles a byte
 * every few seconds was never bounded; reading the body inside the fetch puts it under that
 * timeout. The deadline is a plain timer held by this call, and the body is read through a reader
 * this call cancels itself: an abort that travels through fetch's own request copies is held
 * weakly and, after a garbage collection, no longer reaches the body. Answers are small JSON
 * documents, so holding one in memory costs nothing.
 */
export function fetchWholeAnswer(base: typeof fetch, deadline: number | undefined): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) forwardAbort();
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (deadline !== undefined) {
      timer = setTimeout(
        () =>
          controller.abort(
            new AnswerPastDeadlineError(
              `${endpointOf(request.method, request.url)}: the answer had not fully arrived at the run's deadline`,
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
    }
    const aborted = new Promise<never>((_resolve, reject) => {
      const fail = () => reject(controller.signal.reason);
      if (controller.signal.aborted) fail();
      controller.signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const response = await Promise.race([
        base(new Request(request, { signal: controller.signal })),
        aborted,
      ]);
      const body = NULL_BODY_STATUSES.has(response.status)
        ? null
        : await readWhole(response.body, controller.signal);
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', forwardAbort);
    }
  };
}

/** Reads a body to its end, or cancels it (closing its connection) when `signal` aborts. */
async function readWhole(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (body === null) return null;
  const reader = body.getReader();
  const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      // A cancelled read ends as `done`: an aborted body is an error, never a shorter answer.
      if (signal.aborted) throw signal.reason;
      if (done) break;
      chunks.push(value);
    }
    return Buffer.concat(chunks) as Uint8Array<ArrayBuffer>;
  } finally {
    signal.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}

export function createTransport(options: TransportOptions): {
  http: KyInstance;
  /** The same stack without the run's deadline: for the logout, a short last call after it. */
  httpWithoutDeadline: KyInstance;
  policy: RetryPolicy;
} {
  const policy: RetryPolicy = { ...PRODUCTION_RETRY_POLICY, ...options.retry };
  return {
    http: createKy(options, policy),
    httpWithoutDeadline: createKy({ ...options, deadline: undefined }, policy),
    policy,
  };
}

function createKy(
  { deadline, fetch: fetchImpl, logger = SILENT_LOGGER, counter }: TransportOptions,
  policy: RetryPolicy,
): KyInstance {
  return ky.create({
    timeout: policy.timeoutMs,
    throwHttpErrors: true,
    fetch: fetchWholeAnswer(fetchImpl ?? ((input, init) => globalThis.fetch(input, init)), deadline),
    headers: { accept: 'application/json' },
    retry: {
      limit: policy.limit,
      methods: ['get', 'put', 'delete', 'post'],
      statusCodes: RETRY_STATUS_CODES,
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: policy.maxRetryAfterMs,
      retryOnTimeout: true,
      jitter: false,
      delay: (attempt) => policy.delaysMs[Math.min(attempt, policy.delaysMs.length) - 1] ?? 0,
      shouldRetry: ({ error, retryCount }) => {
        // Our own errors thrown from hooks (a failed login, a bad secret found while logging in
        // again) are decisions, not transient faults.
        if (error instanceof LivePersonError || error instanceof InputError) return false;
        if (error instanceof AnswerPastDeadlineError) return false;
        // No retry starts whose pause would run past the run's deadline.
        if (deadline !== undefined && Date.now() + expectedPause(error, retryCount, policy) >= deadline) {
          throw new RetryPastDeadlineError('no time left for another attempt before the deadline', {
            cause: error,
          });
        }
        return undefined;
      },
    },
    hooks: {
      beforeRequest: [
        (request) => {
          counter.add(request.method);
        },
      ],
      beforeRetry: [
        async ({ request, error, retryCount }) => {
          const status = error instanceof HTTPError ? error.response.status : undefined;
          logger.warn('LivePerson call failed, retrying', {
            endpoint: endpointOf(request.method, request.url),
            status: status ?? error.name,
            retry: retryCount,
          });
          if (status === 429 && error instanceof HTTPError) {
            const waited = Math.min(retryAfterMs(error.response) ?? 0, policy.maxRetryAfterMs);
            if (waited < policy.minThrottleDelayMs) await sleep(policy.minThrottleDelayMs - waited);
          }
        },
      ],
    },
  });
}

/**
 * A create must not be re-sent when its fate is unknown (a duplicate would follow); it is
 * retried only when the server said it did not process it (429).
 */
export const CREATE_RETRY: Options['retry'] = {
  shouldRetry: ({ error }) =>
    error instanceof HTTPError && error.response.status === 429 ? undefined : false,
};

async function responseDetail(response: Response, redact: Redact): Promise<string> {
  try {
    // Scrubbed before anything else touches it: a secret may hold whitespace.
    const text = redact(await response.text())
      .replace(/\s+/g, ' ')
      .trim();
    return text.length > 300 ? `${text.slice(0, 297)}...` : text;
  } catch {
    return '';
  }
}

/**
 * Maps whatever a call threw to the client's named errors. An error answer's text goes through
 * `redact`: LivePerson may echo the request, credentials included.
 */
export async function toLivePersonError(
  error: unknown,
  method: string,
  url: string | URL,
  redact: Redact = (text) => redactText(text),
): Promise<Error> {
  const endpoint = endpointOf(method, url);
  if (error instanceof RetryPastDeadlineError || error instanceof AnswerPastDeadlineError) {
    return new DeadlineExceededError(endpoint, method.toUpperCase() !== 'GET', { cause: error });
  }
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const detail = await responseDetail(error.response, redact);
    if (status === 409) return new StaleRevisionError(endpoint, status, detail, { cause: error });
    if (status === 401) return new AuthenticationError(endpoint, status, detail, { cause: error });
    return new LivePersonApiError(endpoint, status, detail, { cause: error });
  }
  if (error instanceof TimeoutError || error instanceof TypeError || isAbort(error)) {
    const reason =
      error instanceof TimeoutError ? 'no answer before the timeout' : describeNetworkError(error);
    return method.toUpperCase() === 'GET'
      ? new LivePersonNetworkError(endpoint, reason, { cause: error })
      : new OutcomeUnknownError(endpoint, `${reason}; the write may or may not have been applied`, {
          cause: error,
        });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

useEnglishMessages();

/** Parses and validates a JSON answer, naming the endpoint and the JSON path when it is off. */
export async function readJson<T>(
  response: Response,
  schema: z.ZodMiniType<T>,
  endpoint: string,
): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new ResponseValidationError(endpoint, `not JSON (${(error as Error).message})`, { cause: error });
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length
      ? issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')
      : '(body)';
    throw new ResponseValidationError(endpoint, `${path}: ${issue?.message ?? 'invalid'}`, {
      cause: result.error,
    });
  }
  return result.data;
}
