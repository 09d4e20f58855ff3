import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
// config/holidays.json (tsconfig paths); the function's bundle aliases the file the stack validated.
import configJson from '@holiday-importer/config' with { type: 'json' };
import { METRICS_NAMESPACE, NOTICE_ENVIRONMENT, SERVICE_NAME } from '../aws/deployment-contract.js';
import { SnsNoticePublisher } from '../aws/notice-topic.js';
import { createSecretsManagerClient, SecretsManagerCredentials } from '../aws/secret-credentials.js';
import { mapStackTraces } from '../commons/source-mapped-stacks.js';
import { parseConfig } from '../core/config/config-validation.js';
import { asFunctionError } from '../core/errors.js';
import { createHandler } from './create-handler.js';

// The deployed bundle (CommonJS, its .map beside it) reports errors with TypeScript locations.
if (typeof __filename === 'string') mapStackTraces(__filename);

// Cold start: the bundled config is validated once; a bad one fails every invocation loudly.
const config = (() => {
  try {
    return parseConfig(configJson, 'config/holidays.json');
  } catch (error) {
    throw asFunctionError(error);
  }
})();
const logger = new Logger({ serviceName: SERVICE_NAME });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
// One client per container: warm invocations reuse its connection; each run still reads the secret.
const secretsManager = createSecretsManagerClient();

const noticeTopicArn = process.env[NOTICE_ENVIRONMENT.topicArn];

export const handler = createHandler({
  config,
  logger: {
    debug: (message, attributes = {}) => logger.debug(message, attributes),
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
    error: (message, attributes = {}) => logger.error(message, attributes),
  },
  metrics: {
    count: (name, value) => metrics.addMetric(name, MetricUnit.Count, value),
    publish: () => metrics.publishStoredMetrics(),
  },
  credentialsFor: (secretId) => new SecretsManagerCredentials(secretId, secretsManager),
  csdsUrl: process.env.LP_CSDS_URL,
  // The stack sets both: the notices topic, and the schedules' zone (a notice's "today").
  notices: noticeTopicArn ? new SnsNoticePublisher(noticeTopicArn) : undefined,
  noticeTimeZone: process.env[NOTICE_ENVIRONMENT.timeZone],
});
