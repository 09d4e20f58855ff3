import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DeploymentSettingsError } from '../../cdk/deployment-settings.js';
import { type CliIo, runCli } from '../../functions/cli/main.js';
import { ConfigError } from '../../functions/core/errors.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { asList, policyStatements, synthStack as synthInto } from './cdk-harness.js';

const temp = useTempDir('holiday-cdk');
const synthStack = (context: Record<string, unknown> = {}, options: { configPath?: string } = {}) =>
  synthInto(temp, context, options);
// Every synth names who hears the alarms, as a deploy must; cdk.json's context plays no part.
const NO_RECIPIENT = { noAlarmRecipient: true };
const SETTINGS = {
  scheduleTimeZone: 'Europe/Berlin',
  yearlyTime: '03:00',
  monthlyTime: '05:30',
  ...NO_RECIPIENT,
};
const { stack, template } = await synthStack(SETTINGS);
const [functionId] = Object.keys(template.findResources('AWS::Lambda::Function'));
const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));
const topicNamed = (prefix: string) =>
  Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith(prefix));
const topicId = topicNamed('AlarmTopic');
const noticeTopicId = topicNamed('NoticeTopic');
const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };

describe('the function', () => {
  it('runs the newest Node runtime on arm64 with reserved concurrency 1, sized memory and timeout', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      MemorySize: 512,
      Timeout: 300,
      Environment: { Variables: Match.not(Match.objectLike({ NODE_OPTIONS: Match.anyValue() })) },
    });
  });

  it('logs to its own log group with the configured retention, kept after a teardown', async () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
    });
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
    });
    const { template: shorter } = await synthStack({ ...NO_RECIPIENT, logRetentionDays: '30' });
    shorter.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('retries a failed async invocation once, then sends it to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 21_600,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
  });

  it('leaves reserved concurrency off when the account cannot spare it', async () => {
    const { template: unreserved } = await synthStack({ ...NO_RECIPIENT, reservedConcurrency: 0 });
    unreserved.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: Match.absent(),
    });
  });

  it('passes LP_CSDS_URL only when set', async () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ LP_CSDS_URL: Match.absent() }) },
    });
    const { template: other } = await synthStack({ ...NO_RECIPIENT, lpCsdsUrl: 'https://api.example.test' });
    other.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ LP_CSDS_URL: 'https://api.example.test' }) },
    });
  });
});

