import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { fingerprintEvents } from '../../functions/core/planner/canonical-events.js';
import { readMarker } from '../../functions/core/planner/ownership-marker.js';
import type { SpecialOccasionEvent } from '../../functions/core/planner/special-occasion.js';
import type { RunSummary } from '../../functions/core/summary/run-summary.js';
import { ImportFailedError } from '../../functions/holiday-import/create-handler.js';
import {
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  SANDBOX_SECRET_VALUES,
  seedDemoScene,
} from '../../sandbox/index.js';
import {
  awsEnvironment,
  byName,
  exampleConfig,
  handlerFor,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
  writeExampleConfig,
} from '../helpers/importer-harness.js';
import { calls, rejectionOf, writes } from '../helpers/request-log.js';
import { runCliProcess, startCliProcess } from '../helpers/run-cli.js';
import { type CapturedLog, useSandbox } from '../helpers/sandbox-harness.js';
import { startSilentServer } from '../helpers/silent-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

useAwsEnvironment();

/**
 * The run as a reconcile loop, end to end: each case is one of the review's findings,
 * reproduced against the sandbox and moto, through the Lambda handler or the CLI.
 */

const sandbox = useSandbox();
let secretId = '';
let lines: CapturedLog[] = [];
const temp = useTempDir('holiday-reconcile');

const live = () => sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion');
const named = (name: string) =>
  live().find((item) => item.name === name) as
    | (Record<string, unknown> & { id: number; description: string; events: SpecialOccasionEvent[] })
    | undefined;
const handler = (overrides: Parameters<typeof exampleConfig>[0] = {}) =>
  handlerFor(exampleConfig({ secretId, ...overrides }), sandbox.current.url, lines);

beforeEach(async () => {
  seedDemoScene(sandbox.current.state);
  sandbox.current.clearLog();
  secretId = uniqueSecretId();
  lines = [];
  await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
});

describe('drift in a year the run does not cover', () => {
  it('is reported with the events that differ; force makes every year as configured; then unchanged', async () => {
    await handler()({ trigger: 'manual', years: [2030, 2031] });
    const us = named('Holidays US');
    if (!us) throw new Error('no US occasion');
    const [first, ...rest] = us.events;
    expect(first?.start.dateTime.startsWith('2030-01-01')).toBe(true);
    // Someone deletes New Year 2030 by hand.
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', { ...us, events: rest });

    const plan = await handler()({ trigger: 'manual', years: [2031], dryRun: true });
    const drift = byName(plan)['Holidays US'];
    expect(drift?.action).toBe('drift');
    expect(drift?.changes?.added).toEqual([{ date: '2030-01-01', name: "New Year's Day", working: false }]);
    expect(drift?.changes?.removed).toEqual([]);

    const forced = await handler()({ trigger: 'manual', years: [2031], force: true });
    expect(byName(forced)['Holidays US']?.action).toBe('updated');
    expect(named('Holidays US')?.events.map((event) => event.start.dateTime)).toEqual(
      us.events.map((event) => event.start.dateTime),
    );
    const again = await handler()({ trigger: 'manual', years: [2031], dryRun: true });
    expect(byName(again)['Holidays US']?.action).toBe('unchanged');
  });
});

describe('LivePerson answering its own time format', () => {
  it('T00:00 for T00:00:00, T23:59 for T23:59:59 and other key orders: no drift, no writes', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    sandbox.current.options.eventTimes = 'minutes';
    sandbox.current.clearLog();
    const summary = await handler()({ trigger: 'manual', years: [2030] });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(writes(sandbox.current.requests)).toEqual([]);
    // A real change still goes through, and the next read of the reformatted answer is unchanged.
    const changed = exampleConfig({ secretId }).calendars.map((calendar) => ({
      ...calendar,
      exclude: [...calendar.exclude, '2030-12-25'],
    }));
    const updated = await handler({ calendars: changed })({ trigger: 'manual', years: [2030] });
    expect(updated.calendars.map((calendar) => calendar.action)).toEqual(['updated', 'updated', 'updated']);
    const after = await handler({ calendars: changed })({ trigger: 'manual', years: [2030], dryRun: true });
    expect(after.calendars.map((calendar) => calendar.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });
});

describe("someone else's odd data", () => {
  it('a foreign object with odd events and null fields never fails the run', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: null,
      description: null,
      isDefault: false,
      events: [
        { start: { dateTime: '2027-07-09', timeZone: 'Europe/Berlin' }, recurrence: null },
        { start: { dateTime: '2027-07-10' }, end: { dateTime: '2027-07-11' }, meta: { name: 'no zone' } },
      ],
    });
    const summary = await handler()({ trigger: 'monthly' });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
  });

  it('an odd event inside an owned object is drift; force replaces it', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    const us = named('Holidays US');
    if (!us) throw new Error('no US occasion');
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      ...us,
      events: [...us.events, { start: { dateTime: '2030-07-09' }, recurrence: null }],
    });
    const summary = await handler()({ trigger: 'manual', years: [2030], dryRun: true });
    expect(byName(summary)['Holidays US']).toMatchObject({
      action: 'drift',
      error: expect.stringContaining("1 of them not of LivePerson's documented shape"),
    });
    const forced = await handler()({ trigger: 'manual', years: [2030], force: true });
    expect(byName(forced)['Holidays US']?.action).toBe('updated');
    expect(named('Holidays US')?.events).toHaveLength(us.events.length);
  });
});

