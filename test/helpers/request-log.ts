import type { LoggedRequest } from '../../sandbox/index.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/index.js';

/** "METHOD path" lines (account prefix dropped): what tests assert the exact sequence of. */
export function calls(requests: readonly LoggedRequest[]): string[] {
  return requests.map(
    (request) => `${request.method} ${request.path.replace(`/api/account/${SANDBOX_ACCOUNT}`, '')}`,
  );
}

export function writes(requests: readonly LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => request.method !== 'GET');
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}