describe('the schedules', () => {
  it.each([
    ['yearly', 'cron(0 3 1 12 ? *)', { trigger: 'yearly' }],
    ['monthly', 'cron(30 5 1 * ? *)', { trigger: 'monthly' }],
    ['the weekly notice', 'cron(0 8 ? * MON *)', { trigger: 'notice', days: 14 }],
  ])(
    '%s: %s in the configured zone, no flexible window, bounded retries and the DLQ',
    (_label, cron, event) => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: cron,
        ScheduleExpressionTimezone: 'Europe/Berlin',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          Input: JSON.stringify(event),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: queueArn },
        },
      });
    },
  );

  it('has exactly three schedules', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
  });

  it('the notice at noticeTime for noticeDays, and never at the same time as an import', async () => {
    const { template: other } = await synthStack({ ...SETTINGS, noticeTime: '07:15', noticeDays: '21' });
    other.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 7 ? * MON *)',
      Target: Match.objectLike({ Input: JSON.stringify({ trigger: 'notice', days: 21 }) }),
    });
    for (const [noticeTime, clash] of [
      ['05:40', 'monthlyTime (05:30)'],
      ['02:45', 'yearlyTime (03:00)'],
    ]) {
      const error = await synthStack({ ...SETTINGS, noticeTime }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeploymentSettingsError);
      expect((error as Error).message).toContain(
        `noticeTime: "${noticeTime}" must be at least 30 minutes from ${clash}`,
      );
    }
    const days = await synthStack({ ...SETTINGS, noticeDays: '0' }).catch((caught: unknown) => caught);
    expect((days as Error).message).toContain('noticeDays: "0"');
  });

  it('encrypts the dead-letter queue and refuses non-TLS access to it', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('permissions', () => {
  const statements = policyStatements(template);

  it('reads only the configured secret, only with GetSecretValue', () => {
    const secretStatements = statements.filter(({ statement }) =>
      asList(statement.Action as string | string[]).some((action) => action.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toHaveLength(1);
    const [only] = secretStatements;
    expect(only?.statement.Action).toBe('secretsmanager:GetSecretValue');
    expect(JSON.stringify(only?.statement.Resource)).toContain(':secret:liveperson/holiday-importer-??????');
  });

  it('grants nothing on "*"', () => {
    for (const { statement } of statements) expect(asList(statement.Resource)).not.toContain('*');
  });

  it('uses no managed policies', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each([
    [
      'a complete ARN: that exact ARN',
      'arn:aws:secretsmanager:eu-central-1:123456789012:secret:liveperson/importer-AbC123',
      'arn:aws:secretsmanager:eu-central-1:123456789012:secret:liveperson/importer-AbC123',
    ],
    [
      'a partial ARN: its random suffix',
      'arn:aws:secretsmanager:eu-central-1:123456789012:secret:liveperson/importer',
      'arn:aws:secretsmanager:eu-central-1:123456789012:secret:liveperson/importer-??????',
    ],
  ])('secretId as %s', async (_label, secretId, resource) => {
    const configPath = join(temp, `config-${resource.length}.json`);
    writeFileSync(configPath, JSON.stringify({ ...exampleConfigJson(), secretId }));
    const { template: other } = await synthStack(NO_RECIPIENT, { configPath });
    const granted = policyStatements(other).filter(
      ({ statement }) => statement.Action === 'secretsmanager:GetSecretValue',
    );
    expect(granted.map(({ statement }) => statement.Resource)).toEqual([resource]);
  });

  it('decrypts a customer-managed key only through Secrets Manager', async () => {
    const keyArn = 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { template: other } = await synthStack({ ...NO_RECIPIENT, secretKmsKeyArn: keyArn });
    const kms = policyStatements(other).filter(({ statement }) =>
      asList(statement.Action as string | string[]).some((action) => action.startsWith('kms:')),
    );
    expect(kms).toHaveLength(1);
    expect(kms[0]?.statement).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: keyArn,
      Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
    });
  });
});

describe('alarms', () => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

  it('sends every alarm to the topic', () => {
    expect(topicId).toBeDefined();
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it.each([
    ['Errors', 'AWS/Lambda'],
    ['Throttles', 'AWS/Lambda'],
    ['ApproximateNumberOfMessagesVisible', 'AWS/SQS'],
  ])('watches %s (%s)', (metricName, namespace) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Namespace: namespace,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('watches drift and conflicts with the service dimension Powertools publishes', () => {
    const review = alarms.find((alarm) => alarm.Properties.Metrics);
    const metrics = review?.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
    expect(metrics.find((metric) => metric.Expression)?.Expression).toBe(
      'drift + conflict + orphaned + skillsConflict',
    );
    for (const name of ['drift', 'conflict', 'orphaned', 'skillsConflict']) {
      expect(metrics.find((metric) => metric.Id === name)?.MetricStat).toMatchObject({
        Metric: {
          Namespace: 'HolidayImporter',
          MetricName: name,
          Dimensions: [{ Name: 'service', Value: 'holiday-importer' }],
        },
      });
    }
  });

  it('creates an e-mail subscription when alarmEmail is set', async () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const { template: other } = await synthStack({ alarmEmail: 'oncall@example.com' });
    other.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  it('uses an existing topic instead of creating one', async () => {
    const topicArn = 'arn:aws:sns:eu-central-1:123456789012:ops-alarms';
    const { template: other } = await synthStack({ alarmTopicArn: topicArn });
    // Only the notices' topic is left.
    expect(Object.keys(other.findResources('AWS::SNS::Topic'))).toEqual([
      expect.stringMatching(/^NoticeTopic/),
    ]);
    for (const alarm of Object.values(other.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([topicArn]);
    }
  });
});

describe('outputs', () => {
  it('names the function, its ARN, the topic, the dead-letter queue and the log group', () => {
    template.hasOutput('FunctionName', { Value: { Ref: functionId } });
    template.hasOutput('FunctionArn', { Value: { 'Fn::GetAtt': [functionId, 'Arn'] } });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    template.hasOutput('NoticeTopicArn', { Value: { Ref: noticeTopicId } });
    template.hasOutput('DeadLetterQueueUrl', { Value: { Ref: queueId } });
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasOutput('LogGroupName', { Value: { Ref: logGroupId } });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding on the stack', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('does report a finding that nobody acknowledged (the check is live)', () => {
    const scratch = new Stack(new App({ outdir: join(temp, 'scratch.out') }), 'Scratch');
    new Queue(scratch, 'Plain');
    const report = new AwsSolutionsChecks().validateScope(scratch);
    expect(report.violations.map((violation) => violation.ruleName)).toContain('AwsSolutions-SQS3');
  });
});

describe('the notices topic', () => {
  it('is its own topic, apart from the alarms; the function may publish to it and to nothing else', () => {
    expect(noticeTopicId).toBeDefined();
    expect(noticeTopicId).not.toBe(topicId);
    const publish = policyStatements(template).filter(({ statement }) =>
      asList(statement.Action as string | string[]).includes('sns:Publish'),
    );
    expect(publish.map(({ statement }) => statement.Resource)).toEqual([{ Ref: noticeTopicId }]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          NOTICE_TOPIC_ARN: { Ref: noticeTopicId },
          NOTICE_TIME_ZONE: 'Europe/Berlin',
        }),
      },
    });
  });

  it('subscribes noticeEmail, or uses noticeTopicArn instead of a new topic', async () => {
    const { template: mailed } = await synthStack({ ...SETTINGS, noticeEmail: 'leads@example.com' });
    mailed.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'leads@example.com',
      TopicArn: {
        Ref: Object.keys(mailed.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('NoticeTopic')),
      },
    });
    const topicArn = 'arn:aws:sns:eu-central-1:123456789012:cc-leads';
    const { template: existing } = await synthStack({ ...SETTINGS, noticeTopicArn: topicArn });
    expect(Object.keys(existing.findResources('AWS::SNS::Topic'))).toEqual([
      expect.stringMatching(/^AlarmTopic/),
    ]);
    existing.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NOTICE_TOPIC_ARN: topicArn }) },
    });
    existing.hasOutput('NoticeTopicArn', { Value: topicArn });
    const both = await synthStack({
      ...SETTINGS,
      noticeEmail: 'leads@example.com',
      noticeTopicArn: topicArn,
    }).catch((caught: unknown) => caught);
    expect((both as Error).message).toContain(
      'noticeEmail: "leads@example.com" cannot be combined with noticeTopicArn',
    );
  });
});

