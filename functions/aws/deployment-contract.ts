/**
 * What the CDK stack, the Lambda handler and the operator CLI must agree on: the stack's default
 * name, the output keys `invoke` reads, and where the run's metrics go (the alarms watch them).
 * All three import these, so a rename cannot break one side silently.
 */

export const DEFAULT_STACK_NAME = 'HolidayImporter';

export const STACK_OUTPUTS = {
  functionName: 'FunctionName',
  functionArn: 'FunctionArn',
  alarmTopicArn: 'AlarmTopicArn',
  noticeTopicArn: 'NoticeTopicArn',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  logGroupName: 'LogGroupName',
} as const;

/** Powertools puts every metric under this namespace with the dimension service=<SERVICE_NAME>. */
export const METRICS_NAMESPACE = 'HolidayImporter';
export const SERVICE_NAME = 'holiday-importer';

/** Run metrics that mean "nothing was lost, but a person should look": the run's own rule. */
export { NEEDS_REVIEW_METRICS } from '../core/summary/run-outcome.js';

/** The function's environment that the stack sets for the notice trigger. */
export const NOTICE_ENVIRONMENT = { topicArn: 'NOTICE_TOPIC_ARN', timeZone: 'NOTICE_TIME_ZONE' } as const;