describe('a PUT applied although its answer was lost', () => {
  it('is recognised on the re-read and reported updated, with its audit line', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    sandbox.current.clearLog();
    const changed = exampleConfig({ secretId }).calendars.map((calendar) => ({
      ...calendar,
      exclude: [...calendar.exclude, '2030-12-25'],
    }));
    sandbox.current.addFault({ method: 'PUT', path: 'specialoccasion', commitThenDrop: true });
    const summary = await handler({ calendars: changed })({ trigger: 'manual', years: [2030] });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['updated', 'updated', 'updated']);
    expect(summary.calendars.every((calendar) => calendar.eventsRemoved === 1)).toBe(true);
    // Sent, answer lost; retried with the old revision: 409; then a read shows it took.
    expect(
      sandbox.current.requests.filter((request) => request.method === 'PUT').map((request) => request.status),
    ).toEqual([-1, 409]);
    const audits = lines.filter((line) => line.message === 'holiday-importer updated special occasions');
    expect(audits.map((line) => line.attributes?.calendar)).toEqual([
      'Holidays DE-BY',
      'Holidays US',
      'Holidays UK (England + Scotland)',
    ]);
    expect(audits[0]?.attributes?.confirmedAfter).toContain('answered 409');
    const stored = named('Holidays DE-BY');
    expect(readMarker(stored?.description)?.fingerprint).toBe(fingerprintEvents(stored?.events ?? []));
  });
});

describe('the run deadline', () => {
  const cli = (args: string[]) =>
    runCliProcess([...args, '--config', writeExampleConfig(temp, secretId)], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
    });

  it('a write in flight at the deadline: stops, logs out, prints what it did, incomplete, exit 1', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', delayMs: 4_000 });
    const result = await cli(['apply', '--timeout', '1.5', '--json']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.incomplete).toBe(true);
    // The one POST with all three creates was in flight: its outcome is unknown for each.
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['failed', 'failed', 'failed']);
    expect(summary.calendars[0]?.error).toContain(
      "stopped at the run's deadline; the write may or may not have been applied",
    );
    expect(summary.calendars[2]?.error).toContain('may or may not have been applied');
    expect(summary.calendars[0]?.skills[0]?.error).toContain('not written: the run reached its deadline');
    expect(calls(sandbox.current.requests).at(-1)).toBe('POST /logout');
  });

  it('no retry starts whose pause would pass the deadline (LivePerson pauses 5 s after a 503)', async () => {
    sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', status: 503, times: 4 });
    const result = await cli(['plan', '--timeout', '3', '--json']);
    expect(result.stderr).toContain("stopped at the run's deadline");
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.incomplete).toBe(true);
    expect(summary.calendars[0]?.error).toContain("stopped at the run's deadline");
    expect(calls(sandbox.current.requests).filter((line) => line.includes('specialoccasion'))).toHaveLength(
      1,
    );
  });

  it('the Lambda uses its remaining time: with too little, no request is sent and the invocation fails', async () => {
    const context = { awsRequestId: 'req-deadline', getRemainingTimeInMillis: () => 5_000 };
    const error = await rejectionOf(handler()({ trigger: 'monthly' }, context));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error.message).toContain('stopped at its deadline');
    expect((error as ImportFailedError).summary.incomplete).toBe(true);
    expect(writes(sandbox.current.requests)).toEqual([]);
  });
});

