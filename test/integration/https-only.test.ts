import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import {
  awsEnvironment,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
  writeExampleConfig,
} from '../helpers/importer-harness.js';
import { calls, rejectionOf } from '../helpers/request-log.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { clientFor, useSandbox } from '../helpers/sandbox-harness.js';
import { useTempDir } from '../helpers/temp-dir.js';

useAwsEnvironment();

/**
 * Issue 16, point 4: the password, bearer and OAuth signatures travel only over https; plain
 * http only to loopback hosts (the sandbox). Anything else is bad input before a secret is read.
 */

const sandbox = useSandbox();
const temp = useTempDir('holiday-https');

beforeEach(() => {
  seedDemoScene(sandbox.current.state);
  sandbox.current.clearLog();
});

describe('LP_CSDS_URL must be https', () => {
  it.each([
    [
      'http://api.liveperson.net',
      'uses http to api.liveperson.net, which would send the credentials in plain text',
    ],
    ['ftp://api.liveperson.net', 'uses ftp; the LivePerson APIs are reached over https'],
    ['api.liveperson.net', 'is not a URL'],
  ])('%s: exit 2 before the secret is read', async (csdsUrl, message) => {
    // A secret that does not exist: reading it first would fail with another message.
    const configPath = writeExampleConfig(temp, uniqueSecretId());
    for (const command of ['plan', 'apply']) {
      const result = await runCliProcess([command, '--config', configPath], {
        ...awsEnvironment(),
        LP_CSDS_URL: csdsUrl,
      });
      expect(result.stderr).toContain(`LP_CSDS_URL "${csdsUrl}`);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('Secret');
      expect(result.code).toBe(2);
    }
  });

  it('http to the loopback sandbox runs', async () => {
    const secretId = uniqueSecretId();
    await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
    const result = await runCliProcess(['plan', '--config', writeExampleConfig(temp, secretId)], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url.replace('127.0.0.1', 'localhost'),
    });
    // The demo scene holds a hand-made occasion to review: exit 3, after reading the account.
    expect(result.code).toBe(3);
    expect(calls(sandbox.current.requests)).toContain('GET /configuration/ac-common/specialoccasion');
  });

  it('a loopback Domain API that names a remote host over http: refused before any credentialed call', async () => {
    const remote = (service: string) => ({
      service,
      account: SANDBOX_ACCOUNT,
      baseURI: 'lo.liveperson.example.com',
    });
    sandbox.current.addFault({
      path: 'baseURI',
      replaceBody: JSON.stringify({ baseURIs: [remote('accountConfigReadWrite'), remote('agentVep')] }),
      times: 2,
    });
    const error = await rejectionOf(clientFor(sandbox.current, 'oauth1').listSkills());
    expect(error.name).toBe('DomainResolutionError');
    expect(error.message).toContain(
      'names "lo.liveperson.example.com" for "accountConfigReadWrite": over http, to a host that is not loopback',
    );
    expect(calls(sandbox.current.requests).every((line) => line.includes('baseURI'))).toBe(true);
  });
});
