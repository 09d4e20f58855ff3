import {
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  seedDemoScene,
} from './sandbox-fixtures.js';
import { startSandbox } from './sandbox-server.js';

/**
 * `npm run sandbox`: the local LivePerson emulator for manual exploration, seeded with the
 * demo scene. Stops on Ctrl-C.
 */
const sandbox = await startSandbox();
registerSandboxCredentials(sandbox.state);
seedDemoScene(sandbox.state);

console.log(`LivePerson sandbox listening on ${sandbox.url}  (account ${SANDBOX_ACCOUNT})

  export LP_CSDS_URL=${sandbox.url}

Try:
  curl '${sandbox.url}/api/account/${SANDBOX_ACCOUNT}/service/baseURI.json?version=1.0'
  curl -X POST -H 'content-type: application/json' \\
    -d '{"username":"${SANDBOX_CREDENTIALS.login.username}","password":"<see test/sandbox/sandbox-fixtures.ts>"}' \\
    '${sandbox.url}/api/account/${SANDBOX_ACCOUNT}/login?v=1.3'

Credentials of every kind (sandbox-only values) are in test/sandbox/sandbox-fixtures.ts.
Press Ctrl-C to stop.`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
