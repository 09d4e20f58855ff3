import { ArnFormat, CfnOutput, Duration, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  type ISchedule,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  METRICS_NAMESPACE,
  NEEDS_REVIEW_METRICS,
  NOTICE_ENVIRONMENT,
  SERVICE_NAME,
  STACK_OUTPUTS,
} from '../functions/aws/deployment-contract.js';
import type { Config } from '../functions/core/config/config-schema.js';
import type { FunctionEvent } from '../functions/core/config/import-event.js';
import { cronTime, type DeploymentSettings } from './deployment-settings.js';
import { HolidayImportFunction } from './holiday-import-function.js';

export interface HolidayImporterStackProps extends StackProps {
  /** The validated config: the function bundles the same file, `configPath`. */
  config: Config;
  configPath: string;
  settings: DeploymentSettings;
}

/**
 * Everything the unattended importer needs: the function, its three schedules (yearly, monthly,
 * the weekly notice), a dead-letter queue for what could not be delivered or failed after retries,
 * alarms to a topic, and the notices' own topic.
 */
export class HolidayImporterStack extends Stack {
  readonly function: HolidayImportFunction;
  readonly deadLetterQueue: Queue;
  readonly alarmTopic: ITopic;
  readonly noticeTopic: ITopic;
  readonly schedules: { yearly: ISchedule; monthly: ISchedule; notice: ISchedule };

