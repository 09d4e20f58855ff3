import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Logger, RetryPolicy } from '../../functions/commons/interfaces.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { LivePersonClient } from '../../functions/liveperson/liveperson-client.js';
import {
  DEFAULT_SANDBOX_OPTIONS,
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  type Sandbox,
  startSandbox,
} from '../../sandbox/index.js';

/** Retries in milliseconds instead of seconds, so fault tests run fast. */
export const FAST_RETRY: Partial<RetryPolicy> = {
  delaysMs: [5, 10, 15],
  minThrottleDelayMs: 50,
  maxRetryAfterMs: 2_000,
  // Generous: a busy CI machine must never turn a slow answer into a lost one by accident.
  timeoutMs: 5_000,
};

export type AuthType = keyof typeof SANDBOX_CREDENTIALS;
export const AUTH_TYPES: AuthType[] = ['oauth1', 'login', 'appLogin'];

export interface CapturedLog {
  level: string;
  message: string;
  attributes?: Record<string, unknown> | undefined;
}

export function capturingLogger(lines: CapturedLog[]): Logger {
  const log = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push({ level, message, attributes });
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** One sandbox for the file, reset (state, options, faults, log) before each test. */
export function useSandbox(): { readonly current: Sandbox } {
  const holder: { current?: Sandbox } = {};
  beforeAll(async () => {
    holder.current = await startSandbox();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  beforeEach(() => {
    const sandbox = holder.current;
    if (!sandbox) return;
    sandbox.clearFaults();
    sandbox.clearLog();
    Object.assign(sandbox.options, DEFAULT_SANDBOX_OPTIONS);
    sandbox.state.accounts.clear();
    sandbox.state.sessions.clear();
    sandbox.state.users.length = 0;
    sandbox.state.apiKeys.length = 0;
    registerSandboxCredentials(sandbox.state);
    sandbox.state.addAccount(SANDBOX_ACCOUNT);
  });
  return {
    get current() {
      if (!holder.current) throw new Error('sandbox not started');
      return holder.current;
    },
  };
}

export function clientFor(
  sandbox: Sandbox,
  authType: AuthType,
  extra: { logger?: Logger; retry?: Partial<RetryPolicy>; deadline?: number } = {},
): LivePersonClient {
  return new LivePersonClient({
    accountId: SANDBOX_ACCOUNT,
    csdsUrl: sandbox.url,
    credentials: staticCredentials(SANDBOX_CREDENTIALS[authType]),
    retry: { ...FAST_RETRY, ...extra.retry },
    logger: extra.logger,
    deadline: extra.deadline,
  });
}
