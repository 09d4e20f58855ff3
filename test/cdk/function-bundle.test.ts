import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { addHolidayImporter } from '../../cdk/holiday-importer-app.js';
import { parseConfigText } from '../../functions/core/config/config-validation.js';
import { buildCalendarEvents } from '../../functions/core/planner/half-days.js';
import { type EventLine, toEventLine } from '../../functions/core/summary/run-summary.js';
import { SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import { awsEnvironment, exampleConfig, putSecret, useAwsEnvironment } from '../helpers/importer-harness.js';
import { useSandbox } from '../helpers/sandbox-harness.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * The function asset exactly as `cdk synth` bundles it, loaded the way the Lambda runtime loads
 * it: from a task folder with no node_modules, the AWS SDK resolvable only from outside it (as
 * the Node.js runtime provides it), in UTC.
 */

const temp = useTempDir('holiday-bundle');
const sandbox = useSandbox();

/**
 * Synthesizes the app with a config and copies the function's asset into a task folder of its own,
 * beside a node_modules that holds only the AWS SDK. Returns the task folder and its files.
 */
async function synthesizedTask(
  name: string,
  configPath?: string,
  context: Record<string, unknown> = {},
): Promise<{ dir: string; files: string[] }> {
  const root = join(temp, name);
  const outdir = join(root, 'cdk.out');
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { noAlarmRecipient: true, ...context },
  });
  await addHolidayImporter(app, configPath ? { configPath } : {});
  app.synth();
  const assetDir = readdirSync(outdir)
    .map((entry) => join(outdir, entry))
    .find((path) => path.includes('asset.') && statSync(path).isDirectory());
  if (!assetDir) throw new Error(`no asset folder in ${outdir}`);
  const files = readdirSync(assetDir).sort();
  const dir = join(root, 'var', 'task');
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(join(assetDir, file), join(dir, file));
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(resolve('node_modules/@aws-sdk'), join(root, 'node_modules', '@aws-sdk'), 'dir');
  return { dir, files };
}

let taskDir = '';
let bundleFiles: string[] = [];

beforeAll(async () => {
  ({ dir: taskDir, files: bundleFiles } = await synthesizedTask('example'));
  useAwsEnvironment();
}, 120_000);

// Counts what would start ICU (~20 ms of a cold start): Intl objects and locale-aware methods.
const ICU_SPY = `
const icuCalls = [];
for (const name of Object.keys(Object.getOwnPropertyDescriptors(Intl))) {
  if (typeof Intl[name] !== 'function') continue;
  Intl[name] = new Proxy(Intl[name], {
    construct: (target, args) => (icuCalls.push('Intl.' + name), Reflect.construct(target, args)),
    apply: (target, self, args) => (icuCalls.push('Intl.' + name), Reflect.apply(target, self, args)),
  });
}
for (const [owner, method] of [[String.prototype, 'localeCompare'], [Date.prototype, 'toLocaleString'],
  [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString'], [Number.prototype, 'toLocaleString']]) {
  const original = owner[method];
  owner[method] = function (...args) { icuCalls.push(method); return original.apply(this, args); };
}
process.on('exit', () => process.stdout.write('ICU ' + JSON.stringify(icuCalls) + '\\n'));
`;

const RUNNER = `
import { createRequire } from 'node:module';
${ICU_SPY}
// As the Node.js runtime loads a CommonJS handler: require().
const { handler } = createRequire(import.meta.url)(process.env.BUNDLE_PATH);
try {
  const summary = await handler(JSON.parse(process.env.EVENT), {
    awsRequestId: 'bundle-test',
    getRemainingTimeInMillis: () => 300000,
  });
  process.stdout.write('SUMMARY ' + JSON.stringify(summary) + '\\n');
} catch (error) {
  // What the Lambda runtime reports of a failed invocation: the error's stack.
  process.stderr.write('STACK ' + error.stack + '\\n');
  process.exitCode = 1;
}
`;

