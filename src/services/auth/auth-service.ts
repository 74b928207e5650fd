// Users and credentials: creates, updates and deletes users (bcrypt hashes), checks passwords
// (a short-lived salted SHA-256 cache avoids a bcrypt per request) and looks users up for
// tokens. Knows nothing of HTTP; never logs or returns a password or hash.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Logger } from 'pino';
import type { Store } from '../../storage/store.js';
import { authErrors } from '../../errors/catalogue.js';
import { privilegesFromPermissions, type AuthUser, type Privileges } from './privileges.js';
import { UserStore, type StoredUser } from './user-store.js';
import type { SubscriptionTokenStore } from './subscription-tokens.js';

export interface AuthSettings {
  /** [auth] enabled: users are kept and the users API is served. */
  enabled: boolean;
  /** [http] auth-enabled: every request but ping must carry valid credentials. */
  required: boolean;
  /** [http] shared-secret: HMAC key of JWT bearer tokens ('' = tokens refused). */
  sharedSecret: string;
  bcryptCost: number;
  cacheExpirationMs: number;
  bootstrapUsername: string;
  bootstrapPassword: string;
}

/** Kapacitor's pattern for user names. */
const VALID_USERNAME = /^[-._\p{L}0-9@]+$/u;
const PASSWORD_CACHE_MS = 60 * 60 * 1000;
export const MAX_USERNAME_LENGTH = 255;

interface CachedPassword {
  salt: Buffer;
  digest: Buffer;
  expires: number;
}

export class AuthService {
  private readonly users: UserStore;
  private readonly passwordCache = new Map<string, CachedPassword>();
  private readonly userCache = new Map<string, { user: AuthUser; expires: number }>();

  constructor(
    store: Store,
    readonly settings: AuthSettings,
    private readonly logger: Logger,
    /** Tokens of the subscriptions this server made in InfluxDB (used when authentication is required). */
    readonly subscriptionTokens?: SubscriptionTokenStore,
  ) {
    this.users = new UserStore(store);
  }

  /**
   * Creates the bootstrap admin when configured and no admin exists, then refuses to go on when
   * authentication is required but nobody could ever log in.
   */
  async open(): Promise<void> {
    if (!this.settings.required) return;
    if (!this.settings.enabled) {
      throw authErrors.requiresAuthService();
    }
    const { bootstrapUsername, bootstrapPassword } = this.settings;
    if (!this.users.hasAdmin()) {
      if (bootstrapUsername === '' || bootstrapPassword === '') {
        throw authErrors.noAdminUser();
      }
      await this.createUser({ name: bootstrapUsername, password: bootstrapPassword, type: 'admin' });
      this.logger.info({ user: bootstrapUsername }, 'created bootstrap admin user');
    }
  }

  /** The user whose password this is; undefined when the name or password is wrong. */
  async authenticate(name: string, password: string): Promise<AuthUser | undefined> {
    const stored = this.users.get(name);
    if (stored === undefined) return undefined;
    const cached = this.passwordCache.get(name);
    if (cached !== undefined && cached.expires > Date.now() && timingSafeEqual(saltedDigest(cached.salt, password), cached.digest)) {
      return this.user(name);
    }
    if (!(await bcrypt.compare(password, stored.hash))) {
      this.passwordCache.delete(name);
      return undefined;
    }
    const salt = randomBytes(32);
    this.passwordCache.set(name, { salt, digest: saltedDigest(salt, password), expires: Date.now() + PASSWORD_CACHE_MS });
    return this.user(name);
  }

  /** A user by name (for bearer tokens), from a cache that expires after cache-expiration. */
  user(name: string): AuthUser | undefined {
    const cached = this.userCache.get(name);
    if (cached !== undefined && cached.expires > Date.now()) return cached.user;
    const stored = this.users.get(name);
    if (stored === undefined) return undefined;
    const user = toAuthUser(stored);
    this.userCache.set(name, { user, expires: Date.now() + this.settings.cacheExpirationMs });
    return user;
  }

  list(): StoredUser[] {
    return this.users.list();
  }

  get(name: string): StoredUser {
    const stored = this.users.get(name);
    if (stored === undefined) throw authErrors.userNotFound();
    return stored;
  }

  async createUser(options: { name?: unknown; password?: unknown; type?: unknown; permissions?: unknown }): Promise<StoredUser> {
    const name = typeof options.name === 'string' ? options.name : '';
    if (name === '') throw authErrors.usernameRequired();
    if (!VALID_USERNAME.test(name) || name.length > MAX_USERNAME_LENGTH) {
      throw authErrors.invalidUsername(name);
    }
    const password = typeof options.password === 'string' ? options.password : '';
    if (password === '') throw authErrors.passwordRequired();
    const admin = parseUserType(options.type) === 'admin';
    const privileges = parsePermissions(options.permissions) ?? {};
    if (this.users.get(name) !== undefined) throw authErrors.userExists();
    const user: StoredUser = { name, hash: await bcrypt.hash(password, this.settings.bcryptCost), admin, privileges: admin ? {} : privileges };
    await this.users.put(user);
    this.forget(name);
    return user;
  }

  async updateUser(name: string, options: { password?: unknown; type?: unknown; permissions?: unknown }): Promise<StoredUser> {
    const stored = this.users.get(name);
    if (stored === undefined) throw authErrors.updateMissingUser();
    const type = options.type === undefined || options.type === '' ? undefined : parseUserType(options.type);
    const privileges = parsePermissions(options.permissions);
    const user: StoredUser = { ...stored };
    if (typeof options.password === 'string' && options.password !== '') user.hash = await bcrypt.hash(options.password, this.settings.bcryptCost);
    if (privileges !== undefined) user.privileges = privileges;
    if (type !== undefined) {
      user.admin = type === 'admin';
      if (user.admin) user.privileges = {};
    }
    await this.users.put(user);
    this.forget(name);
    return user;
  }

  async deleteUser(name: string): Promise<void> {
    this.forget(name);
    await this.users.delete(name);
  }

  private forget(name: string): void {
    this.userCache.delete(name);
    this.passwordCache.delete(name);
  }
}

function saltedDigest(salt: Buffer, password: string): Buffer {
  return createHash('sha256').update(salt).update(password).digest();
}

function toAuthUser(stored: StoredUser): AuthUser {
  return Object.freeze({ name: stored.name, admin: stored.admin, privileges: Object.freeze({ ...stored.privileges }) });
}

function parseUserType(type: unknown): 'normal' | 'admin' {
  if (type === undefined || type === 'normal' || type === '') return 'normal';
  if (type === 'admin') return 'admin';
  throw authErrors.invalidJSON();
}

/** undefined when the request lists no permissions (an update then keeps them). */
function parsePermissions(permissions: unknown): Privileges | undefined {
  if (permissions === undefined || permissions === null) return undefined;
  if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string')) throw authErrors.invalidJSON();
  try {
    return privilegesFromPermissions(permissions as string[]);
  } catch {
    // Kapacitor fails to decode an unknown permission name, hence its wording.
    throw authErrors.invalidJSON();
  }
}
