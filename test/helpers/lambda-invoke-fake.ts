import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small local fake of the Lambda Invoke API (REST JSON, as the AWS SDK speaks it), reached
 * through AWS_ENDPOINT_URL_LAMBDA. Each registered function is a real handler run in this
 * process; reserved concurrency is enforced the way Lambda does (429 TooManyRequestsException
 * while the function is busy), and a thrown error comes back as Lambda reports it (200 with
 * X-Amz-Function-Error and {errorType, errorMessage, trace}).
 */

export type FakeHandler = (
  event: unknown,
  context: { awsRequestId: string; getRemainingTimeInMillis: () => number },
) => Promise<unknown>;

export interface FakeFunction {
  handler: FakeHandler;
  /** Lambda's reserved concurrency; the importer's stack sets 1. */
  reservedConcurrency?: number;
  timeoutMs?: number;
  /** Lambda's configured timeout, as GetFunctionConfiguration reports it (seconds; default 300). */
  timeoutSeconds?: number;
  /** Every invoke is throttled with this reason (ConcurrentInvocationLimitExceeded: the account's). */
  throttleReason?: string;
  /** Every invoke gets this status with an HTML page, as a proxy or gateway in between answers. */
  htmlStatus?: number;
}

export interface InvokeRecord {
  functionName: string;
  invocationType: string;
  event: unknown;
  status: number;
}

export interface LambdaInvokeFake {
  url: string;
  invocations: InvokeRecord[];
  /** Invocations running now, per function. */
  running(functionName: string): number;
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const CONFIGURATION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/;

function reply(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function userError(response: ServerResponse, status: number, type: string, message: string, extra = {}) {
  reply(response, status, { Type: 'User', message, ...extra }, { 'x-amzn-errortype': type });
}

export async function startLambdaInvokeFake(
  functions: Record<string, FakeFunction>,
): Promise<LambdaInvokeFake> {
  const invocations: InvokeRecord[] = [];
  const running = new Map<string, number>();

  // An ARN or a name; the SDK sends either, URL-encoded.
  const lookup = (raw: string): [string, FakeFunction | undefined] => {
    const name = decodeURIComponent(raw).split(':function:').at(-1)?.split(':')[0] ?? '';
    return [name, functions[name]];
  };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const configuration = CONFIGURATION_PATH.exec(url.pathname);
    if (request.method === 'GET' && configuration) {
      const [name, fn] = lookup(configuration[1] ?? '');
      if (!fn) {
        return userError(response, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
      }
      return reply(response, 200, {
        FunctionName: name,
        Timeout: fn.timeoutSeconds ?? 300,
        Runtime: 'nodejs24.x',
      });
    }
    const match = INVOKE_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !match) {
      return userError(
        response,
        404,
        'UnknownOperationException',
        `No such operation: ${request.method} ${url.pathname}`,
      );
    }
    const [name, fn] = lookup(match[1] ?? '');
    const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    const text = Buffer.concat(chunks).toString('utf8');
    let event: unknown;
    try {
      event = text === '' ? {} : JSON.parse(text);
    } catch {
      return userError(
        response,
        400,
        'InvalidRequestContentException',
        'Could not parse request body into json',
      );
    }
    const record: InvokeRecord = { functionName: name, invocationType, event, status: 0 };
    invocations.push(record);
    if (!fn) {
      record.status = 404;
      return userError(
        response,
        404,
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${name}`,
      );
    }
    if (fn.htmlStatus) {
      record.status = fn.htmlStatus;
      response.writeHead(fn.htmlStatus, { 'content-type': 'text/html' });
      response.end(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      );
      return;
    }
    if (fn.throttleReason) {
      record.status = 429;
      return userError(response, 429, 'TooManyRequestsException', 'Rate Exceeded.', {
        Reason: fn.throttleReason,
      });
    }
    const busy = running.get(name) ?? 0;
    if (fn.reservedConcurrency !== undefined && busy >= fn.reservedConcurrency) {
      record.status = 429;
      return userError(response, 429, 'TooManyRequestsException', 'Rate Exceeded.', {
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      });
    }
    running.set(name, busy + 1);
    const deadline = Date.now() + (fn.timeoutMs ?? 300_000);
    try {
      const result = await fn.handler(event, {
        awsRequestId: randomUUID(),
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      });
      record.status = 200;
      reply(response, 200, result ?? null, { 'x-amz-executed-version': '$LATEST' });
    } catch (error) {
      record.status = 200;
      const failure = error instanceof Error ? error : new Error(String(error));
      reply(
        response,
        200,
        { errorType: failure.name, errorMessage: failure.message, trace: (failure.stack ?? '').split('\n') },
        { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
      );
    } finally {
      running.set(name, (running.get(name) ?? 1) - 1);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    running: (functionName) => running.get(functionName) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
