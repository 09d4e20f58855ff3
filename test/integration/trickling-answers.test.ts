import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../functions/core/summary/run-summary.js';
import { ImportFailedError } from '../../functions/holiday-import/create-handler.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import {
  awsEnvironment,
  exampleConfig,
  handlerFor,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
  writeExampleConfig,
} from '../helpers/importer-harness.js';
import { calls, rejectionOf, writes } from '../helpers/request-log.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { clientFor, useSandbox } from '../helpers/sandbox-harness.js';
import { useTempDir } from '../helpers/temp-dir.js';

useAwsEnvironment();

/**
 * Issue 16, point 2: an answer whose headers arrive but whose body never ends (a byte every
 * half second, then whitespace, forever). Every read, body included, ends by the request timeout
 * and by the run's deadline. Before, the request timeout ended with the headers and the deadline
 * did not reach the Domain API or login calls at all: these runs never ended.
 */

const sandbox = useSandbox();
const temp = useTempDir('holiday-trickle');
let secretId = '';

beforeEach(async () => {
  seedDemoScene(sandbox.current.state);
  sandbox.current.clearLog();
  secretId = uniqueSecretId();
  await putSecret(secretId, SANDBOX_CREDENTIALS.login);
});

const FOREVER = 1_000;

/** A collection function of V8, reachable only with --expose-gc, set here for this process. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('an answer whose body trickles forever', () => {
  it('apply --timeout 3: the CLI stops at its deadline, says so, exit 1 (the production policy, 30 s per attempt)', async () => {
    sandbox.current.addFault({
      method: 'GET',
      path: 'specialoccasion',
      trickleBodyEveryMs: 500,
      times: FOREVER,
    });
    const result = await runCliProcess(
      ['apply', '--timeout', '3', '--json', '--config', writeExampleConfig(temp, secretId)],
      { ...awsEnvironment(), LP_CSDS_URL: sandbox.current.url },
    );
    // A run that hung would be killed by the harness at 60 s, with none of this output.
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.incomplete).toBe(true);
    expect(summary.calendars.map((calendar) => calendar.error)).toEqual(
      Array(3).fill(
        `not read: GET /api/account/${SANDBOX_ACCOUNT}/configuration/ac-common/specialoccasion stopped at the run's deadline`,
      ),
    );
    // Nothing written; the logout still happens after the deadline, through its own short timeout.
    expect(calls(writes(sandbox.current.requests))).toEqual(['POST /login', 'POST /logout']);
  });

  it('the Lambda with little time left ends at its deadline while the login answer trickles, through garbage collections', async () => {
    sandbox.current.addFault({ method: 'POST', path: '/login', trickleBodyEveryMs: 500, times: FOREVER });
    const gc = collectGarbage();
    const collector = setInterval(gc, 100);
    try {
      // The handler keeps 10 s for the logout and the summary: its run's deadline is 2 s away.
      const context = { awsRequestId: 'req-trickle', getRemainingTimeInMillis: () => 12_000 };
      const handler = handlerFor(exampleConfig({ secretId }), sandbox.current.url);
      const error = await rejectionOf(handler({ trigger: 'monthly' }, context));
      expect(error).toBeInstanceOf(ImportFailedError);
      expect(error.message).toContain('stopped at its deadline');
      expect(error.message).toContain("stopped at the run's deadline");
      expect((error as ImportFailedError).summary.incomplete).toBe(true);
    } finally {
      clearInterval(collector);
    }
    // The deadline is final: the trickling login is not retried past it.
    expect(calls(sandbox.current.requests).filter((line) => line === 'POST /login')).toHaveLength(1);
  });

  it('the request timeout covers the body: a trickling read is abandoned at it and retried', async () => {
    sandbox.current.addFault({ method: 'GET', path: 'skills', trickleBodyEveryMs: 500 });
    const client = clientFor(sandbox.current, 'oauth1', { retry: { timeoutMs: 1_500 } });
    const skills = await client.listSkills();
    expect(skills.length).toBeGreaterThan(0);
    expect(
      calls(sandbox.current.requests).filter((line) => line === 'GET /configuration/le-users/skills'),
    ).toHaveLength(2);
  });

  it('a Domain API answer that trickles past the deadline ends the call as a deadline, not a hang', async () => {
    sandbox.current.addFault({ path: 'baseURI', trickleBodyEveryMs: 500, times: FOREVER });
    const client = clientFor(sandbox.current, 'oauth1', { deadline: Date.now() + 1_500 });
    const error = await rejectionOf(client.listSpecialOccasions());
    expect(error.name).toBe('DeadlineExceededError');
    expect(error.message).toContain("stopped at the run's deadline");
  });
});
