import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/core/config/config-validation.js';
import { type ImportRequest, runImport } from '../../functions/import-run/import-run.js';
import { staticCredentials } from '../../functions/liveperson/credentials.js';
import { LivePersonClient } from '../../functions/liveperson/liveperson-client.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS } from '../../sandbox/index.js';
import { calls, writes } from '../helpers/request-log.js';
import { FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';

/**
 * A run makes the fewest requests the API allows: one read of each collection, one POST for all
 * new occasions, one PUT for all changed ones, one PUT for all skills to link; nothing else.
 */

const N = 24;
const REGIONS = ['DE-BY', 'US', 'GB-ENG', 'FR', 'AT', 'CH-ZH'];
const sandbox = useSandbox();

function config(exclude: (index: number) => string[] = () => []) {
  return parseConfig(
    {
      accountId: SANDBOX_ACCOUNT,
      secretId: 'unused',
      calendars: Array.from({ length: N }, (_, index) => ({
        name: `Calendar ${index}`,
        regions: [REGIONS[index % REGIONS.length]],
        exclude: exclude(index),
        skills: [`Queue ${index}`],
      })),
    },
    'test',
  );
}

async function run(
  request: Partial<ImportRequest> = {},
  options: { maxBodyBytes?: number; exclude?: (index: number) => string[] } = {},
) {
  return runImport(
    { trigger: 'manual', dryRun: false, force: false, years: [2027, 2028], ...request },
    {
      config: config(options.exclude),
      client: new LivePersonClient({
        accountId: SANDBOX_ACCOUNT,
        credentials: staticCredentials(SANDBOX_CREDENTIALS.oauth1),
        csdsUrl: sandbox.current.url,
        retry: FAST_RETRY,
      }),
      maxBodyBytes: options.maxBodyBytes,
    },
  );
}

beforeEach(() => {
  sandbox.current.state.put(
    SANDBOX_ACCOUNT,
    'skills',
    ...Array.from({ length: N }, (_, index) => ({ id: 3_000_000_000 + index, name: `Queue ${index}` })),
  );
  sandbox.current.clearLog();
});

describe(`requests of a run with ${N} calendars`, () => {
  it('first import: 3 GET, 1 POST, 1 PUT', async () => {
    const summary = await run();
    expect(summary.requests).toEqual({ GET: 3, POST: 1, PUT: 1, DELETE: 0 });
    expect(summary.calendars.every((calendar) => calendar.action === 'created')).toBe(true);
    expect(
      summary.calendars.flatMap((calendar) => calendar.skills).every((skill) => skill.action === 'linked'),
    ).toBe(true);
  });

  it('a run with nothing to change: reads only', async () => {
    await run();
    sandbox.current.clearLog();
    const summary = await run();
    expect(summary.requests).toEqual({ GET: 3, POST: 0, PUT: 0, DELETE: 0 });
  });

  it('one event changed in one calendar: one PUT with that one object', async () => {
    await run();
    sandbox.current.clearLog();
    const summary = await run({}, { exclude: (index) => (index === 5 ? ['2027-12-25'] : []) });
    expect(summary.requests).toEqual({ GET: 3, POST: 0, PUT: 1, DELETE: 0 });
    const [put] = writes(sandbox.current.requests);
    expect(((put?.body ?? []) as { name: string }[]).map((item) => item.name)).toEqual(['Calendar 5']);
  });

  it('a dry run: reads only, even with everything to do', async () => {
    const summary = await run({ dryRun: true });
    expect(summary.requests).toEqual({ GET: 3, POST: 0, PUT: 0, DELETE: 0 });
  });

  it('bodies over the size cap are split, each part chained on the revision the previous one returned', async () => {
    const summary = await run({}, { maxBodyBytes: 40_000 });
    const posts = writes(sandbox.current.requests).filter((request) => request.method === 'POST');
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(JSON.stringify(post.body).length).toBeLessThanOrEqual(40_000);
    const revisions = posts.map((post) => Number(post.headers['if-match']));
    expect(revisions).toEqual(revisions.map((_, index) => (revisions[0] ?? 0) + index));
    expect((posts.flatMap((post) => post.body as unknown[]) as unknown[]).length).toBe(N);
    expect(summary.calendars.every((calendar) => calendar.action === 'created')).toBe(true);
  });

  it('LivePerson refusing an array create: one POST per object, remembered for the rest of the run', async () => {
    sandbox.current.options.arrayCreate = 'reject';
    const summary = await run({}, { maxBodyBytes: 40_000 });
    const posts = writes(sandbox.current.requests).filter((request) => request.method === 'POST');
    // One refused array, then every object alone; later parts never try an array again.
    expect(posts.map((post) => (Array.isArray(post.body) ? 'array' : 'object'))).toEqual([
      'array',
      ...Array.from({ length: N }, () => 'object'),
    ]);
    expect(summary.calendars.every((calendar) => calendar.action === 'created')).toBe(true);
    expect(calls(sandbox.current.requests).filter((line) => line.startsWith('GET'))).toHaveLength(3);
  });
});