function runBundle(
  event: unknown,
  dir = taskDir,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', RUNNER],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          TZ: 'UTC',
          ...awsEnvironment(),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          LP_CSDS_URL: sandbox.current.url,
          BUNDLE_PATH: join(dir, 'index.js'),
          EVENT: JSON.stringify(event),
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the bundled function', () => {
  it('is one CommonJS file with its source map, the config inlined', () => {
    expect(bundleFiles).toEqual(['index.js', 'index.js.map']);
    const size = statSync(join(taskDir, 'index.js')).size;
    console.log(`function bundle: ${(size / 1024).toFixed(0)} KiB minified (index.js)`);
  });

  it('imports without node_modules and runs a dry run against LivePerson', async () => {
    seedDemoScene(sandbox.current.state);
    await putSecret(exampleConfig().secretId, SANDBOX_CREDENTIALS.oauth1);
    const result = await runBundle({ trigger: 'manual', dryRun: true });
    expect(result.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.startsWith('SUMMARY '));
    const summary = JSON.parse(line?.slice('SUMMARY '.length) ?? '{}');
    expect(summary.dryRun).toBe(true);
    expect(summary.calendars.map((calendar: { name: string }) => calendar.name)).toEqual(
      exampleConfig().calendars.map((calendar) => calendar.name),
    );
    expect(summary.requests).toMatchObject({ POST: 0, PUT: 0, DELETE: 0 });
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    // Powertools' JSON log lines: the run summary is logged for the operator.
    expect(result.stdout).toContain('"message":"holiday-importer run summary"');
    // Zones come from moment-timezone, the data date-holidays computes with: ICU never starts.
    expect(result.stdout).toContain('ICU []\n');
  });

  it('reports an error with TypeScript locations, its map read only then', async () => {
    const result = await runBundle({ trigger: 'sometimes' });
    expect(result.code).not.toBe(0);
    const stack = result.stderr.slice(result.stderr.indexOf('STACK '));
    expect(stack).toContain('STACK InputError: InvalidEventError: Invalid event: trigger:');
    // Names and places as in the TypeScript sources (the path is relative to where it was built).
    expect(stack).toMatch(
      /\n {4}at parseImportEvent \(\S*functions\/core\/config\/import-event\.ts:\d+:\d+\)/,
    );
    expect(stack).not.toMatch(/index\.js:\d+:\d+/);
  });
});

describe('a bundle of another config: zone aliases, zones once merged into links, astronomical rules', () => {
  // Each name failed in an earlier bundle (a link to a link, or to a zone left out) or is an alias.
  const calendars = [
    { name: 'Ontario', regions: ['CA-ON'] },
    { name: 'Italy', regions: ['IT'] },
    { name: 'Kyiv', regions: ['UA'], timeZone: 'Europe/Kyiv' },
    { name: 'Kiev', regions: ['UA'], timeZone: 'Europe/Kiev' },
    { name: 'Calcutta', regions: ['IN'], timeZone: 'Asia/Calcutta' },
    { name: 'US Eastern', regions: ['US'], timeZone: 'US/Eastern' },
    { name: 'Vancouver', regions: ['CA-BC'], timeZone: 'America/Vancouver' },
    { name: 'Japan in Saigon', regions: ['JP'], timeZone: 'Asia/Ho_Chi_Minh' },
    { name: 'Taipei', regions: ['TW'], timeZone: 'Asia/Taipei' },
  ];

  it('synthesizes, loads and runs a dry run with every calendar in its zone', async () => {
    const configPath = join(temp, 'zones-config.json');
    writeFileSync(
      configPath,
      JSON.stringify({ accountId: exampleConfig().accountId, secretId: 'holiday-importer/zones', calendars }),
    );
    const { dir } = await synthesizedTask('zones', configPath);
    seedDemoScene(sandbox.current.state);
    await putSecret('holiday-importer/zones', SANDBOX_CREDENTIALS.oauth1);
    const result = await runBundle({ trigger: 'manual', dryRun: true, years: [2027] }, dir);
    expect(result.stderr).not.toMatch(/no data for|not an IANA/i);
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.startsWith('SUMMARY '));
    const summary = JSON.parse(line?.slice('SUMMARY '.length) ?? '{}');
    expect(summary.calendars.map((calendar: { name: string }) => calendar.name)).toEqual(
      calendars.map((calendar) => calendar.name),
    );
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  }, 120_000);
});

