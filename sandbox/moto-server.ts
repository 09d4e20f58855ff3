import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A real Secrets Manager API for tests: moto_server on 127.0.0.1 and a free port, stopped by
 * its PID. Reached through AWS_ENDPOINT_URL_SECRETS_MANAGER, like any other endpoint.
 */

export interface MotoServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new MotoExitedError(`moto_server exited early with code ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms`);
}

class MotoExitedError extends Error {
  override name = 'MotoExitedError';
}

/**
 * Starts moto on a port that was free a moment ago; another process may take it first, so a
 * moto that exits at once is started again on another port (a few times).
 */
export async function startMotoServer(attempts = 3): Promise<MotoServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort();
    } catch (error) {
      if (!(error instanceof MotoExitedError) || attempt >= attempts) throw error;
    }
  }
}

async function startOnFreePort(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(
        new Error(
          `moto_server could not be started (${(error as NodeJS.ErrnoException).code}); install it with: pip install "moto[server]"`,
        ),
      ),
    ),
  );
  await Promise.race([waitUntilUp(url, child, 20_000), spawnError]);
  const pid = child.pid as number;
  return {
    url,
    pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(pid, 'SIGTERM');
      }),
  };
}
