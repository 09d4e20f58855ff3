/**
 * The small interfaces the run, the LivePerson client, the Lambda handler and the CLI share.
 * Each side supplies its own implementation (Powertools in Lambda, stderr lines in the CLI).
 */

export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Pause before retry n (5xx, network, timeout); the last value repeats. */
  delaysMs: readonly number[];
  /** Cap on a server's Retry-After. */
  maxRetryAfterMs: number;
  /** Throttled (429): never retry sooner than this, whatever Retry-After says. */
  minThrottleDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export interface RunMetrics {
  count(name: string, value: number): void;
}

/** Where the weekly notice goes (the notices SNS topic in AWS); returns the message's id. */
export interface NoticePublisher {
  publish(subject: string, message: string): Promise<string | undefined>;
}
