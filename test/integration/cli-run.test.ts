import { describe, expect, it } from 'vitest';
import { runCli } from '../../functions/cli/main.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { captureCli } from '../helpers/cli-capture.js';
import { FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';

/** runCli in-process, where the retry policy can be made fast: failures that take retries. */
const capture = (env: Record<string, string>) => captureCli(env);

describe('runCli (in-process)', () => {
  const sandbox = useSandbox();
  const deps = { credentialsFor: () => staticCredentials(SANDBOX_CREDENTIALS.oauth1), retry: FAST_RETRY };

  it('exit 1 when LivePerson cannot be reached, naming the call', async () => {
    const { out, io } = capture({ LP_CSDS_URL: 'http://127.0.0.1:9' });
    expect(await runCli(['plan'], io, deps)).toBe(1);
    expect(out.stderr).toMatch(/Error: GET \/api\/account\/12345678\/service\/.*baseURI\.json failed/);
    expect(out.stdout).toBe('');
  });

  it('exit 1 when reading LivePerson keeps failing with 503, after the retries', async () => {
    seedDemoScene(sandbox.current.state);
    sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 503, times: 10 });
    const { out, io } = capture({ LP_CSDS_URL: sandbox.current.url });
    expect(await runCli(['apply'], io, deps)).toBe(1);
    expect(out.stderr).toMatch(/specialoccasion answered 503/);
    expect(out.stderr).toMatch(/warning: LivePerson call failed, retrying/);
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('colours only when asked (a TTY)', async () => {
    seedDemoScene(sandbox.current.state);
    const plain = capture({ LP_CSDS_URL: sandbox.current.url });
    await runCli(['plan'], plain.io, deps);
    expect(plain.out.stdout).not.toContain('\x1b[');
    const coloured = capture({ LP_CSDS_URL: sandbox.current.url });
    await runCli(['plan'], { ...coloured.io, colour: true }, deps);
    expect(coloured.out.stdout).toContain('\x1b[');
  });
});
