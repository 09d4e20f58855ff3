import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  mondayToFriday,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  SANDBOX_SECRET_VALUES,
  seedDemoScene,
} from '../../sandbox/index.js';
import { awsEnvironment, putSecret, uniqueSecretId, useAwsEnvironment } from '../helpers/importer-harness.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-harness.js';
import { useTempDir } from '../helpers/temp-dir.js';

useAwsEnvironment();
const temp = useTempDir('holiday-cli');

/** The operator CLI as a child process: real argv, env, exit codes, stdout and stderr. */
describe('holiday-importer plan / apply (child process, sandbox + moto)', () => {
  const sandbox = useSandbox();
  let secretId = '';
  let configPath = '';

  const writeConfig = (mutate: (config: Record<string, unknown>) => void = () => {}) => {
    const config = JSON.parse(readFileSync('config/holidays.json', 'utf8'));
    config.secretId = secretId;
    mutate(config);
    const path = join(mkdtempSync(join(temp, 'config-')), 'holidays.json');
    writeFileSync(path, JSON.stringify(config));
    return path;
  };
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCliProcess([...args, '--config', configPath], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
      ...env,
    });

  beforeEach(async () => {
    seedDemoScene(sandbox.current.state);
    secretId = uniqueSecretId();
    await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
    configPath = writeConfig();
  });

  it('plan: GETs only, a readable diff, exit 3 because a skill is held by a foreign occasion', async () => {
    const result = await cli(['plan']);
    expect(result.code).toBe(3);
    expect(sandbox.current.requests.every((request) => request.method === 'GET')).toBe(true);
    expect(result.stdout).toContain('Plan (dry run, nothing written)');
    expect(result.stdout).toMatch(/Holidays DE-BY\s+create \(\+\d+ -0 events/);
    expect(result.stdout).toMatch(/\+ Fri 2027-12-24\s+open 08:00-14:00\s+Heiliger Abend/);
    expect(result.stdout).toMatch(
      /skill "Billing DE" \(#2000000002\): CONFLICT - linked to special occasion "Company events/,
    );
    expect(result.stderr).toContain('holiday-importer plan: account 12345678 (dry run)');
  });

  it('plan of 2033: the Saturday half days get no event, each listed with the Workdays it came from', async () => {
    const result = await cli(['plan', '--calendar', 'Holidays DE-BY', '--year', '2033']);
    expect(result.stdout).toMatch(
      /half day Sat 2033-12-24 Heiliger Abend: no event: closed by the normal hours {2}\(from "Support DE", "Billing DE" \(Workdays "Office hours" \(4011110000, the account default\)\)\)/,
    );
    expect(result.stdout).toMatch(/half day Sat 2033-12-31 Silvester: no event: closed by the normal hours/);
    expect(result.stdout).not.toMatch(/\+ Sat 2033-12-24/);
    expect(result.stdout).toMatch(/\+ Sun 2033-12-25\s+closed all day\s+1. Weihnachtstag/);
  });

  it('two skills of one calendar with different hours on a half day: that calendar FAILED, the others planned, exit 1', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'workinghours', {
      id: 4011110030,
      name: 'Late shift',
      isDefault: false,
      events: mondayToFriday('09:00', '17:00', 'Europe/Berlin'),
    });
    const [billing] = sandbox.current.state
      .all(SANDBOX_ACCOUNT, 'skills')
      .filter((skill) => skill.name === 'Billing DE');
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'skills', { ...billing, workingHoursId: 4011110030 });
    const result = await cli(['plan', '--year', '2027']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Holidays DE-BY\s+FAILED/);
    expect(result.stdout).toContain(
      '2027-12-24 (Heiliger Abend): "Support DE" (Workdays "Office hours" (4011110000, the account default)): 08:00-14:00 vs "Billing DE" (Workdays "Late shift" (4011110030)): 09:00-14:00',
    );
    expect(result.stdout).toMatch(/Holidays US\s+create/);
  });

  it('apply then plan: exit 3 (the conflict stays), and the second plan finds nothing to do', async () => {
    const applied = await cli(['apply', '--json']);
    expect(applied.code).toBe(3);
    const summary = JSON.parse(applied.stdout);
    expect(summary.dryRun).toBe(false);
    expect(summary.calendars.map((calendar: { action: string }) => calendar.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(summary.requests).toEqual({ GET: 4, POST: 1, PUT: 1, DELETE: 0 });
    sandbox.current.clearLog();
    const again = await cli(['plan', '--json']);
    const second = JSON.parse(again.stdout);
    expect(second.calendars.map((calendar: { action: string }) => calendar.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('exit 0 when everything is done and nothing needs a person', async () => {
    configPath = writeConfig((config) => {
      const calendars = config.calendars as { skills: unknown[] }[];
      for (const calendar of calendars)
        calendar.skills = calendar.skills.filter((skill) => skill !== 'Billing DE');
    });
    expect((await cli(['apply'])).code).toBe(0);
    expect((await cli(['plan', '--year', '2027', '--calendar', 'Holidays US'])).code).toBe(0);
  });

  it('--force relinks a skill held by a foreign occasion', async () => {
    const result = await cli(['apply', '--force', '--calendar', 'Holidays DE-BY', '--json']);
    expect(result.code).toBe(0);
    const [calendar] = JSON.parse(result.stdout).calendars;
    expect(calendar.skills.map((skill: { action: string }) => skill.action)).toEqual(['linked', 'linked']);
  });

  it('exit 1 when LivePerson fails (a calendar failed), with the reason', async () => {
    // Every create answers 500: an unknown outcome each time, re-read, never there, tried again.
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 500, times: 10 });
    const result = await cli(['apply', '--calendar', 'Holidays US']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Holidays US\s+FAILED/);
    expect(result.stdout).toMatch(/answered 500/);
  });

  it.each([
    {
      name: 'missing',
      setup: async () => {},
      secret: 'liveperson/nope',
      message: /Secret "liveperson\/nope" does not exist/,
    },
    {
      name: 'malformed',
      setup: async (id: string) =>
        putSecret(id, { authType: 'oauth1', appKey: 'k', secret: SANDBOX_CREDENTIALS.oauth1.secret }),
      secret: '',
      message: /"accessToken" is missing/,
    },
  ])(
    'a $name secret: exit 2, a clear message, zero LivePerson requests',
    async ({ setup, secret, message }) => {
      const id = secret || uniqueSecretId();
      await setup(id);
      configPath = writeConfig((config) => {
        config.secretId = id;
      });
      const result = await cli(['apply']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain(SANDBOX_CREDENTIALS.oauth1.secret);
      expect(sandbox.current.requests).toEqual([]);
    },
  );

  it('a bad config: exit 2 and zero requests of any kind (Secrets Manager is not even reachable here)', async () => {
    configPath = writeConfig((config) => {
      (config.calendars as { regions: string[] }[])[0] = { name: 'X', regions: ['DE-XX'] } as never;
    });
    const result = await cli(['apply'], { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/calendars\[0\]\.regions\[0\]: "DE-XX"/);
    expect(sandbox.current.requests).toEqual([]);
  });

  it('bad arguments: exit 2 before anything else', async () => {
    const result = await cli(['apply', '--calendar', 'Nope'], {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown calendar "Nope"');
    expect(sandbox.current.requests).toEqual([]);
  });

  it('secrets never appear in stdout or stderr, whatever the auth kind', async () => {
    const outputs: string[] = [];
    for (const credentials of [SANDBOX_CREDENTIALS.login, SANDBOX_CREDENTIALS.appLogin]) {
      await putSecret(secretId, credentials);
      sandbox.current.addFault({
        method: 'POST',
        path: 'specialoccasion',
        before: (state) => state.expireSessions(),
      });
      const result = await cli(['apply', '--force', '--json']);
      outputs.push(result.stdout, result.stderr);
    }
    await putSecret(secretId, {
      ...SANDBOX_CREDENTIALS.login,
      password: `${SANDBOX_CREDENTIALS.login.password}-wrong`,
    });
    const rejected = await cli(['plan']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/user login \(authType "login"/);
    outputs.push(rejected.stdout, rejected.stderr);
    const all = outputs.join('\n');
    for (const secret of SANDBOX_SECRET_VALUES) expect(all).not.toContain(secret);
    for (const session of sandbox.current.state.sessions.values()) expect(all).not.toContain(session.bearer);
    expect(sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion').length).toBe(4);
  });

  it('--help for plan and apply shows examples and exit codes', async () => {
    for (const command of ['plan', 'apply']) {
      const result = await runCliProcess([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`npx holiday-importer ${command}`);
      expect(result.stdout).toContain('Exit codes');
    }
  });
});

describe('npm start (the demo)', () => {
  it('plans, applies, plans again with nothing to do, and shows the stored occasions', async () => {
    const { execFile } = await import('node:child_process');
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts'],
        { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
        (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /half day Sat 2033-12-24 Heiliger Abend: no event: closed by the normal hours/,
    );
    const [, afterApply = ''] = result.stdout.split('=== 3.');
    expect(afterApply).toMatch(/LivePerson requests: 4 GET, 0 POST, 0 PUT, 0 DELETE/);
    expect(afterApply).toContain(
      "Company events (made by hand) #4100000001: not the importer's, left untouched",
    );
    expect(result.stdout).toMatch(/LivePerson requests: 4 GET, 1 POST, 1 PUT, 0 DELETE/);
  });
});
