import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod/mini';
import type { ImportEvent } from '../core/config/import-event.js';
import { InputError } from '../core/errors.js';
import type { RunSummary } from '../core/summary/run-summary.js';
import { STACK_OUTPUTS } from './deployment-contract.js';
import { foreignAnswerStatus, serviceEndpoint } from './foreign-answers.js';

/**
 * The deployed importer as an operator reaches it: its function found through the stack's
 * outputs (CloudFormation) and invoked synchronously (Lambda). The SDK's standard settings apply
 * (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_CLOUDFORMATION).
 */

/** The stack or the function does not exist (here): a wrong name or region, exit 2. */
export class DeploymentNotFoundError extends InputError {
  override name = 'DeploymentNotFoundError';
}

/** The function refused the event or its own input (config, secret): exit 2. */
export class FunctionInputError extends InputError {
  override name = 'FunctionInputError';
}

/** The function ran and failed, or could not run (throttled, AWS unreachable): exit 1. */
export class FunctionInvocationError extends Error {
  override name = 'FunctionInvocationError';
}

// The importer's summary as the function returns it; checked, since it crosses a process boundary.
const SkillSummarySchema = z.looseObject({
  skill: z.union([z.string(), z.number()]),
  skillId: z.optional(z.number()),
  action: z.enum(['linked', 'unchanged', 'conflict', 'missing', 'failed']),
  error: z.optional(z.string()),
});
const EventLineSchema = z.looseObject({
  date: z.string(),
  until: z.optional(z.string()),
  name: z.string(),
  working: z.boolean(),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
});
const RunSummarySchema = z.looseObject({
  runId: z.string(),
  trigger: z.enum(['yearly', 'monthly', 'manual']),
  dryRun: z.boolean(),
  years: z.array(z.number()),
  calendars: z.array(
    z.looseObject({
      name: z.string(),
      occasionId: z.optional(z.number()),
      action: z.enum(['created', 'updated', 'unchanged', 'drift', 'conflict', 'orphaned', 'failed']),
      eventsAdded: z.number(),
      eventsRemoved: z.number(),
      events: z.number(),
      skills: z.array(SkillSummarySchema),
      changes: z.optional(z.object({ added: z.array(EventLineSchema), removed: z.array(EventLineSchema) })),
      error: z.optional(z.string()),
    }),
  ),
  requests: z.object({ GET: z.number(), POST: z.number(), PUT: z.number(), DELETE: z.number() }),
  incomplete: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<RunSummary>;

const FunctionErrorSchema = z.looseObject({
  errorType: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});

function awsProblem(error: unknown): string {
  const name = (error as Error).name;
  const message = (error as Error).message;
  return message && message !== name ? `${name}: ${message}` : name;
}

/** The FunctionName output of the stack. */
export async function findFunctionName(
  stackName: string,
  client = new CloudFormationClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  }),
): Promise<string> {
  let outputs: { OutputKey?: string | undefined; OutputValue?: string | undefined }[];
  try {
    const answer = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = answer.Stacks?.[0]?.Outputs ?? [];
  } catch (error) {
    const region = await client.config.region().catch(() => 'the configured region');
    if ((error as Error).name === 'ValidationError' && /does not exist/i.test((error as Error).message)) {
      throw new DeploymentNotFoundError(
        `Stack "${stackName}" does not exist in ${region}. Deploy it with "npx cdk deploy", or name it with --stack <name> (or the function with --function <name>), and check AWS_REGION / AWS_PROFILE.`,
        { cause: error },
      );
    }
    throw new FunctionInvocationError(
      `CloudFormation could not describe stack "${stackName}" in ${region} (${awsProblem(error)}); check your AWS credentials and region.`,
      { cause: error },
    );
  }
  const name = outputs.find((output) => output.OutputKey === STACK_OUTPUTS.functionName)?.OutputValue;
  if (!name) {
    throw new DeploymentNotFoundError(
      `Stack "${stackName}" has no "${STACK_OUTPUTS.functionName}" output: it is not the holiday importer's stack, or it predates it. Redeploy with "npx cdk deploy" or pass --function <name>.`,
    );
  }
  return name;
}

function functionNotFound(functionName: string, error: unknown): DeploymentNotFoundError {
  return new DeploymentNotFoundError(
    `Function "${functionName}" does not exist (${awsProblem(error)}); check --function / --stack and AWS_REGION.`,
    { cause: error },
  );
}

/** Lambda's longest timeout: the wait when the function's own cannot be read. */
const LONGEST_FUNCTION_TIMEOUT_S = 15 * 60;
/**
 * Time past the function's timeout that a synchronous invoke can still take: a cold start's init
 * (up to 10 s, not counted in the timeout) and the answer's way back.
 */
export const INVOKE_MARGIN_S = 15;

/** Ctrl-C (or SIGTERM) while waiting: the deployed run is not stopped by it. */
export class InvokeInterruptedError extends Error {
  override name = 'InvokeInterruptedError';
}

