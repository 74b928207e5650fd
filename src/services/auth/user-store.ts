// Users as kept in the embedded store (bucket user_store): name, bcrypt hash, admin flag and
// resource privileges. Never holds or returns a plain-text password.

import type { Store } from '../../storage/store.js';
import type { Privileges } from './privileges.js';

export const USER_BUCKET = 'user_store';

export interface StoredUser {
  name: string;
  /** bcrypt hash ($2b$...). */
  hash: string;
  admin: boolean;
  privileges: Privileges;
}

export class UserStore {
  constructor(private readonly store: Store) {}

  get(name: string): StoredUser | undefined {
    return this.store.get<StoredUser>(USER_BUCKET, name);
  }

  list(): StoredUser[] {
    return this.store.list<StoredUser>(USER_BUCKET).map((entry) => entry.value);
  }

  hasAdmin(): boolean {
    return this.list().some((user) => user.admin);
  }

  async put(user: StoredUser): Promise<void> {
    await this.store.put(USER_BUCKET, user.name, user);
  }

  async delete(name: string): Promise<void> {
    await this.store.delete(USER_BUCKET, name);
  }
}
