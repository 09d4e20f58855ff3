/** Errors a user fixes by changing input (config, secret, arguments): CLI exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
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
