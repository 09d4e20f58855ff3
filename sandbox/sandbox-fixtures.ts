import type { LivePersonCredentials } from '../functions/liveperson/credentials.js';
import type { SandboxState } from './sandbox-state.js';

/** A scene the tests and the demo share: one account, credentials of each kind, some skills. */

export const SANDBOX_ACCOUNT = '12345678';

export const SANDBOX_CREDENTIALS = {
  oauth1: {
    authType: 'oauth1',
    appKey: 'sandbox-app-key',
    secret: 'sandbox-consumer-secret-7f3a',
    accessToken: 'sandbox-access-token',
    accessTokenSecret: 'sandbox-token-secret-91bc',
  },
  login: { authType: 'login', username: 'holiday.bot', password: 'sandbox-password-5d2e' },
  appLogin: {
    authType: 'appLogin',
    username: 'holiday.app',
    appKey: 'sandbox-login-app-key',
    secret: 'sandbox-login-secret-c41d',
    accessToken: 'sandbox-login-access-token',
    accessTokenSecret: 'sandbox-login-token-secret-08fe',
  },
} as const satisfies Record<string, LivePersonCredentials>;

/** Every secret value above: none may ever show up in output, logs or errors. */
export const SANDBOX_SECRET_VALUES = [
  SANDBOX_CREDENTIALS.oauth1.secret,
  SANDBOX_CREDENTIALS.oauth1.accessTokenSecret,
  SANDBOX_CREDENTIALS.login.password,
  SANDBOX_CREDENTIALS.appLogin.secret,
  SANDBOX_CREDENTIALS.appLogin.accessTokenSecret,
];

export function registerSandboxCredentials(state: SandboxState): void {
  const { oauth1, login, appLogin } = SANDBOX_CREDENTIALS;
  state.users.push({ username: login.username, password: login.password });
  state.apiKeys.push({ ...oauth1 });
  state.apiKeys.push({ ...appLogin });
}

/** The demo scene: the example config's skills and one hand-made special occasion. */
/**
 * Workdays events of a Monday-to-Friday week, as the UI makes them: each weekday an event on its
 * date in the week the object was made (5 to 9 January 2026), repeating weekly.
 */
export function mondayToFriday(from: string, to: string, timeZone: string): Record<string, unknown>[] {
  return ['MO', 'TU', 'WE', 'TH', 'FR'].map((day, index) => ({
    start: { dateTime: `2026-01-0${5 + index}T${from}:00`, timeZone },
    end: { dateTime: `2026-01-0${5 + index}T${to}:00`, timeZone },
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${day}`],
  }));
}

/** The demo account's default Workdays object, which its skills name. */
export const OFFICE_HOURS_ID = 4011110000;

export function seedDemoScene(state: SandboxState, accountId = SANDBOX_ACCOUNT): void {
  state.addAccount(accountId);
  const [foreign] = state.put(accountId, 'specialoccasion', {
    name: 'Company events (made by hand)',
    description: 'Maintained by the workforce team',
    isDefault: false,
    events: [
      {
        meta: { working: false, name: 'Summer party' },
        start: { dateTime: '2027-07-09T00:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-07-09T23:59:59', timeZone: 'Europe/Berlin' },
        recurrence: [],
      },
    ],
  });
  // The account's default Workdays: Monday to Friday, 08:00-17:00 in Berlin, as the UI makes them
  // (each weekday an event on its date in the week the object was made).
  state.put(accountId, 'workinghours', {
    id: OFFICE_HOURS_ID,
    name: 'Office hours',
    description: 'Monday to Friday',
    isDefault: true,
    events: mondayToFriday('08:00', '17:00', 'Europe/Berlin'),
  });
  const skill = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    description: `${name} queue`,
    skillOrder: 0,
    maxWaitTime: 120,
    workingHoursId: OFFICE_HOURS_ID,
    canTransfer: true,
    skillTransferList: [],
    lobIds: [],
    skillRoutingConfiguration: [{ agentGroupId: 7, priority: 1, splitPercentage: 100 }],
    fallbackWhenAllAgentsAreAway: true,
    dateUpdated: '2026-01-02 10:11:12',
    ...extra,
  });
  state.put(
    accountId,
    'skills',
    skill(2000000001, 'Support DE'),
    skill(2000000002, 'Billing DE', { specialOccasionId: foreign?.id }),
    skill(2000000003, 'Chat Sales US'),
    skill(2000000004, 'Support US'),
    skill(2000000005, 'Support UK'),
    skill(2000000006, 'Back office'),
  );
}
