import type { CliIo } from '../../functions/cli/cli-io.js';
import { type CliDependencies, runCli } from '../../functions/cli/main.js';

export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

/** The io of an in-process CLI that keeps what it writes (no colour), on a given clock. */
export function captureCli(
  env: Record<string, string>,
  now: () => Date = () => new Date(),
): { out: CapturedOutput; io: CliIo } {
  const out: CapturedOutput = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    colour: false,
    now,
    env,
  };
  return { out, io };
}

/**
 * runCli in-process, where dependencies (a fast retry policy, the sandbox's credentials) can be
 * given: its exit code and what it wrote.
 */
export async function runCliCaptured(
  args: readonly string[],
  env: Record<string, string>,
  deps: CliDependencies,
  now?: Date,
): Promise<CapturedOutput & { code: number }> {
  const { out, io } = captureCli(env, now ? () => now : undefined);
  const code = await runCli(args, io, deps);
  return { code, ...out };
}
