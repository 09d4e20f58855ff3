import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import {
  parseSecret,
  SecretError,
  SecretsManagerCredentials,
  SecretUnavailableError,
} from '../../functions/aws/secret-credentials.js';

function failingClient(name: string): SecretsManagerClient {
  const error = Object.assign(new Error(`${name}: arn:aws:secretsmanager:...`), { name });
  return { send: async () => Promise.reject(error) } as unknown as SecretsManagerClient;
}

function answering(text: string): { client: SecretsManagerClient; reads: () => number } {
  let reads = 0;
  const client = {
    send: async () => {
      reads += 1;
      return { SecretString: text };
    },
  } as unknown as SecretsManagerClient;
  return { client, reads: () => reads };
}

describe('SecretsManagerCredentials', () => {
  it.each([
    { name: 'ResourceNotFoundException', message: /does not exist/ },
    {
      name: 'AccessDeniedException',
      message: /cannot be read with the current AWS credentials.*GetSecretValue/,
    },
    { name: 'DecryptionFailure', message: /kms:Decrypt/ },
  ])('$name is an input error (exit 2) naming the secret', async ({ name, message }) => {
    const provider = new SecretsManagerCredentials('liveperson/x', failingClient(name));
    const error = await provider.get().catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as Error).message).toMatch(/^Secret "liveperson\/x" /);
    expect((error as Error).message).toMatch(message);
  });

  it('an unreachable Secrets Manager is a failure of the run, not of the input', async () => {
    const provider = new SecretsManagerCredentials('liveperson/x', failingClient('TimeoutError'));
    await expect(provider.get()).rejects.toBeInstanceOf(SecretUnavailableError);
  });

  it('reads once per run and again on refresh', async () => {
    const { client, reads } = answering('{"authType":"login","username":"u","password":"p"}');
    const provider = new SecretsManagerCredentials('s', client);
    await provider.get();
    await provider.get();
    expect(reads()).toBe(1);
    await provider.refresh();
    expect(reads()).toBe(2);
  });
});

describe('parseSecret', () => {
  it.each([
    {
      text: '{"authType":"oauth1","appKey":"a","secret":"b","accessToken":"c","accessTokenSecret":"d"}',
      ok: true,
    },
    { text: '{"authType":"login","username":"u","password":"p"}', ok: true },
    // Issue 16: a leading byte order mark is not "not JSON".
    { text: '\uFEFF{"authType":"login","username":"u","password":"p"}', ok: true },
    {
      text: '{"authType":"appLogin","username":"u","appKey":"a","secret":"b","accessToken":"c","accessTokenSecret":"d"}',
      ok: true,
    },
    {
      text: '{"authType":"login","username":"u","password":""}',
      ok: false,
      message: /"password" is missing/,
    },
    { text: '{"authType":"oauth","appKey":"topsecret-1"}', ok: false, message: /"authType" must be/ },
    { text: 'topsecret-1', ok: false, message: /is not JSON/ },
    { text: '["topsecret-1"]', ok: false, message: /"authType" must be/ },
  ])('$text', ({ text, ok, message }) => {
    if (ok) {
      expect(parseSecret('s', text).authType).toBeDefined();
      return;
    }
    let error: Error | undefined;
    try {
      parseSecret('s', text);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toBeInstanceOf(SecretError);
    expect(error?.message).toMatch(message as RegExp);
    expect(`${error?.message} ${String(error?.cause)}`).not.toContain('topsecret');
  });
});
