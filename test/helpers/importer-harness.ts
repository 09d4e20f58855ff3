import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { inject } from 'vitest';
import { SecretsManagerCredentials } from '../../functions/aws/secret-credentials.js';
import type { Config } from '../../functions/core/config/config-schema.js';
import { parseConfig } from '../../functions/core/config/config-validation.js';
import { createHandler } from '../../functions/holiday-import/create-handler.js';
import { type CapturedLog, capturingLogger, FAST_RETRY } from './sandbox-harness.js';

/** The AWS environment a run sees: moto's endpoint and dummy credentials. */
export function awsEnvironment(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: inject('motoUrl'),
    AWS_ENDPOINT_URL_CLOUDFORMATION: inject('motoUrl'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}

/** Points this test process's AWS SDK at moto, the way the Lambda runtime's environment would. */
export function useAwsEnvironment(): void {
  Object.assign(process.env, awsEnvironment());
}

let counter = 0;
/** A fresh secret name per test, so tests never see each other's secrets. */
export function uniqueSecretId(): string {
  counter += 1;
  return `liveperson/holiday-importer-${process.pid}-${Date.now()}-${counter}`;
}

export async function putSecret(secretId: string, value: unknown): Promise<void> {
  const client = new SecretsManagerClient({});
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    await client.send(new CreateSecretCommand({ Name: secretId, SecretString: text }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceExistsException') throw error;
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text }));
  }
}

/** The calendars of a summary by name. */
export function byName<T extends { name: string }>(summary: { calendars: readonly T[] }): Record<string, T> {
  return Object.fromEntries(summary.calendars.map((calendar) => [calendar.name, calendar]));
}

/** The example config with another secret, as a file the CLI can read (in `dir`). */
export function writeExampleConfig(dir: string, secretId: string): string {
  const path = join(dir, `config-${process.hrtime.bigint()}.json`);
  writeFileSync(
    path,
    JSON.stringify({ ...JSON.parse(readFileSync('config/holidays.json', 'utf8')), secretId }),
  );
  return path;
}

export function exampleConfig(overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const json = JSON.parse(readFileSync('config/holidays.json', 'utf8'));
  return parseConfig({ ...json, ...overrides }, 'config/holidays.json');
}

export interface CountedMetrics {
  counts: Record<string, number>;
  published: number;
  count(name: string, value: number): void;
  publish(): void;
}

export function countingMetrics(): CountedMetrics {
  const metrics: CountedMetrics = {
    counts: {},
    published: 0,
    count(name, value) {
      metrics.counts[name] = (metrics.counts[name] ?? 0) + value;
    },
    publish() {
      metrics.published += 1;
    },
  };
  return metrics;
}

/** The real handler wiring (Secrets Manager through the SDK's environment), against a sandbox. */
export function handlerFor(
  config: Config,
  csdsUrl: string,
  lines: CapturedLog[] = [],
  metrics = countingMetrics(),
) {
  return createHandler({
    config,
    logger: capturingLogger(lines),
    metrics,
    credentialsFor: (secretId) => new SecretsManagerCredentials(secretId),
    csdsUrl,
    retry: FAST_RETRY,
  });
}
