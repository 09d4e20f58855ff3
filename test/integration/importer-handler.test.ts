import { beforeEach, describe, expect, it } from 'vitest';
import { currentYearIn } from '../../functions/core/holidays/local-date.js';
import { fingerprintEvents } from '../../functions/core/planner/canonical-events.js';
import { formatMarkedDescription } from '../../functions/core/planner/ownership-marker.js';
import { ImportFailedError } from '../../functions/holiday-import/create-handler.js';
import {
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  SANDBOX_SECRET_VALUES,
  seedDemoScene,
} from '../../sandbox/index.js';
import {
  byName,
  countingMetrics,
  exampleConfig,
  handlerFor,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
} from '../helpers/importer-harness.js';
import { calls, rejectionOf, writes } from '../helpers/request-log.js';
import { type CapturedLog, useSandbox } from '../helpers/sandbox-harness.js';

useAwsEnvironment();

const SKILLS_PATH = `/api/account/${SANDBOX_ACCOUNT}/configuration/le-users/skills`;

describe('the Lambda handler end to end (sandbox + moto Secrets Manager)', () => {
  const sandbox = useSandbox();
  let secretId = '';
  let lines: CapturedLog[] = [];

  const liveOccasions = () => sandbox.current.state.live(SANDBOX_ACCOUNT, 'specialoccasion');
  const occasionNamed = (name: string) => liveOccasions().find((item) => item.name === name);
  const handler = (overrides: Parameters<typeof exampleConfig>[0] = {}, metrics = countingMetrics()) =>
    handlerFor(exampleConfig({ secretId, ...overrides }), sandbox.current.url, lines, metrics);

  beforeEach(async () => {
    seedDemoScene(sandbox.current.state);
    sandbox.current.clearLog();
    secretId = uniqueSecretId();
    lines = [];
    await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
  });

  it('first import: one read of each collection, one POST for all new occasions, one PUT for the skills', async () => {
    const metrics = countingMetrics();
    const summary = await handler({}, metrics)({ trigger: 'monthly' });
    // Workdays are read because DE-BY has half days (24 and 31 Dec), and only once.
    expect(calls(sandbox.current.requests)).toEqual([
      'GET /service/baseURI.json',
      'GET /configuration/ac-common/specialoccasion',
      'GET /configuration/le-users/skills',
      'GET /configuration/ac-common/workinghours',
      'POST /configuration/ac-common/specialoccasion',
      'PUT /configuration/le-users/skills',
    ]);
    const [post] = writes(sandbox.current.requests);
    expect(((post?.body ?? []) as { name: string }[]).map((item) => item.name)).toEqual([
      'Holidays DE-BY',
      'Holidays US',
      'Holidays UK (England + Scotland)',
    ]);
    expect(summary.requests).toEqual({ GET: 4, POST: 1, PUT: 1, DELETE: 0 });
    const calendars = byName(summary);
    expect(Object.values(calendars).map((calendar) => calendar.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(calendars['Holidays DE-BY']?.skills).toEqual([
      { skill: 'Support DE', skillId: 2000000001, action: 'linked' },
      expect.objectContaining({ skill: 'Billing DE', skillId: 2000000002, action: 'conflict' }),
    ]);
    const stored = occasionNamed('Holidays DE-BY');
    expect(stored?.description).toMatch(/^Public holidays, Bavaria \[holiday-importer fp=[0-9a-f]{12}\]$/);
    const skills = sandbox.current.state.live(SANDBOX_ACCOUNT, 'skills');
    const support = skills.find((skill) => skill.name === 'Support DE');
    expect(support).toMatchObject({
      specialOccasionId: stored?.id,
      skillRoutingConfiguration: [{ agentGroupId: 7 }],
    });
    const billing = skills.find((skill) => skill.name === 'Billing DE');
    expect(billing?.specialOccasionId).toBe(occasionNamed('Company events (made by hand)')?.id);
    expect(metrics.counts).toMatchObject({
      created: 3,
      conflict: 0,
      failed: 0,
      skillsLinked: 4,
      skillsConflict: 1,
      requestsPOST: 1,
    });
    expect(metrics.published).toBe(1);
    // One audit line per write, with the revisions.
    const audits = lines.filter(
      (line) =>
        line.message.startsWith('holiday-importer created') ||
        line.message.startsWith('holiday-importer linked'),
    );
    expect(audits).toHaveLength(4);
    expect(audits[0]?.attributes).toMatchObject({
      calendar: 'Holidays DE-BY',
      revisionBefore: expect.any(String),
      revisionAfter: expect.any(String),
    });
  });

  it('a second run makes no writes at all', async () => {
    await handler()({ trigger: 'monthly' });
    sandbox.current.clearLog();
    const summary = await handler()({ trigger: 'monthly' });
    expect(writes(sandbox.current.requests)).toEqual([]);
    expect(summary.calendars.every((calendar) => calendar.action === 'unchanged')).toBe(true);
    expect(summary.requests).toEqual({ GET: 4, POST: 0, PUT: 0, DELETE: 0 });
  });

  it('a dry run performs GETs only and reports what would happen', async () => {
    const before = JSON.stringify(sandbox.current.state.all(SANDBOX_ACCOUNT, 'specialoccasion'));
    const summary = await handler()({ trigger: 'manual', dryRun: true });
    expect(sandbox.current.requests.every((request) => request.method === 'GET')).toBe(true);
    expect(JSON.stringify(sandbox.current.state.all(SANDBOX_ACCOUNT, 'specialoccasion'))).toBe(before);
    expect(summary.dryRun).toBe(true);
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
  });

  it('yearly covers next year (and its successors); monthly this year and ahead; explicit years exactly', async () => {
    // Each calendar counts "this year" in its own zone; around New Year they may differ.
    const now = new Date();
    const zones = ['Europe/Berlin', 'America/New_York', 'Europe/London'];
    const union = (offset: number) =>
      [
        ...new Set(zones.flatMap((zone) => [0, 1].map((ahead) => currentYearIn(zone, now) + offset + ahead))),
      ].sort();
    const yearly = await handler()({ trigger: 'yearly', dryRun: true });
    expect(yearly.years).toEqual(union(1));
    const monthly = await handler()({ trigger: 'monthly', dryRun: true });
    expect(monthly.years).toEqual(union(0));
    const year = currentYearIn('America/New_York', new Date());
    const manual = await handler()({ trigger: 'manual', dryRun: true, years: [2030] });
    expect(manual.years).toEqual([2030]);
    await handler()({ trigger: 'yearly' });
    const stored = occasionNamed('Holidays US')?.events as { start: { dateTime: string } }[];
    expect(new Set(stored.map((event) => event.start.dateTime.slice(0, 4)))).toEqual(
      new Set([String(year + 1), String(year + 2)]),
    );
  });

  it('a later run replaces only its own years and keeps the others byte for byte', async () => {
    await handler()({ trigger: 'manual', years: [2030, 2031] });
    const before = occasionNamed('Holidays DE-BY')?.events as { start: { dateTime: string } }[];
    await handler({
      calendars: exampleConfig().calendars.map((calendar) => ({
        ...calendar,
        exclude: [...calendar.exclude, '2031-01-01'],
      })),
    })({
      trigger: 'manual',
      years: [2031],
    });
    const after = occasionNamed('Holidays DE-BY')?.events as { start: { dateTime: string } }[];
    const year2030 = (events: typeof before) =>
      JSON.stringify(events.filter((event) => event.start.dateTime.startsWith('2030')));
    expect(year2030(after)).toBe(year2030(before));
    expect(after.some((event) => event.start.dateTime.startsWith('2031-01-01'))).toBe(false);
    expect(after.length).toBe(before.length - 1);
  });

  it('429, 503 and a lost POST answer during apply: retried or recovered, nothing duplicated', async () => {
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 429, retryAfter: '0' });
    sandbox.current.addFault({ method: 'PUT', path: 'skills', status: 503 });
    const summary = await handler()({ trigger: 'monthly' });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);

    // A fresh account: the create commits but its answer is lost; the re-read shows all three.
    sandbox.current.state.accounts.clear();
    seedDemoScene(sandbox.current.state);
    sandbox.current.clearLog();
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', commitThenDrop: true, times: 1 });
    const recovered = await handler()({ trigger: 'monthly' });
    expect(recovered.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    const names = liveOccasions().map((item) => item.name);
    expect(names.filter((name) => name === 'Holidays DE-BY')).toHaveLength(1);
    expect(names).toHaveLength(4);
    expect(calls(sandbox.current.requests).filter((line) => line.startsWith('POST'))).toHaveLength(1);
    expect(
      calls(sandbox.current.requests).filter(
        (line) => line === 'GET /configuration/ac-common/specialoccasion',
      ),
    ).toHaveLength(2);
  });

  it('a bearer expiring mid-run: the secret is re-read, a new login, the write replayed', async () => {
    await putSecret(secretId, SANDBOX_CREDENTIALS.login);
    sandbox.current.addFault({
      method: 'POST',
      path: 'specialoccasion',
      before: (state) => state.expireSessions(),
    });
    const summary = await handler()({ trigger: 'monthly' });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    const sequence = calls(sandbox.current.requests);
    expect(sequence.filter((line) => line === 'POST /login')).toHaveLength(2);
    expect(sequence.at(-1)).toBe('POST /logout');
    expect(sandbox.current.requests.filter((request) => request.status === 401)).toHaveLength(1);
    expect(liveOccasions()).toHaveLength(4);
  });

  it('an out-of-band write between read and write: 409, re-read, re-plan, write once more', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    sandbox.current.clearLog();
    const config = exampleConfig({ secretId });
    const changed = config.calendars.map((calendar) => ({
      ...calendar,
      exclude: [...calendar.exclude, '2030-12-25'],
    }));
    sandbox.current.addFault({
      method: 'PUT',
      path: 'specialoccasion',
      before: (state) => {
        state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
          name: 'Someone else',
          description: '',
          isDefault: false,
          events: [],
        });
      },
    });
    const summary = await handler({ calendars: changed })({ trigger: 'manual', years: [2030] });
    expect(Object.values(byName(summary)).map((calendar) => calendar.action)).toEqual([
      'updated',
      'updated',
      'updated',
    ]);
    expect(
      sandbox.current.requests.filter((request) => request.method === 'PUT').map((request) => request.status),
    ).toEqual([409, 200]);
    expect(
      calls(sandbox.current.requests).filter(
        (line) => line === 'GET /configuration/ac-common/specialoccasion',
      ),
    ).toHaveLength(2);
    expect(occasionNamed('Someone else')).toBeDefined();
  });

  it('a hand edit is drift: reported, not written; force overwrites it', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    const edited = occasionNamed('Holidays US') as Record<string, unknown> & { events: unknown[] };
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      ...edited,
      events: edited.events.slice(1),
    });
    sandbox.current.clearLog();
    const summary = await handler()({ trigger: 'manual', years: [2030] });
    const us = byName(summary)['Holidays US'];
    expect(us?.action).toBe('drift');
    expect(us?.changes?.added).toHaveLength(1);
    expect(writes(sandbox.current.requests)).toEqual([]);
    const forced = await handler()({ trigger: 'manual', years: [2030], force: true });
    expect(byName(forced)['Holidays US']?.action).toBe('updated');
    expect(occasionNamed('Holidays US')?.events).toHaveLength(edited.events.length);
  });

  it("someone else's object with the calendar's name is a conflict, left byte for byte", async () => {
    const [foreign] = sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Holidays US',
      description: 'Our own US list',
      isDefault: true,
      events: [],
    });
    const before = JSON.stringify(foreign);
    const summary = await handler()({ trigger: 'monthly' });
    const us = byName(summary)['Holidays US'];
    expect(us?.action).toBe('conflict');
    expect(us?.error).toContain('adopt');
    expect(us?.skills.map((skill) => skill.action)).toEqual(['conflict', 'conflict']);
    expect(JSON.stringify(occasionNamed('Holidays US'))).toBe(before);
    const putSkills = sandbox.current.requests.find(
      (request) => request.method === 'PUT' && request.path === SKILLS_PATH,
    );
    expect(((putSkills?.body ?? []) as { name: string }[]).map((skill) => skill.name)).toEqual([
      'Support DE',
      'Support UK',
    ]);
  });

  it('adopt takes over an unmarked object of the same name', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Holidays US',
      description: 'old',
      isDefault: false,
      events: [],
    });
    const config = exampleConfig({ secretId });
    const adopting = config.calendars.map((calendar) =>
      calendar.name === 'Holidays US' ? { ...calendar, adopt: true } : calendar,
    );
    const summary = await handler({ calendars: adopting })({ trigger: 'monthly' });
    expect(byName(summary)['Holidays US']?.action).toBe('updated');
    expect(occasionNamed('Holidays US')?.description).toMatch(/\[holiday-importer fp=/);
  });

  it('a calendar removed from the config: its object is reported orphaned and never deleted', async () => {
    await handler()({ trigger: 'manual', years: [2030] });
    const config = exampleConfig({ secretId });
    const summary = await handler({ calendars: config.calendars.slice(0, 2) })({
      trigger: 'manual',
      years: [2030],
    });
    expect(byName(summary)['Holidays UK (England + Scotland)']?.action).toBe('orphaned');
    expect(occasionNamed('Holidays UK (England + Scotland)')).toBeDefined();
    expect(sandbox.current.requests.some((request) => request.method === 'DELETE')).toBe(false);
  });

  it('a missing skill and a rejected object fail their calendar only; the invocation throws at the end', async () => {
    const config = exampleConfig({ secretId });
    const broken = config.calendars.map((calendar) =>
      calendar.name === 'Holidays UK (England + Scotland)'
        ? { ...calendar, skills: ['No such skill'] }
        : calendar,
    );
    // The batch is refused; one POST per object then tells which one LivePerson rejects.
    sandbox.current.addFault({ method: 'POST', path: 'specialoccasion', status: 400, times: 2 });
    const error = await rejectionOf(handler({ calendars: broken })({ trigger: 'monthly' }));
    expect(error).toBeInstanceOf(ImportFailedError);
    const summary = (error as ImportFailedError).summary;
    const calendars = byName(summary);
    expect(calendars['Holidays DE-BY']?.action).toBe('failed');
    expect(calendars['Holidays DE-BY']?.skills.find((skill) => skill.skill === 'Support DE')?.action).toBe(
      'failed',
    );
    expect(calendars['Holidays US']?.action).toBe('created');
    expect(calendars['Holidays UK (England + Scotland)']?.skills).toEqual([
      {
        skill: 'No such skill',
        action: 'missing',
        error: 'no skill named "No such skill" exists in the account',
      },
    ]);
    expect(error.message).toContain('Holidays DE-BY');
    expect(error.message).toContain('No such skill');
  });

  it('a hand-made occasion with events in other formats never breaks a run', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Odd formats',
      description: null,
      isDefault: false,
      events: [
        {
          start: { dateTime: '2027-07-09T09:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2027-07-10', timeZone: 'Europe/Berlin' },
          meta: { working: false },
          recurrence: [],
          extra: 1,
        },
      ],
    });
    const summary = await handler()({ trigger: 'monthly' });
    expect(summary.calendars.map((calendar) => calendar.action)).toEqual(['created', 'created', 'created']);
    expect(occasionNamed('Odd formats')?.events).toEqual([expect.objectContaining({ extra: 1 })]);
  });

  it('drift and conflicts do not fail the invocation', async () => {
    sandbox.current.state.put(SANDBOX_ACCOUNT, 'specialoccasion', {
      name: 'Holidays US',
      description: '',
      isDefault: false,
      events: [],
    });
    const summary = await handler()({ trigger: 'monthly' });
    expect(byName(summary)['Holidays US']?.action).toBe('conflict');
  });

  it('little time left: no write starts, the run is reported incomplete and fails', async () => {
    const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 5_000 };
    const error = await rejectionOf(handler()({ trigger: 'monthly' }, context));
    const summary = (error as ImportFailedError).summary;
    expect(summary.incomplete).toBe(true);
    expect(summary.runId).toBe('req-1');
    expect(writes(sandbox.current.requests)).toEqual([]);
  });

  it.each([
    { name: 'not JSON', value: 'user=holiday.bot password=hunter2-secret', message: /is not JSON/ },
    {
      name: 'a field missing',
      value: { authType: 'login', username: 'holiday.bot' },
      message: /"password" is missing/,
    },
    {
      name: 'unknown authType',
      value: { authType: 'basic', username: 'u', password: 'hunter2-secret' },
      message: /"authType" must be/,
    },
  ])(
    'a malformed secret ($name) fails before any LivePerson request, naming field not value',
    async ({ value, message }) => {
      await putSecret(secretId, value);
      const error = await rejectionOf(handler()({ trigger: 'monthly' }));
      // Lambda reports every input error as InputError (invoke: exit 2), its class leading the message.
      expect(error.name).toBe('InputError');
      expect(error.message.startsWith('SecretError: ')).toBe(true);
      expect((error.cause as Error).name).toBe('SecretError');
      expect(error.message).toMatch(message);
      expect(error.message).toContain(secretId);
      expect(error.message).not.toContain('hunter2');
      expect(sandbox.current.requests).toEqual([]);
    },
  );

  it('a missing secret fails before any LivePerson request', async () => {
    const error = await rejectionOf(
      handler({ secretId: 'liveperson/does-not-exist' })({ trigger: 'monthly' }),
    );
    expect(error.message).toMatch(/Secret "liveperson\/does-not-exist" does not exist/);
    expect(sandbox.current.requests).toEqual([]);
  });

  it('a bad event is rejected before anything else', async () => {
    const error = await rejectionOf(handler()({ trigger: 'weekly' }));
    // Lambda reports every input error as InputError (invoke: exit 2), its class leading the message.
    expect(error.name).toBe('InputError');
    expect(error.message.startsWith('InvalidEventError: ')).toBe(true);
    expect((error.cause as Error).name).toBe('InvalidEventError');
    expect(error.message).toContain('trigger');
    expect(sandbox.current.requests).toEqual([]);
  });

  it.each([
    ['a 1 MB calendar name', { trigger: 'manual', calendars: ['x'.repeat(1_000_000)] }],
    [
      'a hundred thousand names',
      { trigger: 'manual', calendars: Array.from({ length: 100_000 }, (_, i) => `c${i}`) },
    ],
    ['a 1 MB unknown key', { trigger: 'manual', ['k'.repeat(1_000_000)]: true }],
    ['a hundred thousand bad years', { trigger: 'manual', years: Array(100_000).fill(1) }],
    ['a 1 MB trigger', { trigger: 't'.repeat(1_000_000) }],
  ])('%s: a short message, its stack too', async (_label, event) => {
    const error = await rejectionOf(handler()(event));
    expect(error.name).toBe('InputError');
    expect(error.message.length).toBeLessThan(4_200);
    expect(error.stack?.length ?? 0).toBeLessThan(10_000);
    expect(error.message).toMatch(/Invalid event|Unknown calendar/);
    expect(sandbox.current.requests).toEqual([]);
  });

  it('an unknown calendar in the event is rejected before any request', async () => {
    const error = await rejectionOf(handler()({ trigger: 'manual', calendars: ['Nope'] }));
    expect(error.message).toContain('Unknown calendar "Nope"');
    expect(sandbox.current.requests).toEqual([]);
  });

  it('no secret value or token appears in any log line, across auth kinds and failures', async () => {
    for (const credentials of [
      SANDBOX_CREDENTIALS.login,
      SANDBOX_CREDENTIALS.appLogin,
      SANDBOX_CREDENTIALS.oauth1,
    ]) {
      await putSecret(secretId, credentials);
      sandbox.current.addFault({ method: 'GET', path: 'skills', status: 503 });
      sandbox.current.addFault({
        method: 'POST',
        path: 'specialoccasion',
        before: (state) => state.expireSessions(),
      });
      await handler()({ trigger: 'monthly', force: true }).catch(() => undefined);
    }
    const logged = JSON.stringify(lines);
    for (const secret of SANDBOX_SECRET_VALUES) expect(logged).not.toContain(secret);
    for (const session of sandbox.current.state.sessions.values())
      expect(logged).not.toContain(session.bearer);
    expect(logged).not.toMatch(/oauth_signature|Bearer [0-9a-f]/);
  });

  it('the marker fingerprint written matches the events, so the next run sees no drift', async () => {
    await handler()({ trigger: 'monthly' });
    for (const stored of liveOccasions().filter((item) =>
      String(item.description).includes('holiday-importer'),
    )) {
      const events = stored.events as Parameters<typeof fingerprintEvents>[0];
      expect(
        String(stored.description).endsWith(formatMarkedDescription('', fingerprintEvents(events))),
      ).toBe(true);
    }
  });
});

describe('the deployed handler module (bundled config, environment wiring)', () => {
  const sandbox = useSandbox();

  it('reads LP_CSDS_URL and the secret named in config/holidays.json', async () => {
    registerSandboxCredentials(sandbox.current.state);
    seedDemoScene(sandbox.current.state);
    await putSecret('liveperson/holiday-importer', SANDBOX_CREDENTIALS.appLogin);
    process.env.LP_CSDS_URL = sandbox.current.url;
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const { handler } = await import('../../functions/holiday-import/handler.js');
    const summary = await handler({ trigger: 'manual', dryRun: true });
    expect(summary.calendars).toHaveLength(3);
    expect(summary.requests.POST).toBe(2); // login and logout, no writes
  });
});
