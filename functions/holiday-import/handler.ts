import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import configJson from '../../config/holidays.json' with { type: 'json' };
import { SecretsManagerCredentials } from '../aws/secret-credentials.js';
import { parseConfig } from '../core/config-validation.js';
import { createHandler } from './create-handler.js';

// Cold start: the bundled config is validated once; a bad one fails every invocation loudly.
const config = parseConfig(configJson, 'config/holidays.json');
const logger = new Logger({ serviceName: 'holiday-importer' });
const metrics = new Metrics({ namespace: 'HolidayImporter', serviceName: 'holiday-importer' });

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
  credentialsFor: (secretId) => new SecretsManagerCredentials(secretId),
  csdsUrl: process.env.LP_CSDS_URL,
});
