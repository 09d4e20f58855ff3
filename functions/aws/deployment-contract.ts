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
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  logGroupName: 'LogGroupName',
} as const;

/** Powertools puts every metric under this namespace with the dimension service=<SERVICE_NAME>. */
export const METRICS_NAMESPACE = 'HolidayImporter';
export const SERVICE_NAME = 'holiday-importer';

/** Run metrics that mean "nothing was lost, but a person should look": the run's own rule. */
export { NEEDS_REVIEW_METRICS } from '../core/summary/run-outcome.js';