/** The function's timeout in seconds, or undefined when it cannot be read (a narrow IAM policy). */
async function functionTimeoutSeconds(
  functionName: string,
  client: LambdaClient,
): Promise<number | undefined> {
  try {
    const answer = await client.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    return answer.Timeout;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') {
      throw functionNotFound(functionName, error);
    }
    return undefined;
  }
}

export interface InvokeOptions {
  /** Aborts the wait (not the run) at Ctrl-C. */
  signal?: AbortSignal | undefined;
  client?: LambdaClient | undefined;
}

/** Runs the deployed importer synchronously with one event and returns its summary. */
export async function invokeImport(
  functionName: string,
  event: ImportEvent,
  { signal, client: given }: InvokeOptions = {},
): Promise<RunSummary> {
  const probe =
    given ??
    new LambdaClient({
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
    });
  const timeout = await functionTimeoutSeconds(functionName, probe);
  const waitS = (timeout ?? LONGEST_FUNCTION_TIMEOUT_S) + INVOKE_MARGIN_S;
  // Never retried: a second sync invoke of an apply would be a second run.
  const client =
    given ??
    new LambdaClient({
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: waitS * 1000, throwOnRequestTimeout: true },
    });
  const afterwards = event.dryRun
    ? ''
    : ` It may have written: its summary is in the function's log group (the stack's ${STACK_OUTPUTS.logGroupName} output), and a dry run ("holiday-importer invoke") shows what is left to do.`;
  let answer: { FunctionError?: string | undefined; Payload?: Uint8Array | undefined };
  try {
    answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
      signal ? { abortSignal: signal } : {},
    );
  } catch (error) {
    const name = (error as Error).name;
    if (signal?.aborted) {
      throw new InvokeInterruptedError(
        `Stopped waiting for "${functionName}". The deployed run goes on by itself until it ends (at most ${timeout ?? LONGEST_FUNCTION_TIMEOUT_S} s).${afterwards || ' It is a dry run: it writes nothing.'}`,
        { cause: error },
      );
    }
    if (name === 'ResourceNotFoundException') {
      throw functionNotFound(functionName, error);
    }
    if (name === 'TooManyRequestsException') {
      const reason = (error as { Reason?: string }).Reason;
      if (reason === 'ConcurrentInvocationLimitExceeded') {
        const region = await client.config.region().catch(() => 'this region');
        throw new FunctionInvocationError(
          `The account's Lambda concurrency limit in ${region} is used up (ConcurrentInvocationLimitExceeded): other functions of the account hold every concurrent execution. Nothing was started; try again later, or raise the account's "Concurrent executions" quota in Service Quotas.`,
          { cause: error },
        );
      }
      throw new FunctionInvocationError(
        `Function "${functionName}" is busy: another run (a scheduled one, or another operator's) holds its single concurrent execution. Nothing was started; try again in a few minutes.`,
        { cause: error },
      );
    }
    if (
      name === 'TimeoutError' ||
      name === 'RequestTimeout' ||
      /timed? ?out/i.test((error as Error).message)
    ) {
      throw new FunctionInvocationError(
        `No answer from "${functionName}" within its timeout${timeout === undefined ? " (unreadable: Lambda's longest," : ` (${timeout} s`} plus ${INVOKE_MARGIN_S} s); stopped waiting.${afterwards}`,
        { cause: error },
      );
    }
    const status = foreignAnswerStatus(error);
    if (status !== undefined) {
      const region = await client.config.region().catch(() => 'the configured region');
      throw new FunctionInvocationError(
        `HTTP ${status} from ${serviceEndpoint('LAMBDA', 'lambda', region)}: an answer that is not Lambda's (a proxy or gateway in between, or an outage), so whether the run started is unknown.${afterwards || ' Try again.'}`,
        { cause: error },
      );
    }
    throw new FunctionInvocationError(
      `Lambda could not invoke "${functionName}" (${awsProblem(error)}); check your AWS credentials, region and lambda:InvokeFunction permission.`,
      { cause: error },
    );
  }
  const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
  let payload: unknown;
  try {
    payload = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new FunctionInvocationError(`Function "${functionName}" answered with something that is not JSON`, {
      cause: error,
    });
  }
  if (answer.FunctionError) {
    const failure = FunctionErrorSchema.safeParse(payload);
    const type = failure.success ? (failure.data.errorType ?? answer.FunctionError) : answer.FunctionError;
    const message = failure.success ? (failure.data.errorMessage ?? '') : '';
    const text = `The run in "${functionName}" failed (${type}): ${message || 'no message'}`;
    // The handler reports every input error by this one type (asFunctionError).
    if (type === 'InputError') throw new FunctionInputError(text);
    throw new FunctionInvocationError(
      `${text}\nThe run summary and every write are in the function's log group.`,
    );
  }
  const summary = RunSummarySchema.safeParse(payload);
  if (!summary.success) {
    const issue = summary.error.issues[0];
    throw new FunctionInvocationError(
      `Function "${functionName}" answered with something that is not a run summary (${issue?.path.join('.') || 'body'}: ${issue?.message}); is it the holiday importer?`,
    );
  }
  return summary.data as RunSummary;
}
