import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_MARGIN_S } from '../../functions/aws/deployed-function.js';
import { STACK_OUTPUTS } from '../../functions/aws/deployment-contract.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SECRET_VALUES, seedDemoScene } from '../../sandbox/index.js';
import { createStackWithOutputs } from '../helpers/cloudformation-stack.js';
import {
  awsEnvironment,
  exampleConfig,
  handlerFor,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
} from '../helpers/importer-harness.js';
import { type LambdaInvokeFake, startLambdaInvokeFake } from '../helpers/lambda-invoke-fake.js';
import { runCliProcess, startCliProcess } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-harness.js';

useAwsEnvironment();

/**
 * `holiday-importer invoke` as an operator runs it (a child process), against a local fake of
 * the Lambda Invoke API that runs the real handler against the sandbox, with the stack's outputs
 * in moto's CloudFormation and the secret in moto's Secrets Manager.
 */

const FUNCTION = 'holiday-importer-ImportFunction-fake';
const MISSING_SKILL_FUNCTION = 'holiday-importer-missing-skill';
const UNKNOWN_REGION_FUNCTION = 'holiday-importer-unknown-region';
const STACK = `HolidayImporterInvokeTest-${process.pid}`;
const SLOW_FUNCTION = 'holiday-importer-slow';
const HANGING_FUNCTION = 'holiday-importer-hanging';
const ACCOUNT_THROTTLED_FUNCTION = 'holiday-importer-account-throttled';
const GATEWAY_FUNCTION = 'holiday-importer-behind-gateway';
const BRAND_B_FUNCTION = 'holiday-importer-brand-b';
const BRAND_B_STACK = `HolidayImporter-BrandB-${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

const sandbox = useSandbox();
let lambda: LambdaInvokeFake;

beforeAll(async () => {
  const secretId = uniqueSecretId();
  await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
  const config = exampleConfig({ secretId });
  const missingSkill = exampleConfig({
    secretId,
    calendars: [{ name: 'Holidays US', regions: ['US'], skills: ['No such queue'] }],
  });
  // A function whose bundled config names a region its holiday data does not carry (the synth
  // check makes this a bug; the config is built past validation to reach it).
  const [first] = missingSkill.calendars;
  const unknownRegion = {
    ...missingSkill,
    calendars: first ? [{ ...first, regions: ['QQ'], skills: [] }] : [],
  };
  const real = handlerFor(config, sandbox.current.url);
  lambda = await startLambdaInvokeFake({
    // A run that takes a while: the operator's Ctrl-C comes while it works.
    [SLOW_FUNCTION]: {
      handler: async (event, context) => {
        await sleep(2_500);
        return real(event, context);
      },
    },
    // A function of timeout 1 s whose answer never comes (Lambda, or the way back, lost it).
    [HANGING_FUNCTION]: { handler: () => sleep(60_000), timeoutSeconds: 1 },
    [ACCOUNT_THROTTLED_FUNCTION]: { handler: real, throttleReason: 'ConcurrentInvocationLimitExceeded' },
    [GATEWAY_FUNCTION]: { handler: real, htmlStatus: 502 },
    [UNKNOWN_REGION_FUNCTION]: { handler: handlerFor(unknownRegion, sandbox.current.url) },
    [FUNCTION]: { handler: handlerFor(config, sandbox.current.url), reservedConcurrency: 1 },
    // A second account's stack from the same checkout, with its own config bundled.
    [BRAND_B_FUNCTION]: {
      handler: handlerFor(
        exampleConfig({
          secretId,
          calendars: [{ name: 'Holidays FR', regions: ['FR'], timeZone: 'Europe/Paris' }],
        }),
        sandbox.current.url,
      ),
    },
    [MISSING_SKILL_FUNCTION]: {
      handler: handlerFor(missingSkill, sandbox.current.url),
      reservedConcurrency: 1,
    },
  });
  await createStackWithOutputs(STACK, {
    [STACK_OUTPUTS.functionName]: FUNCTION,
    [STACK_OUTPUTS.functionArn]: `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION}`,
  });
  await createStackWithOutputs(BRAND_B_STACK, {
    [STACK_OUTPUTS.functionName]: BRAND_B_FUNCTION,
    [STACK_OUTPUTS.functionArn]: `arn:aws:lambda:us-east-1:123456789012:function:${BRAND_B_FUNCTION}`,
  });
});

afterAll(async () => {
  await lambda?.close();
});

beforeEach(() => {
  seedDemoScene(sandbox.current.state);
  lambda.invocations.length = 0;
});

const invoke = (args: string[]) =>
  runCliProcess(['invoke', ...args], { ...awsEnvironment(), AWS_ENDPOINT_URL_LAMBDA: lambda.url });

describe('holiday-importer invoke', () => {
  it('is a dry run by default: the function found through the stack, the plan printed, nothing written', async () => {
    const result = await invoke(['--stack', STACK]);
    expect(result.stderr).toContain(`holiday-importer invoke: function ${FUNCTION} (dry run)`);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Plan (dry run, nothing written)');
    expect(result.stdout).toMatch(/Holidays DE-BY\s+create \(\+\d+ -0 events/);
    expect(lambda.invocations).toEqual([
      {
        functionName: FUNCTION,
        invocationType: 'RequestResponse',
        event: { trigger: 'manual', dryRun: true },
        status: 200,
      },
    ]);
    expect(sandbox.current.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('--apply writes, prints the summary as JSON, and the next dry run finds nothing to do', async () => {
    const applied = await invoke(['--stack', STACK, '--apply', '--json']);
    expect(applied.code).toBe(3);
    const summary = JSON.parse(applied.stdout);
    expect(summary.dryRun).toBe(false);
    expect(summary.calendars.map((calendar: { action: string }) => calendar.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(sandbox.current.state.live('12345678', 'specialoccasion')).toHaveLength(4);
    const again = await invoke(['--function', FUNCTION, '--json']);
    expect(JSON.parse(again.stdout).calendars.map((calendar: { action: string }) => calendar.action)).toEqual(
      ['unchanged', 'unchanged', 'unchanged'],
    );
  });

  it('passes years, calendars and force to the function as the event', async () => {
    const result = await invoke([
      '--function',
      FUNCTION,
      '--apply',
      '--year',
      '2028',
      '--calendar',
      'Holidays US',
      '--force',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(lambda.invocations[0]?.event).toEqual({
      trigger: 'manual',
      dryRun: false,
      years: [2028],
      calendars: ['Holidays US'],
      force: true,
    });
    expect(JSON.parse(result.stdout).years).toEqual([2028]);
  });

  it('a failed run: exit 1 with the function error message', async () => {
    const result = await invoke(['--function', MISSING_SKILL_FUNCTION, '--apply']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The run in "${MISSING_SKILL_FUNCTION}" failed (ImportFailedError)`);
    expect(result.stderr).toContain('Holidays US: ');
    expect(result.stderr).toContain('no skill named "No such queue" exists in the account');
    expect(result.stdout).toBe('');
  });

  it('input the function rejects (an unknown calendar): exit 2 with its message', async () => {
    const result = await invoke(['--function', FUNCTION, '--calendar', 'Holidays FR']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown calendar "Holidays FR"; the config has: "Holidays DE-BY"');
  });

  it('a region the function does not carry (UnknownRegionError, an input error): exit 2', async () => {
    const result = await invoke(['--function', UNKNOWN_REGION_FUNCTION]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('failed (InputError): UnknownRegionError: Region "QQ"');
  });

  it('a busy function (a scheduled run holds its one concurrent execution): exit 1, says so, starts nothing', async () => {
    // The scheduled run's first read is slow, so it is still running when the operator invokes.
    sandbox.current.addFault({ method: 'GET', path: 'specialoccasion', delayMs: 2_500 });
    const scheduled = invoke(['--function', FUNCTION, '--apply']);
    const deadline = Date.now() + 10_000;
    while (lambda.running(FUNCTION) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(lambda.running(FUNCTION)).toBe(1);
    const operator = await invoke(['--function', FUNCTION, '--apply']);
    expect(operator.code).toBe(1);
    expect(operator.stderr).toContain(`Function "${FUNCTION}" is busy: another run`);
    expect(operator.stderr).toContain('Nothing was started; try again in a few minutes');
    expect((await scheduled).code).toBe(3);
    expect(lambda.invocations.map((record) => record.status)).toEqual([200, 429]);
  });

  it('an unknown stack: exit 2, how to fix it, and no invocation', async () => {
    const result = await invoke(['--stack', 'NoSuchStack']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Stack "NoSuchStack" does not exist in us-east-1');
    expect(result.stderr).toContain('npx cdk deploy');
    expect(lambda.invocations).toEqual([]);
  });

  it('--stack picks the account: each stack runs its own function with its own config', async () => {
    const names = async (stack: string) => {
      const result = await invoke(['--stack', stack, '--json']);
      expect(result.stderr).toContain('(dry run)');
      return (JSON.parse(result.stdout) as { calendars: { name: string }[] }).calendars.map(
        (item) => item.name,
      );
    };
    expect(await names(BRAND_B_STACK)).toEqual(['Holidays FR']);
    expect(await names(STACK)).toEqual(['Holidays DE-BY', 'Holidays US', 'Holidays UK (England + Scotland)']);
  });

  it('a stack without the function output: exit 2', async () => {
    const other = `SomeOtherStack-${process.pid}`;
    await createStackWithOutputs(other, { BucketName: 'x' });
    const result = await invoke(['--stack', other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Stack "${other}" has no "FunctionName" output`);
  });

  it('an unknown function: exit 2', async () => {
    const result = await invoke(['--function', 'no-such-function']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Function "no-such-function" does not exist');
  });

  it('waits no longer than the function can run: its timeout (1 s) plus the margin, then says so', async () => {
    const result = await invoke(['--function', HANGING_FUNCTION, '--apply']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `No answer from "${HANGING_FUNCTION}" within its timeout (1 s plus ${INVOKE_MARGIN_S} s); stopped waiting.`,
    );
    expect(result.stderr).toContain("It may have written: its summary is in the function's log group");
  }, 50_000);

  it('Ctrl-C during --apply: says the deployed run goes on and where to see it, exit 130; the run does finish', async () => {
    const { child, result } = startCliProcess(['invoke', '--function', SLOW_FUNCTION, '--apply'], {
      ...awsEnvironment(),
      AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    });
    const deadline = Date.now() + 15_000;
    while (lambda.running(SLOW_FUNCTION) === 0 && Date.now() < deadline) await sleep(20);
    child.kill('SIGINT');
    const { code, stderr } = await result;
    expect(code).toBe(130);
    expect(stderr).toContain('SIGINT: the deployed run is not stopped by this; it goes on in AWS');
    expect(stderr).toContain(`Stopped waiting for "${SLOW_FUNCTION}". The deployed run goes on by itself`);
    expect(stderr).toContain("the stack's LogGroupName output");
    expect(stderr).toContain('a dry run ("holiday-importer invoke") shows what is left to do');
    while (lambda.running(SLOW_FUNCTION) > 0 && Date.now() < deadline + 15_000) await sleep(50);
    expect(lambda.invocations.at(-1)?.status).toBe(200);
    expect(sandbox.current.state.live('12345678', 'specialoccasion')).toHaveLength(4);
  });

  it.each([
    [['--config', 'config/holidays.json'], '--config belongs to "plan", "apply" and "preview"'],
    [['--function', FUNCTION, '--stack', STACK], '--function and --stack both name the function to invoke'],
  ])('refuses %j: exit 2, nothing invoked', async (args, message) => {
    const result = await invoke(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(lambda.invocations).toEqual([]);
  });

  it('a cdk.json that is not JSON: says so instead of guessing the stack, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holiday-invoke-'));
    try {
      writeFileSync(join(dir, 'cdk.json'), '{ "context": { "stackName": "Mine", } ');
      const result = await runCliProcess(
        ['invoke'],
        { ...awsEnvironment(), AWS_ENDPOINT_URL_LAMBDA: lambda.url },
        { cwd: dir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`cdk.json in ${dir} is not JSON`);
      expect(result.stderr).toContain('name the stack with --stack <name>');
      expect(lambda.invocations).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 502 HTML page from a gateway: "HTTP 502 from" the endpoint, not a credentials hint, exit 1', async () => {
    const result = await invoke(['--function', GATEWAY_FUNCTION, '--apply']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`HTTP 502 from ${lambda.url}: an answer that is not Lambda's`);
    expect(result.stderr).not.toContain('credentials');
  });

  it("the account's concurrency limit (429 ConcurrentInvocationLimitExceeded) is named as such", async () => {
    const result = await invoke(['--function', ACCOUNT_THROTTLED_FUNCTION]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The account's Lambda concurrency limit in us-east-1 is used up");
    expect(result.stderr).toContain('Service Quotas');
    expect(result.stderr).not.toContain('single concurrent execution');
  });

  it('options that belong to invoke are refused elsewhere, and secrets never show', async () => {
    const result = await runCliProcess(['plan', '--apply']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--apply belongs to "invoke"');
    const help = await runCliProcess(['invoke', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: holiday-importer invoke [--apply]');
    const run = await invoke(['--function', FUNCTION, '--apply', '--json']);
    for (const value of SANDBOX_SECRET_VALUES) {
      expect(run.stdout).not.toContain(value);
      expect(run.stderr).not.toContain(value);
    }
  });
});
