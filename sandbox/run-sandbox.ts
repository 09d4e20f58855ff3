import { readFileSync } from 'node:fs';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type MotoServer, startMotoServer } from './moto-server.js';
import {
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  seedDemoScene,
} from './sandbox-fixtures.js';
import { startSandbox } from './sandbox-server.js';

/**
 * `npm run sandbox`: the local LivePerson emulator, seeded with the demo scene, and a local
 * Secrets Manager (moto) holding the example config's secret, so `plan`, `apply` and `preview`
 * can be tried by hand. Stops on Ctrl-C.
 */
const sandbox = await startSandbox();
registerSandboxCredentials(sandbox.state);
seedDemoScene(sandbox.state);

const { secretId } = JSON.parse(readFileSync('config/holidays.json', 'utf8')) as { secretId: string };
const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'sandbox', AWS_SECRET_ACCESS_KEY: 'sandbox' };
let moto: MotoServer | undefined;
try {
  moto = await startMotoServer();
  const client = new SecretsManagerClient({
    endpoint: moto.url,
    region: aws.AWS_REGION,
    credentials: { accessKeyId: aws.AWS_ACCESS_KEY_ID, secretAccessKey: aws.AWS_SECRET_ACCESS_KEY },
  });
  await client.send(
    new CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify(SANDBOX_CREDENTIALS.oauth1) }),
  );
} catch (error) {
  console.error(`No local Secrets Manager: ${(error as Error).message}`);
}

const env = {
  LP_CSDS_URL: sandbox.url,
  ...(moto ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.url, ...aws } : {}),
};
console.log(`LivePerson sandbox listening on ${sandbox.url}  (account ${SANDBOX_ACCOUNT})
${moto ? `Secrets Manager (moto) on ${moto.url}, holding "${secretId}" (the sandbox's API key)` : 'Install moto for a local Secrets Manager: pip install "moto[server]"'}

In another shell:
${Object.entries(env)
  .map(([key, value]) => `  export ${key}=${value}`)
  .join('\n')}
  npx holiday-importer plan
  npx holiday-importer apply
  npx holiday-importer preview --calendar "Holidays DE-BY"

Credentials of every kind (sandbox-only values) are in test/sandbox/sandbox-fixtures.ts.
Press Ctrl-C to stop.`);

const stop = async () => {
  await sandbox.close();
  await moto?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
