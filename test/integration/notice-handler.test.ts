import { createServer, type Server } from 'node:http';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SnsNoticePublisher } from '../../functions/aws/notice-topic.js';
import { SecretsManagerCredentials } from '../../functions/aws/secret-credentials.js';
import { createHandler, NoticeTopicMissingError } from '../../functions/holiday-import/create-handler.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS, seedDemoScene } from '../../sandbox/index.js';
import {
  awsEnvironment,
  countingMetrics,
  exampleConfig,
  putSecret,
  uniqueSecretId,
  useAwsEnvironment,
} from '../helpers/importer-harness.js';
import { rejectionOf, writes } from '../helpers/request-log.js';
import { type CapturedLog, capturingLogger, FAST_RETRY, useSandbox } from '../helpers/sandbox-harness.js';

/**
 * The weekly notice end to end: the handler reads what LivePerson (the sandbox) holds, and sends
 * it to an SNS topic in moto, which delivers it to an HTTP subscriber here, as e-mail would be.
 */

useAwsEnvironment();
process.env.AWS_ENDPOINT_URL_SNS = awsEnvironment().AWS_ENDPOINT_URL_SECRETS_MANAGER;

interface Delivery {
  Subject?: string;
  Message: string;
  MessageId: string;
}

const deliveries: Delivery[] = [];
let subscriber: Server;
let topicArn = '';

beforeAll(async () => {
  subscriber = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      deliveries.push(JSON.parse(body) as Delivery);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  const address = subscriber.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const sns = new SNSClient({});
  const topic = await sns.send(new CreateTopicCommand({ Name: `holiday-notices-${process.pid}` }));
  topicArn = topic.TopicArn ?? '';
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'http',
      Endpoint: `http://127.0.0.1:${port}/notices`,
    }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => subscriber.close(() => resolve()));
});

describe('the notice trigger', () => {
  const sandbox = useSandbox();
  let secretId = '';
  let lines: CapturedLog[] = [];
  // Monday 14 December 2026, 08:00 in Berlin, as the weekly schedule fires.
  const monday = new Date('2026-12-14T07:00:00Z');

  const handler = (now: Date, notices = true) =>
    createHandler({
      config: exampleConfig({ secretId }),
      logger: capturingLogger(lines),
      metrics: countingMetrics(),
      credentialsFor: (id) => new SecretsManagerCredentials(id),
      csdsUrl: sandbox.current.url,
      retry: FAST_RETRY,
      notices: notices ? new SnsNoticePublisher(topicArn) : undefined,
      noticeTimeZone: 'Europe/Berlin',
      now: () => now,
    });

  beforeEach(async () => {
    seedDemoScene(sandbox.current.state);
    secretId = uniqueSecretId();
    lines = [];
    deliveries.length = 0;
    await putSecret(secretId, SANDBOX_CREDENTIALS.oauth1);
    // What the yearly and monthly runs wrote: 2026 and 2027.
    await handler(new Date('2026-12-01T02:00:00Z'))({ trigger: 'monthly' });
    sandbox.current.clearLog();
  });

  it('sends what is coming to the notices topic, with a subject that names the span and the count', async () => {
    const summary = await handler(monday)({ trigger: 'notice', days: 12 });
    expect(summary).toMatchObject({
      trigger: 'notice',
      from: '2026-12-14',
      to: '2026-12-25',
      count: 2,
      published: true,
      subject: 'Contact center closures 14 Dec - 25 Dec 2026: 2 days',
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      Subject: 'Contact center closures 14 Dec - 25 Dec 2026: 2 days',
      MessageId: summary.messageId,
      Message: summary.message,
    });
    expect(summary.message).toContain(
      'Holidays DE-BY (Europe/Berlin): open only 08:00-14:00; Heiliger Abend',
    );
    expect(summary.message).toContain('Holidays US (America/New_York): closed all day; Christmas Day');
    // It only reads LivePerson.
    expect(writes(sandbox.current.requests)).toEqual([]);
    expect(lines.some((line) => line.message === 'holiday-importer notice')).toBe(true);
  });

  it('the default window is 14 days', async () => {
    const summary = await handler(monday)({ trigger: 'notice' });
    expect(summary).toMatchObject({ from: '2026-12-14', to: '2026-12-27', days: 14 });
  });

  it('sends nothing when nothing is coming', async () => {
    const summary = await handler(new Date('2027-02-01T07:00:00Z'))({ trigger: 'notice' });
    expect(summary).toMatchObject({ count: 0, published: false, dates: [] });
    expect(summary.messageId).toBeUndefined();
    expect(deliveries).toEqual([]);
  });

  it('a bad notice event is an input error that says what is expected, before any request', async () => {
    const error = await rejectionOf(handler(monday)({ trigger: 'notice', days: 0 }));
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(/days: .*\. Expected \{"trigger":"notice","days"\?:1\.\.366\}/);
    expect(sandbox.current.requests).toEqual([]);
  });

  it('a function without a notices topic fails the notice loudly, before any request', async () => {
    const error = await rejectionOf(handler(monday, false)({ trigger: 'notice' }));
    expect(error.message).toMatch(/NOTICE_TOPIC_ARN/);
    expect(error).toBeInstanceOf(NoticeTopicMissingError);
    expect(sandbox.current.requests.filter((request) => request.path.includes(SANDBOX_ACCOUNT))).toEqual([]);
  });
});
