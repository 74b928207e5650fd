// Subscription tokens: with [http] auth-enabled, the subscriptions this server creates in
// InfluxDB carry the user `~subscriber` and a generated token as password, as Kapacitor's do,
// so InfluxDB's writes to /write authenticate. A token is `<cluster>;<64 random bytes>` in
// unpadded base64url; only its SHA-256 is stored (bucket subscription_tokens) with the cluster,
// database and retention policy it may write to. Never logs a token.

import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../storage/store.js';

/** The user name InfluxDB presents with a subscription token. */
export const SUBSCRIPTION_USER = '~subscriber';

const BUCKET = 'subscription_tokens';
const TOKEN_BYTES = 64;
const DELIMITER = ';';

export interface SubscriptionGrant {
  cluster: string;
  db: string;
  rp: string;
}

export class SubscriptionTokenStore {
  constructor(private readonly store: Store) {}

  /** A new random token of the cluster (not yet granted). */
  generate(cluster: string): string {
    return Buffer.concat([Buffer.from(cluster + DELIMITER, 'utf8'), randomBytes(TOKEN_BYTES)]).toString('base64url');
  }

  async grant(token: string, db: string, rp: string): Promise<void> {
    const cluster = tokenCluster(token);
    if (cluster === undefined) throw new Error('invalid subscription token');
    await this.store.put(BUCKET, digest(token), { cluster, db, rp } satisfies SubscriptionGrant);
  }

  /** What the token may write to, or undefined when it is not (or no longer) granted. */
  lookup(token: string): SubscriptionGrant | undefined {
    return this.store.get<SubscriptionGrant>(BUCKET, digest(token));
  }

  /** Revokes every token of the cluster but those in keep. */
  async revokeExcept(cluster: string, keep: readonly string[]): Promise<void> {
    const kept = new Set(keep.map(digest));
    const stale = this.store.list<SubscriptionGrant>(BUCKET).filter(({ key, value }) => value.cluster === cluster && !kept.has(key));
    if (stale.length === 0) return;
    await this.store.batch((batch) => {
      for (const { key } of stale) batch.delete(BUCKET, key);
    });
  }

  /** Revokes the tokens of every cluster not in clusters (removed or disabled clusters). */
  async revokeOtherClusters(clusters: readonly string[]): Promise<void> {
    const names = new Set(clusters);
    const stale = this.store.list<SubscriptionGrant>(BUCKET).filter(({ value }) => !names.has(value.cluster));
    if (stale.length === 0) return;
    await this.store.batch((batch) => {
      for (const { key } of stale) batch.delete(BUCKET, key);
    });
  }
}

/** The cluster a token was made for, or undefined when it is not a token. */
export function tokenCluster(token: string): string | undefined {
  const raw = Buffer.from(token, 'base64url').toString('latin1');
  const at = raw.indexOf(DELIMITER);
  return at <= 0 ? undefined : Buffer.from(raw.slice(0, at), 'latin1').toString('utf8');
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