describe('a secret rotated badly, found while logging in again', () => {
  /** At this request the session expires and the secret loses its password (landed in moto first). */
  const breakSecretAt = (method: string, path: string) =>
    sandbox.current.addFault({
      method,
      path,
      before: async (state) => {
        state.expireSessions();
        await putSecret(secretId, { authType: 'login', username: 'holiday.bot' });
      },
    });

  it('stops at once with the secret error (exit 2), naming the secret and field, never a value', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    const configPath = writeExampleConfig(temp, secretId);
    breakSecretAt('POST', 'specialoccasion');
    const result = await runCliProcess(['apply', '--config', configPath], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
    });
    expect(result.stderr).toContain(`Secret "${secretId}" does not hold LivePerson credentials`);
    expect(result.stderr).toContain('"password" is missing');
    expect(result.code).toBe(2);
    for (const value of SANDBOX_SECRET_VALUES) expect(result.stderr + result.stdout).not.toContain(value);
    expect(sandbox.current.requests.filter((request) => request.status === 401)).toHaveLength(1);
  });

  const breakSecretAtSkills = () => breakSecretAt('PUT', 'skills');

  it('after writes: the --json summary still lists what was written, with the error (exit 2)', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    const configPath = writeExampleConfig(temp, secretId);
    breakSecretAtSkills();
    const result = await runCliProcess(['apply', '--config', configPath, '--json'], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
    });
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout) as RunSummary & { error: { code: string; exitCode: number } };
    expect(document.error).toMatchObject({ code: 'SecretError', exitCode: 2 });
    expect(document.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    for (const calendar of document.calendars) {
      expect(calendar.occasionId).toBe(named(calendar.name)?.id);
    }
    // Every link the plan held failed with the secret's error (Billing DE is a foreign occasion's).
    const skills = document.calendars.flatMap((calendar) => calendar.skills);
    expect(skills.filter((skill) => skill.action === 'failed')).toHaveLength(4);
    for (const skill of skills.filter((item) => item.action !== 'conflict'))
      expect(skill.error).toContain('"password" is missing');
    expect(document.requests.POST).toBeGreaterThan(0);
    expect(result.stderr).toContain('"password" is missing');
    for (const value of SANDBOX_SECRET_VALUES) expect(result.stderr + result.stdout).not.toContain(value);
  });

  it('after writes: the text summary is printed before the error', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    const configPath = writeExampleConfig(temp, secretId);
    breakSecretAtSkills();
    const result = await runCliProcess(['apply', '--config', configPath], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
      NO_COLOR: '1',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('created');
    expect(result.stdout).toContain('Holidays DE-BY');
  });

  it('after writes: the handler fails as bad input and logs the summary of what it wrote', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    breakSecretAtSkills();
    const error = await rejectionOf(handler()({ trigger: 'monthly' }));
    // The function fails as bad input (invoke: exit 2), and its log group holds what it wrote.
    expect((error as Error).name).toBe('InputError');
    expect((error as Error).message).toContain('"password" is missing');
    const logged = lines.find((line) => line.message === 'holiday-importer run summary')?.attributes
      ?.summary as RunSummary | undefined;
    expect(logged?.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
  });
});

describe('a 400 on the skills PUT', () => {
  it('is isolated to the bad skill; the others are linked', async () => {
    // A skill someone broke by hand (no name): LivePerson refuses any write of it.
    const [broken] = sandbox.current.state
      .all(SANDBOX_ACCOUNT, 'skills')
      .filter((skill) => skill.id === 2000000003);
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'skills', { ...broken, name: '' });
    const error = await rejectionOf(handler()({ trigger: 'monthly' }));
    const summary = (error as ImportFailedError).summary;
    const skills = summary.calendars.flatMap((calendar) =>
      calendar.skills.map((skill) => [String(skill.skill), skill.action] as const),
    );
    expect(Object.fromEntries(skills)).toEqual({
      'Support DE': 'linked',
      'Billing DE': 'conflict',
      'Support US': 'linked',
      '2000000003': 'failed',
      'Support UK': 'linked',
    });
    expect(
      summary.calendars.flatMap((calendar) => calendar.skills).find((skill) => skill.skill === 2000000003)
        ?.error,
    ).toContain('name is required');
  });
});