  constructor(scope: Construct, id: string, props: HolidayImporterStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the schedules and the function; it needs none of its own.',
    });

    this.function = new HolidayImportFunction(this, 'ImportFunction', {
      config: props.config,
      configPath: props.configPath,
      logRetention: settings.logRetentionDays,
      reservedConcurrency: settings.reservedConcurrency || undefined,
      onFailure: new SqsDestination(this.deadLetterQueue),
      environment: settings.lpCsdsUrl ? { LP_CSDS_URL: settings.lpCsdsUrl } : {},
    });
    this.function.bindSecret(importSecret(this, props.config.secretId, settings.secretKmsKeyArn));

    // One role for the three schedules; LambdaInvoke grants it lambda:InvokeFunction on the function.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'holiday-importer schedules: invoke the import function, send to its dead-letter queue',
    });
    const functionLogicalId = this.getLogicalId(this.function.node.defaultChild as CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason:
        "aws-scheduler-targets' LambdaInvoke always grants the function and its versions (<arn>:*); it is this one function only.",
    });

    this.noticeTopic = this.notices(settings);
    this.schedules = {
      yearly: this.schedule('YearlySchedule', { trigger: 'yearly' }, settings, schedulerRole, {
        ...cronTime(settings.yearlyTime),
        day: '1',
        month: '12',
      }),
      monthly: this.schedule('MonthlySchedule', { trigger: 'monthly' }, settings, schedulerRole, {
        ...cronTime(settings.monthlyTime),
        day: '1',
      }),
      notice: this.schedule(
        'NoticeSchedule',
        { trigger: 'notice', days: settings.noticeDays },
        settings,
        schedulerRole,
        { ...cronTime(settings.noticeTime), weekDay: 'MON' },
      ),
    };

    this.alarmTopic = this.topic(settings);
    this.alarms();

    new CfnOutput(this, STACK_OUTPUTS.functionName, {
      value: this.function.functionName,
      description: 'npx holiday-importer invoke finds the function through this output',
    });
    new CfnOutput(this, STACK_OUTPUTS.functionArn, { value: this.function.functionArn });
    new CfnOutput(this, STACK_OUTPUTS.alarmTopicArn, { value: this.alarmTopic.topicArn });
    new CfnOutput(this, STACK_OUTPUTS.noticeTopicArn, {
      value: this.noticeTopic.topicArn,
      description: 'The weekly notice of coming closures; subscribe the contact-center leads',
    });
    new CfnOutput(this, STACK_OUTPUTS.deadLetterQueueUrl, { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, STACK_OUTPUTS.logGroupName, {
      value: this.function.logGroup.logGroupName,
      description: 'aws logs tail <this> shows the run summaries and the audit line of every write',
    });
  }

  private schedule(
    id: string,
    event: FunctionEvent,
    settings: DeploymentSettings,
    role: IRole,
    cron: { minute: string; hour: string; day?: string; month?: string; weekDay?: string },
  ): Schedule {
    return new Schedule(this, id, {
      description: `holiday-importer ${event.trigger} run`,
      schedule: ScheduleExpression.cron({ ...cron, timeZone: TimeZone.of(settings.scheduleTimeZone) }),
      // The run is short and idempotent: start it when it is due, not somewhere in a window.
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(this.function, {
        role,
        input: ScheduleTargetInput.fromObject(event),
        // Covers delivering the event (the async Invoke call); the function's own failures are
        // retried by its async invocation settings and then land in the same queue.
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }

  /**
   * The notices' own topic, apart from the on-call alarms: who reads a notice (the contact-center
   * leads) is not who is woken by an alarm. The function may publish to it and to nothing else.
   */
  private notices(settings: DeploymentSettings): ITopic {
    const topic = settings.noticeTopicArn
      ? Topic.fromTopicArn(this, 'NoticeTopic', settings.noticeTopicArn)
      : new Topic(this, 'NoticeTopic', { displayName: 'holiday-importer notices', enforceSSL: true });
    if (topic instanceof Topic) {
      Validations.of(topic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason:
          'A notice carries calendar names, dates, hours and skill names, the same a customer sees on the contact center; no personal or secret data.',
      });
      if (settings.noticeEmail) topic.addSubscription(new EmailSubscription(settings.noticeEmail));
    }
    topic.grantPublish(this.function);
    this.function.addEnvironment(NOTICE_ENVIRONMENT.topicArn, topic.topicArn);
    this.function.addEnvironment(NOTICE_ENVIRONMENT.timeZone, settings.scheduleTimeZone);
    return topic;
  }

  private topic(settings: DeploymentSettings): ITopic {
    if (settings.alarmTopicArn) return Topic.fromTopicArn(this, 'AlarmTopic', settings.alarmTopicArn);
    const topic = new Topic(this, 'AlarmTopic', { displayName: 'holiday-importer alarms', enforceSSL: true });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and states only. CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key only for this would cost more than it protects.',
    });
    if (settings.alarmEmail) topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    return topic;
  }

  private alarms(): void {
    const period = Duration.minutes(5);
    const runMetric = (metricName: string): Metric =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(this.alarmTopic));

    alarm(
      'ErrorsAlarm',
      this.function.metricErrors({ period, statistic: 'Sum' }),
      'A holiday import failed (a calendar or skill link failed, LivePerson or Secrets Manager unreachable, bad secret). The function log has the run summary and the error.',
    );
    alarm(
      'ThrottlesAlarm',
      this.function.metricThrottles({ period, statistic: 'Sum' }),
      'An invocation was throttled: another run was still going (reserved concurrency 1). A scheduled run is retried by itself; a manual one can be started again.',
    );
    alarm(
      'DeadLetterQueueAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      'A scheduled run failed after its retries or could not be delivered: its event is in the dead-letter queue. Read it, fix the cause, run `npx holiday-importer invoke --apply`, then purge the queue.',
    );
    alarm(
      'NeedsReviewAlarm',
      new MathExpression({
        expression: NEEDS_REVIEW_METRICS.join(' + '),
        usingMetrics: Object.fromEntries(NEEDS_REVIEW_METRICS.map((name) => [name, runMetric(name)])),
        period: Duration.hours(1),
        label: 'drift + conflict + orphaned + skill conflicts',
      }),
      'A run found drift (hand edits), conflicts (objects or skills the importer does not own) or orphans. Nothing was changed or lost; run `npx holiday-importer plan` and decide.',
    );
  }
}

/**
 * The secret named by the config's `secretId`: a name, a partial ARN, or a complete ARN (one
 * that ends in Secrets Manager's random "-" + 6 characters).
 */
export function importSecret(scope: Construct, secretId: string, kmsKeyArn: string | undefined): ISecret {
  const encryptionKey = kmsKeyArn ? Key.fromKeyArn(scope, 'SecretKey', kmsKeyArn) : undefined;
  if (secretId.startsWith('arn:') && /:secret:.+-[A-Za-z0-9]{6}$/.test(secretId)) {
    return Secret.fromSecretAttributes(scope, 'Secret', { secretCompleteArn: secretId, encryptionKey });
  }
  const partialArn = secretId.startsWith('arn:')
    ? secretId
    : Stack.of(scope).formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: secretId,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
  return Secret.fromSecretAttributes(scope, 'Secret', { secretPartialArn: partialArn, encryptionKey });
}
