/**
 * The LivePerson sandbox: an emulator of the Domain, Login and Account Config APIs (Workdays
 * included) that follows LivePerson's public API documentation, and the moto_server that stands in for
 * Secrets Manager. `npm start` (scripts/demo.ts), `npm run sandbox`, the bench and the tests all
 * start it through this one entry point.
 */
export { type MotoServer, startMotoServer } from './moto-server.js';
export {
  mondayToFriday,
  OFFICE_HOURS_ID,
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  SANDBOX_SECRET_VALUES,
  seedDemoScene,
} from './sandbox-fixtures.js';
export {
  DEFAULT_SANDBOX_OPTIONS,
  type Fault,
  type LoggedRequest,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from './sandbox-server.js';
export { type CollectionName, SandboxState } from './sandbox-state.js';
