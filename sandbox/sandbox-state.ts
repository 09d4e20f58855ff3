import { isObject } from './sandbox-validation.js';

/** In-memory LivePerson data of the sandbox: accounts, collections with revisions, credentials. */

type Json = Record<string, unknown>;
export type CollectionName = 'specialoccasion' | 'skills' | 'workinghours';

export interface SandboxAccount {
  id: string;
  collections: Record<CollectionName, Map<number, Json>>;
  revisions: Record<CollectionName, number>;
}

export interface SandboxUser {
  username: string;
  password: string;
}

export interface SandboxApiKey {
  appKey: string;
  secret: string;
  accessToken: string;
  accessTokenSecret: string;
  /** The bot user an application login with this key signs in as. */
  username?: string;
}

export interface SandboxSession {
  bearer: string;
  csrf: string;
  sessionId: string;
  accountId: string;
  expiresAt: number;
}

export class SandboxState {
  readonly accounts = new Map<string, SandboxAccount>();
  readonly users: SandboxUser[] = [];
  readonly apiKeys: SandboxApiKey[] = [];
  readonly sessions = new Map<string, SandboxSession>();
  readonly usedNonces = new Set<string>();
  private nextId = 4_100_000_000;

  account(id: string): SandboxAccount | undefined {
    return this.accounts.get(id);
  }

  addAccount(id: string): SandboxAccount {
    let account = this.accounts.get(id);
    if (!account) {
      account = {
        id,
        collections: { specialoccasion: new Map(), skills: new Map(), workinghours: new Map() },
        revisions: { specialoccasion: 1000, skills: 2000, workinghours: 3000 },
      };
      this.accounts.set(id, account);
    }
    return account;
  }

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** Adds or replaces objects as an out-of-band writer would; bumps the revision like any write. */
  put(accountId: string, collection: CollectionName, ...items: Json[]): Json[] {
    const account = this.addAccount(accountId);
    const stored = items.map((item) => {
      const id = typeof item.id === 'number' ? item.id : this.newId();
      const value = { deleted: false, ...structuredClone(item), id };
      account.collections[collection].set(id, value);
      return structuredClone(value);
    });
    account.revisions[collection] += 1;
    return stored;
  }

  /** Every object of a collection, deleted ones included, as stored. */
  all(accountId: string, collection: CollectionName): Json[] {
    return [...(this.accounts.get(accountId)?.collections[collection].values() ?? [])].map((item) =>
      structuredClone(item),
    );
  }

  /** Live (not deleted) objects. */
  live(accountId: string, collection: CollectionName): Json[] {
    return this.all(accountId, collection).filter((item) => !(isObject(item) && item.deleted === true));
  }

  revision(accountId: string, collection: CollectionName): number {
    return this.accounts.get(accountId)?.revisions[collection] ?? 0;
  }

  expireSessions(): void {
    for (const session of this.sessions.values()) session.expiresAt = 0;
  }
}
