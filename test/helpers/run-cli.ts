import { type ChildProcess, execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/holiday-importer.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process, the way an operator does. */
export function runCliProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  options: { cwd?: string } = {},
): Promise<CliResult> {
  return startCliProcess(args, env, options).result;
}

/** Starts the real CLI and hands back the process, to signal it while it runs. */
export function startCliProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  options: { cwd?: string } = {},
): { child: ChildProcess; result: Promise<CliResult> } {
  let child: ChildProcess | undefined;
  const result = new Promise<CliResult>((resolve) => {
    child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', ...env },
        ...options,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
  if (!child) throw new Error('the CLI did not start');
  return { child, result };
}