describe('the bundled function and the corrections table', () => {
  // One calendar per kind of rule: substitutes (TH, BG, RS), retypes (TW: an observance's zone-less
  // solstice is computed too), lunar and Islamic rules (CN, AE), re-dated rules (GT), dated lists (MY).
  const regions = ['TH', 'TW', 'CN', 'AE', 'BG', 'RS', 'GT', 'MY-14'];

  it('plans the same days as the CLI, every correction applied', async () => {
    const configPath = join(temp, 'corrections-config.json');
    const calendars = regions.map((region) => ({ name: `Support ${region}`, regions: [region] }));
    writeFileSync(
      configPath,
      JSON.stringify({
        accountId: exampleConfig().accountId,
        secretId: 'holiday-importer/corrections',
        calendars,
      }),
    );
    const { dir } = await synthesizedTask('corrections', configPath);
    seedDemoScene(sandbox.current.state);
    await putSecret('holiday-importer/corrections', SANDBOX_CREDENTIALS.oauth1);
    const result = await runBundle({ trigger: 'manual', dryRun: true, years: [2027, 2028] }, dir);
    expect(result.stderr).not.toMatch(/no data for|not an IANA/i);
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.startsWith('SUMMARY '));
    const summary = JSON.parse(line?.slice('SUMMARY '.length) ?? '{}') as {
      calendars: { name: string; corrections?: string[]; changes?: { added: EventLine[] } }[];
    };
    const config = parseConfigText(readFileSync(configPath, 'utf8'), configPath);
    for (const calendar of config.calendars) {
      const bundled = summary.calendars.find((each) => each.name === calendar.name);
      const local = buildCalendarEvents(calendar, [2027, 2028]).map(toEventLine);
      expect(bundled?.changes?.added, calendar.name).toEqual(local);
      expect(bundled?.corrections?.length, calendar.name).toBeGreaterThan(0);
    }
    // The second batch's days, from the bundle: TH in lieu, TW Little New Year, CN 2 May, AE Arafat.
    const closes = (name: string, date: string) =>
      (summary.calendars.find((each) => each.name === name)?.changes?.added ?? []).some(
        (event) => !event.working && event.date <= date && date <= (event.until ?? event.date),
      );
    expect(closes('Support TH', '2027-07-20')).toBe(true);
    expect(closes('Support TW', '2028-01-24')).toBe(true);
    expect(closes('Support CN', '2028-05-02')).toBe(true);
    expect(closes('Support AE', '2028-05-04')).toBe(true);
    expect(closes('Support AE', '2027-02-08')).toBe(false);
  }, 120_000);
});

describe('one stack per LivePerson account', () => {
  it('-c config=<file> -c stackName=<name> bundles that config: each function runs its own calendars', async () => {
    const brandB = join(temp, 'brand-b.json');
    writeFileSync(
      brandB,
      JSON.stringify({
        accountId: exampleConfig().accountId,
        secretId: 'holiday-importer/brand-b',
        calendars: [{ name: 'Holidays FR', regions: ['FR'], timeZone: 'Europe/Paris' }],
      }),
    );
    const { dir } = await synthesizedTask('brand-b', undefined, {
      config: brandB,
      stackName: 'HolidayImporter-BrandB',
    });
    seedDemoScene(sandbox.current.state);
    await putSecret('holiday-importer/brand-b', SANDBOX_CREDENTIALS.oauth1);
    await putSecret(exampleConfig().secretId, SANDBOX_CREDENTIALS.oauth1);
    const names = async (taskFolder: string) => {
      const result = await runBundle({ trigger: 'manual', dryRun: true, years: [2027] }, taskFolder);
      expect(result.code, result.stderr).toBe(0);
      const line = result.stdout.split('\n').find((text) => text.startsWith('SUMMARY '));
      return JSON.parse(line?.slice('SUMMARY '.length) ?? '{}').calendars.map(
        (calendar: { name: string }) => calendar.name,
      );
    };
    expect(await names(dir)).toEqual(['Holidays FR']);
    expect(await names(taskDir)).toEqual([
      'Holidays DE-BY',
      'Holidays US',
      'Holidays UK (England + Scotland)',
    ]);
  }, 120_000);
});

describe('the bundled notice', () => {
  it('publishes the notice through SNS from the bundle (its client loads at the first notice)', async () => {
    const { CreateTopicCommand, SNSClient } = await import('@aws-sdk/client-sns');
    const endpoint = awsEnvironment().AWS_ENDPOINT_URL_SECRETS_MANAGER;
    const sns = new SNSClient({ endpoint });
    const topic = await sns.send(new CreateTopicCommand({ Name: `bundle-notices-${process.pid}` }));
    seedDemoScene(sandbox.current.state);
    await putSecret(exampleConfig().secretId, SANDBOX_CREDENTIALS.oauth1);
    const apply = await runBundle({ trigger: 'manual' });
    expect(apply.code, apply.stderr).toBe(0);
    sandbox.current.clearLog();
    const result = await runBundle({ trigger: 'notice', days: 366 }, taskDir, {
      NOTICE_TOPIC_ARN: topic.TopicArn ?? '',
      NOTICE_TIME_ZONE: 'Europe/Berlin',
      AWS_ENDPOINT_URL_SNS: endpoint ?? '',
    });
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.startsWith('SUMMARY '));
    const summary = JSON.parse(line?.slice('SUMMARY '.length) ?? '{}');
    // A year from today holds the imported holidays: sent, with the id SNS gave it.
    expect(summary).toMatchObject({ trigger: 'notice', days: 366, published: true });
    expect(summary.count).toBeGreaterThan(10);
    expect(summary.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  }, 60_000);
});
