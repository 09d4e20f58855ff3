import type { RetryPolicy } from '../commons/interfaces.js';
import type { CredentialsProvider } from '../liveperson/credentials.js';

/** What every CLI command shares: the exit codes and how a command reaches the terminal. */

export const EXIT = { ok: 0, failure: 1, badInput: 2, needsReview: 3, interrupted: 130 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colour: boolean;
  now: () => Date;
  env: Record<string, string | undefined>;
  /**
   * Asks for graceful Ctrl-C / SIGTERM handling during a writing run: the signal it returns is
   * aborted by the first signal (a second one quits at once). `notice` is what the first signal
   * prints (default: the one of plan/apply). Absent: signals act as usual.
   */
  interruptSignal?: (notice?: string) => AbortSignal;
}

/**
 * How the CLI reaches the outside world; the demo swaps credentials for the sandbox's. Default:
 * the secret from Secrets Manager.
 */
export interface CliDependencies {
  credentialsFor?: (secretId: string) => CredentialsProvider;
  retry?: Partial<RetryPolicy>;
}
