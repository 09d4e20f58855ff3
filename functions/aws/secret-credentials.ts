import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InputError } from '../core/errors.js';
import type { CredentialsProvider } from '../liveperson/credentials.js';
import { type LivePersonCredentials, LivePersonCredentialsSchema } from '../liveperson/credentials.js';
import { foreignAnswerStatus, serviceEndpoint } from './foreign-answers.js';

/** The secret is missing, unreadable or not one of the three shapes: fix the secret (exit 2). */
export class SecretError extends InputError {
  override name = 'SecretError';
}

/** Secrets Manager could not be reached at all: a failure of the run (exit 1), not of the input. */
export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

const SHAPES =
  'one of {"authType":"oauth1","appKey","secret","accessToken","accessTokenSecret"}, ' +
  '{"authType":"login","username","password"} or ' +
  '{"authType":"appLogin","username","appKey","secret","accessToken","accessTokenSecret"}';

const INPUT_ERRORS: Record<string, string> = {
  ResourceNotFoundException: 'does not exist (check "secretId" in the config and the AWS region)',
  AccessDeniedException:
    'cannot be read with the current AWS credentials (grant secretsmanager:GetSecretValue)',
  DecryptionFailure: 'cannot be decrypted (grant kms:Decrypt on its key)',
  InvalidRequestException: 'cannot be read now (is it scheduled for deletion?)',
  InvalidParameterException: 'is not a valid secret name or ARN',
  ValidationException: 'is not a valid secret name or ARN',
};

/**
 * What the AWS SDK said, by code and message. SDK messages name the operation, the resource and
 * the reason; they never carry the secret's value (only a successful answer does).
 */
export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const name = error.name !== 'Error' ? error.name : typeof code === 'string' ? code : '';
  const message = error.message.replace(/\.+$/, '');
  return name && !message.startsWith(name) ? `${name}: ${message}` : message || name;
}

/** The SDK's names for AWS credentials that are missing, unknown, expired or wrongly signed. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ExpiredToken',
  'SignatureDoesNotMatch',
]);

/** Describes what is wrong with the secret's JSON by field name, never by value. */
export function parseSecret(secretId: string, text: string | undefined): LivePersonCredentials {
  if (text === undefined)
    throw new SecretError(
      `Secret "${secretId}" has no string value; store the credentials as JSON: ${SHAPES}`,
    );
  let json: unknown;
  try {
    // A byte order mark (an editor's, pasted into the console) is not part of the JSON, as in
    // the config loader.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message quotes the text, i.e. the secret: it must not travel as a cause.
    throw new SecretError(`Secret "${secretId}" is not JSON; store the credentials as ${SHAPES}`);
  }
  const result = LivePersonCredentialsSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (field === 'authType' || field === '') return '"authType" must be "oauth1", "login" or "appLogin"';
    return `"${field}" is missing or not a non-empty string`;
  });
  throw new SecretError(
    `Secret "${secretId}" does not hold LivePerson credentials: ${[...new Set(problems)].join('; ')}. Expected ${SHAPES}`,
  );
}

/**
 * A Secrets Manager client that cannot hang a run: a connection and a request timeout and
 * bounded retries. The SDK's standard settings (AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER,
 * credentials) apply. The Lambda creates one per container and reuses it.
 */
export function createSecretsManagerClient(): SecretsManagerClient {
  return new SecretsManagerClient({
    // Secrets Manager answers in milliseconds: three tries of at most 4 s each (~13 s in all)
    // fail a stuck endpoint well inside the Lambda's time. Without throwOnRequestTimeout the SDK
    // only warns when requestTimeout passes, and waits on for ever.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 4_000, throwOnRequestTimeout: true },
  });
}

/**
 * Credentials from Secrets Manager (the SDK's standard endpoint settings apply, so
 * AWS_ENDPOINT_URL_SECRETS_MANAGER reaches a local server). Read once per run; `refresh`
 * reads again, for a 401 after a rotation.
 */
export class SecretsManagerCredentials implements CredentialsProvider {
  private cached: Promise<LivePersonCredentials> | undefined;

  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = createSecretsManagerClient(),
  ) {}

  get(): Promise<LivePersonCredentials> {
    this.cached ??= this.read();
    this.cached.catch(() => {
      this.cached = undefined;
    });
    return this.cached;
  }

  refresh(): Promise<LivePersonCredentials> {
    this.cached = this.read();
    return this.cached;
  }

  private async read(): Promise<LivePersonCredentials> {
    let text: string | undefined;
    try {
      const answer = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
      text = answer.SecretString;
    } catch (error) {
      const name = (error as Error).name;
      const reason = INPUT_ERRORS[name];
      if (reason) throw new SecretError(`Secret "${this.secretId}" ${reason}`, { cause: error });
      if (CREDENTIAL_ERRORS.has(name)) {
        throw new SecretUnavailableError(
          `AWS did not accept the credentials used to read secret "${this.secretId}": ${describeAwsError(error)}. Check AWS_PROFILE (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), that they are not expired, and AWS_REGION.`,
          { cause: error },
        );
      }
      const status = foreignAnswerStatus(error);
      if (status !== undefined) {
        const region = await this.client.config.region().catch(() => 'the configured region');
        throw new SecretUnavailableError(
          `Secrets Manager could not be reached for secret "${this.secretId}": HTTP ${status} from ${serviceEndpoint('SECRETS_MANAGER', 'secretsmanager', region)}, an answer that is not Secrets Manager's (a proxy or gateway in between, or an outage). Check the network, AWS_REGION (or AWS_ENDPOINT_URL_SECRETS_MANAGER).`,
          { cause: error },
        );
      }
      throw new SecretUnavailableError(
        `Secrets Manager could not be reached for secret "${this.secretId}": ${describeAwsError(error)}. Check AWS_REGION, your AWS credentials and the network (or AWS_ENDPOINT_URL_SECRETS_MANAGER).`,
        { cause: error },
      );
    }
    return parseSecret(this.secretId, text);
  }
}