describe('Secrets Manager failures say what the SDK said', () => {
  it.each([
    [503, ''],
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>'],
  ])(
    'a gateway answering %i: "HTTP <status> from" the endpoint, not "UnknownError"',
    async (status, page) => {
      const gateway = createServer((_request, response) => {
        response.writeHead(status, page ? { 'content-type': 'text/html' } : {});
        response.end(page);
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      try {
        const result = await runCliProcess(['plan', '--config', writeExampleConfig(temp, secretId)], {
          ...awsEnvironment(),
          LP_CSDS_URL: sandbox.current.url,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `Secrets Manager could not be reached for secret "${secretId}": HTTP ${status} from ${url}, an answer that is not Secrets Manager's`,
        );
        expect(result.stderr).not.toContain('UnknownError');
        expect(sandbox.current.requests).toEqual([]);
      } finally {
        gateway.closeAllConnections();
        await new Promise((resolve) => gateway.close(resolve));
      }
    },
  );

  it.each([
    {
      name: 'nothing listening',
      env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:1' },
      said: 'ECONNREFUSED',
    },
    {
      name: 'no region',
      env: { AWS_REGION: '', AWS_DEFAULT_REGION: '', AWS_CONFIG_FILE: '/dev/null' },
      said: 'Region not accepted',
    },
  ])(
    '$name: exit 1, the SDK code and message, what to check, no LivePerson request',
    async ({ env, said }) => {
      const result = await runCliProcess(['plan', '--config', writeExampleConfig(temp, secretId)], {
        ...awsEnvironment(),
        LP_CSDS_URL: sandbox.current.url,
        ...env,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Secrets Manager could not be reached for secret "${secretId}": `);
      expect(result.stderr).toContain(said);
      expect(result.stderr).toContain('Check AWS_REGION');
      expect(sandbox.current.requests).toEqual([]);
    },
  );
});

describe('an error answer that echoes the request', () => {
  it('never puts the password into stderr, stdout or the summary', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    sandbox.current.addFault({ method: 'POST', path: '/login', status: 400, echoRequest: true, times: 2 });
    const result = await runCliProcess(['apply', '--json', '--config', writeExampleConfig(temp, secretId)], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answered 400: {"message":"invalid login request {');
    expect(result.stderr).toContain('password\\":"[redacted]"');
    for (const value of SANDBOX_SECRET_VALUES) {
      expect(result.stderr).not.toContain(value);
      expect(result.stdout).not.toContain(value);
    }
    expect(JSON.parse(result.stdout).error.exitCode).toBe(1);
  });
});

describe('a password with quotes, a backslash and non-ASCII, echoed by a 400', () => {
  const password = 'pa"ss\\w0rd-ünïcödé';
  // Pieces of the password in each form it can take; none may reach the operator.
  const pieces = ['pa"ss', 'pa\\"ss', 'pa%22ss', 'w0rd', 'n%C3%AF', 'ünïc', 'n\\u00efc'];

  it.each([
    { echo: true, shows: 'invalid login request {' },
    { echo: 'form', shows: 'invalid login request username=[redacted]&password=' },
    { echo: 'raw', shows: 'answered 400: {"username":"[redacted]","password":"[redacted]"}' },
  ] as const)('echoed as $echo: never in stderr or stdout', async ({ echo, shows }) => {
    await putSecret(secretId, { authType: 'login', username: 'quoted.bot', password });
    sandbox.current.addFault({ method: 'POST', path: '/login', status: 400, echoRequest: echo, times: 2 });
    const result = await runCliProcess(['apply', '--json', '--config', writeExampleConfig(temp, secretId)], {
      ...awsEnvironment(),
      LP_CSDS_URL: sandbox.current.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(shows);
    for (const piece of pieces) {
      expect(result.stderr).not.toContain(piece);
      expect(result.stdout).not.toContain(piece);
    }
  });
});

describe('writes are checked against what LivePerson holds', () => {
  it('a skill link LivePerson does not store is failed, not linked; the invocation throws', async () => {
    sandbox.current.addFault({
      method: 'PUT',
      path: 'skills',
      // LivePerson takes the write but silently drops the link (a permission it lacks, say).
      mutateRequest: (body) =>
        Array.isArray(body) ? body.map(({ specialOccasionId: _, ...skill }) => skill) : body,
    });
    const error = await rejectionOf(handler()({ trigger: 'monthly' }));
    expect(error).toBeInstanceOf(ImportFailedError);
    const skills = (error as ImportFailedError).summary.calendars.flatMap((calendar) => calendar.skills);
    const linkedOrFailed = skills.filter((skill) => skill.action !== 'conflict');
    expect(linkedOrFailed.map((skill) => skill.action)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(linkedOrFailed[0]?.error).toContain(
      'LivePerson accepted the write but does not hold what was sent',
    );
    expect(lines.some((line) => line.message === 'holiday-importer linked skills')).toBe(false);
  });

  it('an update LivePerson stores differently is failed', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    const changed = exampleConfig({ secretId }).calendars.map((calendar) => ({
      ...calendar,
      exclude: [...calendar.exclude, '2030-12-25'],
    }));
    sandbox.current.addFault({
      method: 'PUT',
      path: 'specialoccasion',
      mutateRequest: (body) =>
        Array.isArray(body) ? body.map((item) => ({ ...item, events: item.events.slice(1) })) : body,
    });
    const error = await rejectionOf(handler({ calendars: changed })({ trigger: 'manual', years: [2030] }));
    const summary = (error as ImportFailedError).summary;
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['failed', 'failed', 'failed']);
    expect(summary.calendars[0]?.error).toContain('does not hold what was sent');
  });
});

describe('concurrency and unknown outcomes', () => {
  it('two runs at the same moment: both succeed, each object exists once', async () => {
    // Both read before either writes: the first create of one run waits a little.
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', delayMs: 300 });
    const [first, second] = await Promise.all([
      handler()({ trigger: 'monthly' }),
      handler()({ trigger: 'monthly' }),
    ]);
    for (const summary of [first, second]) {
      expect(
        summary.calendars
          .map((calendar) => calendar.action)
          .every((action) => action === 'created' || action === 'unchanged'),
      ).toBe(true);
    }
    const names = live().map((item) => item.name);
    expect(names.filter((name) => name === 'Holidays DE-BY')).toHaveLength(1);
    expect(names).toHaveLength(4);
    // Only the run whose write took says it created: the other was refused and found it made.
    for (const name of exampleConfig().calendars.map((calendar) => calendar.name)) {
      const actions = [first, second].map((summary) => byName(summary)[name]?.action).sort();
      expect(actions, name).toEqual(['created', 'unchanged']);
      const createdLines = lines.filter(
        (line) =>
          line.message === 'holiday-importer created special occasion' && line.attributes?.calendar === name,
      );
      expect(createdLines, name).toHaveLength(1);
    }
    const linkedLines = lines.filter((line) => line.message === 'holiday-importer linked skills');
    const linkedSkills = linkedLines.flatMap((line) => line.attributes?.skills as { skillId: number }[]);
    expect(linkedSkills.map((skill) => skill.skillId).sort()).toEqual(
      [...new Set(linkedSkills.map((skill) => skill.skillId))].sort(),
    );
  });

  it.each([400, 409] as const)(
    'a name taken by someone else between read and create (answered %i): conflict, not a failure',
    async (status) => {
      sandbox.current.options.duplicateNameStatus = status;
      sandbox.current.addFault({
        method: 'POST',
        path: 'specialoccasion',
        before: (state) => {
          const account = state.account(SANDBOX_ACCOUNT);
          state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
            name: 'Holidays DE-BY',
            description: 'by hand',
            isDefault: false,
            events: [],
          });
          // Someone else's write that this run's revision does not know of... but as if in the same revision.
          if (account) account.revisions.specialoccasion -= 1;
        },
      });
      const summary = await handler()({ trigger: 'monthly' });
      expect(byName(summary)['Holidays DE-BY']?.action).toBe('conflict');
      expect(byName(summary)['Holidays US']?.action).toBe('created');
      expect(live().filter((item) => item.name === 'Holidays DE-BY')).toHaveLength(1);
    },
  );

  it('one 503 on a create: re-read, not there, created once', async () => {
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 503 });
    const summary = await handler()({ trigger: 'monthly' });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    expect(live()).toHaveLength(4);
    expect(
      summary.calendars.flatMap((calendar) => calendar.skills).some((skill) => skill.action === 'failed'),
    ).toBe(false);
  });
});

describe('input a run refuses or warns about', () => {
  it('a year the pruning rule would delete: exit 2, a message, no request', async () => {
    const result = await runCliProcess(
      ['apply', '--year', '2020', '--config', writeExampleConfig(temp, secretId)],
      {
        ...awsEnvironment(),
        LP_CSDS_URL: sandbox.current.url,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Year 2020 is before what the config keeps: events that ended before \d{4}-01-01 are removed \("keepPastYears": 0\)/,
    );
    expect(sandbox.current.requests).toEqual([]);
  });

  it('an exclude name that matches no holiday: a warning in the summary, the plan output and preview', async () => {
    const calendars = exampleConfig({ secretId }).calendars.map((calendar) =>
      calendar.name === 'Holidays US' ? { ...calendar, exclude: ['Columbus Day', 'Colombus Day'] } : calendar,
    );
    const summary = await handler({ calendars })({ trigger: 'monthly', dryRun: true });
    expect(byName(summary)['Holidays US']?.warnings).toEqual([
      expect.stringMatching(
        /^exclude "Colombus Day" matches no holiday of US in \d{4}, \d{4}; check the spelling/,
      ),
    ]);
    expect(byName(summary)['Holidays DE-BY']?.warnings).toBeUndefined();
  });
});

describe('a Secrets Manager that accepts and never answers', () => {
  it('fails the run with a message naming Secrets Manager (exit 1), bounded, no LivePerson request', async () => {
    const silent = await startSilentServer();
    try {
      const result = await runCliProcess(['plan', '--config', writeExampleConfig(temp, secretId)], {
        ...awsEnvironment(),
        AWS_ENDPOINT_URL_SECRETS_MANAGER: silent.url,
        LP_CSDS_URL: sandbox.current.url,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Secrets Manager could not be reached for secret "${secretId}"`);
      expect(result.stderr).toMatch(/TimeoutError|timed out|timeout/i);
      expect(silent.connections()).toBe(3);
      expect(sandbox.current.requests).toEqual([]);
    } finally {
      await silent.close();
    }
  }, 45_000);
});

describe('Ctrl-C in the middle of apply', () => {
  it('the write in flight finishes, no new one starts, the session is logged out, the summary printed, exit 130', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', delayMs: 1_500 });
    const { child, result } = startCliProcess(
      ['apply', '--json', '--config', writeExampleConfig(temp, secretId)],
      {
        ...awsEnvironment(),
        LP_CSDS_URL: sandbox.current.url,
      },
    );
    const deadline = Date.now() + 15_000;
    const createStarted = () =>
      sandbox.current.requests.some(
        (request) => request.method === 'POST' && request.path.endsWith('specialoccasion'),
      );
    while (!createStarted() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const { code, stdout, stderr } = await result;
    expect(stderr).toContain('SIGINT: no new write starts');
    expect(code).toBe(130);
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary.incomplete).toBe(true);
    // The one POST with all three creates finished; the skill links (the next write) never started.
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    expect(summary.calendars[0]?.skills[0]).toMatchObject({
      action: 'failed',
      error: expect.stringContaining('not written: the run was interrupted'),
    });
    expect(sandbox.current.requests.some((request) => request.method === 'PUT')).toBe(false);
    expect(calls(sandbox.current.requests).at(-1)).toBe('POST /logout');
  });

  it('a command with nothing to finish (invoke waiting on AWS) stops at Ctrl-C at once: exit 130', async () => {
    const silent = await startSilentServer();
    try {
      const { child, result } = startCliProcess(['invoke', '--function', 'holiday-importer'], {
        ...awsEnvironment(),
        AWS_ENDPOINT_URL_LAMBDA: silent.url,
      });
      const deadline = Date.now() + 15_000;
      while (silent.connections() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGINT');
      const { code } = await result;
      expect(code).toBe(130);
    } finally {
      await silent.close();
    }
  });
});

describe('AWS credentials that are missing', () => {
  it('says so with the SDK code and message and what to check, exit 1, no LivePerson request', async () => {
    const env = { ...awsEnvironment(), LP_CSDS_URL: sandbox.current.url } as Record<
      string,
      string | undefined
    >;
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const result = await runCliProcess(['plan', '--config', writeExampleConfig(temp, secretId)], {
      ...env,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`AWS did not accept the credentials used to read secret "${secretId}"`);
    expect(result.stderr).toContain(
      'CredentialsProviderError: Could not load credentials from any providers',
    );
    expect(result.stderr).toContain('Check AWS_PROFILE');
    // Node 20: the AWS SDK's notice about Node 22 stays out of the operator's stderr.
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
    expect(sandbox.current.requests).toEqual([]);
  });
});

describe('the corrections table in a run', () => {
  it('the summary lists the corrections each calendar used; the events carry them', async () => {
    const summary = await handler()({ trigger: 'manual', years: [2026], dryRun: true });
    expect(byName(summary)['Holidays UK (England + Scotland)']?.corrections).toEqual([
      'gb-sct-2026-world-cup',
    ]);
    expect(byName(summary)['Holidays DE-BY']?.corrections).toBeUndefined();
    expect(byName(summary)['Holidays UK (England + Scotland)']?.changes?.added).toContainEqual({
      date: '2026-06-15',
      name: 'Bank holiday (Royal Proclamation)',
      working: false,
    });
  });
});
