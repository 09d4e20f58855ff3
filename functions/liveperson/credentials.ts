import * as z from 'zod/mini';

/**
 * The three ways to authenticate, as the Secrets Manager secret holds them (field names as
 * LivePerson names them). Values are secrets: they never appear in logs or errors.
 */
const required = (field: string) =>
  z
    .string({ error: `"${field}" must be a non-empty string` })
    .check(z.minLength(1, { error: `"${field}" must not be empty` }));

export const OAuth1CredentialsSchema = z.object({
  authType: z.literal('oauth1'),
  appKey: required('appKey'),
  secret: required('secret'),
  accessToken: required('accessToken'),
  accessTokenSecret: required('accessTokenSecret'),
});

export const UserLoginCredentialsSchema = z.object({
  authType: z.literal('login'),
  username: required('username'),
  password: required('password'),
});

export const AppLoginCredentialsSchema = z.object({
  authType: z.literal('appLogin'),
  username: required('username'),
  appKey: required('appKey'),
  secret: required('secret'),
  accessToken: required('accessToken'),
  accessTokenSecret: required('accessTokenSecret'),
});

export const LivePersonCredentialsSchema = z.discriminatedUnion(
  'authType',
  [OAuth1CredentialsSchema, UserLoginCredentialsSchema, AppLoginCredentialsSchema],
  { error: '"authType" must be one of "oauth1", "login", "appLogin"' },
);
export type LivePersonCredentials = z.infer<typeof LivePersonCredentialsSchema>;

/** A provider over fixed credentials (the CLI and tests; the Lambda reads Secrets Manager). */
export function staticCredentials(credentials: LivePersonCredentials): CredentialsProvider {
  return { get: async () => credentials, refresh: async () => credentials };
}

/** Names the kind of credentials, never their values. */
export function describeCredentials(credentials: Pick<LivePersonCredentials, 'authType'>): string {
  switch (credentials.authType) {
    case 'oauth1':
      return 'the API key (authType "oauth1": appKey, secret, accessToken, accessTokenSecret)';
    case 'login':
      return 'the user login (authType "login": username, password)';
    case 'appLogin':
      return 'the application login (authType "appLogin": username and API key)';
  }
}

/** Where the client gets credentials; `refresh` re-reads them (after a 401, once). */
export interface CredentialsProvider {
  get(): Promise<LivePersonCredentials>;
  refresh(): Promise<LivePersonCredentials>;
}
