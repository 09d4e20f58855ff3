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

export function createTransport({
  retry,
  deadline,
  fetch: fetchImpl,
  logger = SILENT_LOGGER,
  counter,
}: TransportOptions): {
  http: KyInstance;
  policy: RetryPolicy;
} {
  const policy: RetryPolicy = { ...PRODUCTION_RETRY_POLICY, ...retry };
  const http = ky.create({
    timeout: policy.timeoutMs,
    throwHttpErrors: true,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
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
  return { http, policy };
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
    const text = redact((await response.text()).replace(/\s+/g, ' ').trim());
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
  if (error instanceof RetryPastDeadlineError) {
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
