/**
 * Errors of the LivePerson client. Each names the endpoint (method and path, never a query
 * credential or header) so an operator knows which call failed and why.
 */

export class LivePersonError extends Error {
  override name = 'LivePersonError';
}

/** An HTTP answer other than success. */
export class LivePersonApiError extends LivePersonError {
  override name = 'LivePersonApiError';
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`${endpoint} answered ${status}${detail ? `: ${detail}` : ''}`, options);
  }
}

/** 409: the collection changed since it was read. Re-read, re-plan, and try once more. */
export class StaleRevisionError extends LivePersonApiError {
  override name = 'StaleRevisionError';
}

/** 401 even after fresh credentials and a new login. */
export class AuthenticationError extends LivePersonApiError {
  override name = 'AuthenticationError';
}

/** No usable answer: connection refused or dropped, timeout, after the retries allowed. */
export class LivePersonNetworkError extends LivePersonError {
  override name = 'LivePersonNetworkError';
  constructor(
    readonly endpoint: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${endpoint} failed: ${reason}`, options);
  }
}

/**
 * A write whose answer was lost: it may or may not have been applied. The client never
 * re-sends a create blindly; the caller re-reads and matches by name first.
 */
export class OutcomeUnknownError extends LivePersonNetworkError {
  override name = 'OutcomeUnknownError';
}

/** An answer that is not what the API contract says (malformed JSON, missing field, wrong type). */
export class ResponseValidationError extends LivePersonError {
  override name = 'ResponseValidationError';
  constructor(
    readonly endpoint: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${endpoint} answered with an unexpected body: ${problem}`, options);
  }
}

/**
 * The run's deadline came before this call could finish (or before its next retry could start).
 * For a write the outcome is unknown; the next run converges.
 */
export class DeadlineExceededError extends LivePersonError {
  override name = 'DeadlineExceededError';
  constructor(
    readonly endpoint: string,
    readonly write: boolean,
    options?: ErrorOptions,
  ) {
    super(
      `${endpoint} stopped at the run's deadline${write ? '; the write may or may not have been applied (the next run converges)' : ''}`,
      options,
    );
  }
}