describe('one stack per LivePerson account', () => {
  it('-c config=<file> -c stackName=<name>: another stack, with its own config and secret', async () => {
    const brandB = join(temp, 'brand-b.json');
    writeFileSync(
      brandB,
      JSON.stringify({
        accountId: '87654321',
        secretId: 'liveperson/brand-b',
        calendars: [{ name: 'Holidays FR', regions: ['FR'], timeZone: 'Europe/Paris' }],
      }),
    );
    const { stack: other, template: otherTemplate } = await synthStack({
      ...SETTINGS,
      config: brandB,
      stackName: 'HolidayImporter-BrandB',
    });
    expect(other.stackName).toBe('HolidayImporter-BrandB');
    expect(stack.stackName).toBe('HolidayImporter');
    const secretOf = (of: typeof template) =>
      JSON.stringify(
        policyStatements(of).find(({ statement }) => statement.Action === 'secretsmanager:GetSecretValue')
          ?.statement.Resource,
      );
    expect(secretOf(otherTemplate)).toContain(':secret:liveperson/brand-b-??????');
    expect(secretOf(template)).toContain(':secret:liveperson/holiday-importer-??????');
  });

  it('a config file that does not exist fails the synth, naming it', async () => {
    const error = await synthStack({ ...SETTINGS, config: 'config/brand-x.json' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('config/brand-x.json');
  });
});

describe('who hears the alarms', () => {
  it('the shipped cdk.json names nobody, so its synth fails and says how to name someone', async () => {
    const shipped = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;
    const error = await synthStack(shipped).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeploymentSettingsError);
    const message = (error as Error).message;
    expect(message).toContain(
      'alarmEmail: "" is not set, nor is alarmTopicArn: nobody would hear the alarms',
    );
    expect(message).toContain('noAlarmRecipient: true');
  });

  it.each([
    ['no setting at all', {}],
    ['empty strings', { alarmEmail: '', alarmTopicArn: '' }],
    ['the opt-out turned off', { noAlarmRecipient: 'false' }],
  ])('fails without a recipient: %s', async (_label, context) => {
    const error = await synthStack(context).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('nobody would hear the alarms');
  });

  it('deploys alarms nobody receives only when told so, with -c noAlarmRecipient=true', async () => {
    const { template: unheard } = await synthStack({ noAlarmRecipient: 'true' });
    unheard.resourceCountIs('AWS::SNS::Topic', 2);
    unheard.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('unknown settings fail the synth', () => {
  it.each([
    ['alarmEmial', 'alarmEmail'],
    ['yearlytime', 'yearlyTime'],
    ['montlyTime', 'monthlyTime'],
    ['logRetention', 'logRetentionDays'],
  ])('%s names the nearest setting, %s', async (misspelt, nearest) => {
    const error = await synthStack({ ...NO_RECIPIENT, [misspelt]: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeploymentSettingsError);
    expect((error as Error).message).toContain(
      `${misspelt}: is not a setting of this stack; did you mean ${nearest}?`,
    );
  });

  it("leaves CDK's own keys alone: feature flags, lookups, telemetry", async () => {
    const { template: other } = await synthStack({
      ...NO_RECIPIENT,
      '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
      'availability-zones:account=123456789012:region=eu-central-1': ['eu-central-1a'],
      'cli-telemetry': false,
      'acknowledged-issue-numbers': [12345],
    });
    other.resourceCountIs('AWS::Lambda::Function', 1);
  });
});

describe('bad input fails the synth', () => {
  it('a bad config with the very message the CLI prints', async () => {
    const configPath = join(temp, 'bad.json');
    writeFileSync(
      configPath,
      JSON.stringify({ ...exampleConfigJson(), calendars: [{ name: 'X', regions: ['DE-XX'] }] }),
    );
    const error = await synthStack(NO_RECIPIENT, { configPath }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const stderr: string[] = [];
    const io: CliIo = {
      stdout: () => {},
      stderr: (text) => stderr.push(text),
      colour: false,
      now: () => new Date(),
      env: {},
    };
    expect(await runCli(['preview', '--config', configPath], io)).toBe(2);
    expect(`${(error as Error).message}\n`).toBe(stderr.join(''));
    expect(stderr.join('')).toContain('calendars[0].regions[0]: "DE-XX" is not a date-holidays region code');
  });

  it.each([
    [{ scheduleTimeZone: 'Europe/Berlln' }, 'scheduleTimeZone: "Europe/Berlln" must be an IANA time zone'],
    [{ yearlyTime: '25:00' }, 'yearlyTime: "25:00" must be a time of day as HH:MM'],
    [{ yearlyTime: '04:00', monthlyTime: '04:00' }, 'monthlyTime: "04:00" must differ from yearlyTime'],
    [{ logRetentionDays: 42 }, 'logRetentionDays: 42 must be one of'],
    [{ reservedConcurrency: '2' }, 'reservedConcurrency: "2"'],
    [
      { noAlarmRecipient: false, alarmEmail: 'not-an-address' },
      'alarmEmail: "not-an-address" must be an e-mail address',
    ],
    [
      { noAlarmRecipient: false, alarmTopicArn: 'ops-alarms' },
      'alarmTopicArn: "ops-alarms" must be an SNS topic ARN',
    ],
    [{ alarmEmail: 'oncall@example.com' }, 'noAlarmRecipient: true contradicts alarmEmail/alarmTopicArn'],
    [{ noAlarmRecipient: 'yes' }, 'noAlarmRecipient: "yes"'],
    // Issue 16, point 4: the credentials travel only over https (http to loopback alone).
    [
      { lpCsdsUrl: 'http://api.liveperson.net' },
      'lpCsdsUrl: "http://api.liveperson.net" uses http to api.liveperson.net',
    ],
    [{ lpCsdsUrl: 'ftp://api.liveperson.net' }, 'uses ftp; the LivePerson APIs are reached over https'],
    [{ lpCsdsUrl: 'http://127.0.0.1.example.com' }, 'which would send the credentials in plain text'],
  ])('settings %j', async (context, message) => {
    const error = await synthStack({ ...NO_RECIPIENT, ...context }).catch((caught: unknown) => caught);
    // Issue 16: the list of allowed values never offers one the check rejects.
    expect((error as Error).message).not.toContain('9999');
    expect(error).toBeInstanceOf(DeploymentSettingsError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('cdk.json "context"');
  });
});

function exampleConfigJson(): Record<string, unknown> {
  return JSON.parse(readFileSync('config/holidays.json', 'utf8'));
}
