import { boundMessage } from './bounded-text.js';

const MAX_FUNCTION_ERROR_LENGTH = 4_000;

/** Errors a user fixes by changing input (config, secret, arguments): CLI exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * An error as the function reports it. Lambda reports an error's `name` as its errorType, and the
 * CLI's `invoke` knows bad input by that one type (exit 2): every InputError, whatever its class,
 * leaves the function named `InputError`, its own name leading the message.
 */
export function asFunctionError(error: unknown): unknown {
  // Lambda returns the message to the caller and logs it: a bounded one, whatever the input was.
  if (error instanceof Error && error.message.length > MAX_FUNCTION_ERROR_LENGTH) {
    const head = `${error.name}: ${error.message}`;
    error.message = boundMessage(error.message, MAX_FUNCTION_ERROR_LENGTH);
    if (error.stack?.startsWith(head))
      error.stack = `${error.name}: ${error.message}${error.stack.slice(head.length)}`;
  }
  if (!(error instanceof InputError) || error.name === 'InputError') return error;
  const reported = new InputError(`${error.name}: ${error.message}`, { cause: error });
  // The trace Lambda logs stays the one of where the error was thrown.
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  if (frames >= 0) reported.stack = `InputError: ${reported.message}${error.stack?.slice(frames)}`;
  return reported;
}

export interface ConfigIssue {
  /** JSON path such as `calendars[0].regions[1]`. */
  path: string;
  message: string;
}

export class ConfigError extends InputError {
  override name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
    options?: ErrorOptions,
  ) {
    super(
      `Invalid configuration in ${source}:\n${issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
      options,
    );
  }
}
