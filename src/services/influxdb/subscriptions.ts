// Subscription linking for one InfluxDB cluster, as Kapacitor does it: every database and
// retention policy gets a subscription named kapacitor-<cluster or server id> whose
// destination is this server's /write; stale or changed ones are dropped and recreated, and
// those the configuration excludes are removed. With authentication on, http(s) destinations
// carry a subscription token (see SubscriptionTokens). Pure InfluxQL through the client.

import type { InfluxDBClient, InfluxResult } from '../../influxql/client.js';
import { quoteIdent, quoteString } from '../../influxql/client.js';

export const SUBSCRIPTION_PREFIX = 'kapacitor-';
const LEGACY_NAME = 'kapacitor';

export interface SubscriptionSettings {
  /** kapacitor-<id>. */
  name: string;
  /** The bare cluster id (an older naming, migrated). */
  clusterId: string;
  protocol: string;
  hostname: string;
  port: number;
  /** subscription-path: the destination's path ('' = none). */
  path?: string;
  /** db → rps to subscribe to; empty = all. */
  include: Record<string, string[]>;
  /** db → rps never subscribed to. */
  exclude: Record<string, string[]>;
  /**
   * For udp: opens (or finds) the listener of db/rp, on `port` when given (0 = any free
   * port); resolves with its port, rejects when it cannot listen there.
   */
  udpPort?: (db: string, rp: string, port: number) => Promise<number>;
  /** Told of every subscription created (the rest in place were reused). */
  onCreated?: (db: string, rp: string) => void;
  /**
   * With authentication on (http and https only): each subscription's destination carries
   * `~subscriber:<token>@`, a token granted write access to its db/rp; tokens of this cluster
   * no subscription uses any more are revoked.
   */
  tokens?: { cluster: string; store: SubscriptionTokens };
}

/** Where subscription tokens are kept (implemented by the auth service's token store). */
export interface SubscriptionTokens {
  generate(cluster: string): string;
  grant(token: string, db: string, rp: string): Promise<void>;
  lookup(token: string): { cluster: string; db: string; rp: string } | undefined;
  revokeExcept(cluster: string, keep: readonly string[]): Promise<void>;
}

/** The user InfluxDB writes as with a subscription token. */
export const SUBSCRIPTION_TOKEN_USER = '~subscriber';

interface ExistingSubscription {
  db: string;
  rp: string;
  name: string;
  mode: string;
  destinations: string[];
}

/** Links subscriptions; resolves with the number of our subscriptions now in place. */
export async function linkSubscriptions(client: InfluxDBClient, settings: SubscriptionSettings): Promise<number> {
  const wanted = await allRetentionPolicies(client);
  const existing = await showSubscriptions(client);
  const ours = new Map<string, ExistingSubscription>();

  for (const sub of existing) {
    if (sub.name === LEGACY_NAME || sub.name === settings.clusterId) {
      await dropSubscription(client, sub);
      const renamed = { ...sub, name: settings.name };
      await createSubscription(client, renamed);
      ours.set(key(sub.db, sub.rp), renamed);
    } else if (sub.name === settings.name) {
      if (changedOrInvalid(sub, settings)) {
        await dropSubscription(client, sub);
      } else {
        ours.set(key(sub.db, sub.rp), sub);
      }
    }
  }

  for (const [k, sub] of ours) {
    if (!shouldExist(sub.db, sub.rp, settings)) {
      await dropSubscription(client, sub);
      ours.delete(k);
    } else if (settings.protocol === 'udp' && settings.udpPort) {
      // An existing udp subscription (e.g. from before a restart): listen on its port again.
      const port = Number(new URL(sub.destinations[0]!).port);
      try {
        await settings.udpPort(sub.db, sub.rp, port);
      } catch {
        await dropSubscription(client, sub);
        ours.delete(k);
      }
    }
  }

  for (const { db, rp } of wanted) {
    if (!shouldExist(db, rp, settings) || ours.has(key(db, rp))) continue;
    let destination: string;
    if (settings.protocol === 'udp') {
      const port = settings.udpPort ? await settings.udpPort(db, rp, 0) : 0;
      destination = `udp://${hostPort(settings.hostname, port)}`;
    } else {
      let credentials = '';
      if (settings.tokens !== undefined) {
        const token = settings.tokens.store.generate(settings.tokens.cluster);
        await settings.tokens.store.grant(token, db, rp);
        credentials = `${SUBSCRIPTION_TOKEN_USER}:${token}@`;
      }
      destination = `${settings.protocol}://${credentials}${hostPort(settings.hostname, settings.port)}${destinationPath(settings.path)}`;
    }
    const sub = { db, rp, name: settings.name, mode: 'ANY', destinations: [destination] };
    await createSubscription(client, sub);
    settings.onCreated?.(db, rp);
    ours.set(key(db, rp), sub);
  }
  if (settings.tokens !== undefined) {
    const inUse = [...ours.values()].map((sub) => destinationToken(sub.destinations[0])).filter((t): t is string => t !== undefined);
    await settings.tokens.store.revokeExcept(settings.tokens.cluster, inUse);
  }
  return ours.size;
}

/** Drops every subscription named `name`, and revokes the cluster's tokens. */
export async function unlinkSubscriptions(client: InfluxDBClient, name: string, tokens?: SubscriptionSettings['tokens']): Promise<void> {
  for (const sub of await showSubscriptions(client)) {
    if (sub.name === name) await dropSubscription(client, sub);
  }
  if (tokens !== undefined) await tokens.store.revokeExcept(tokens.cluster, []);
}

/** The token in a destination's credentials, if any. */
function destinationToken(destination: string | undefined): string | undefined {
  if (destination === undefined) return undefined;
  try {
    const url = new URL(destination);
    return url.username === SUBSCRIPTION_TOKEN_USER && url.password !== '' ? decodeURIComponent(url.password) : undefined;
  } catch {
    return undefined;
  }
}

/** `/path` for a subscription-path, '' for none. */
function destinationPath(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

export function shouldExist(db: string, rp: string, settings: Pick<SubscriptionSettings, 'include' | 'exclude'>): boolean {
  const included = Object.keys(settings.include).length === 0 || (settings.include[db] ?? []).includes(rp);
  return included && !(settings.exclude[db] ?? []).includes(rp);
}

function changedOrInvalid(sub: ExistingSubscription, settings: SubscriptionSettings): boolean {
  const first = sub.destinations[0];
  if (first === undefined) return true;
  let url: URL;
  try {
    url = new URL(first);
  } catch {
    return true;
  }
  if (url.protocol !== `${settings.protocol}:`) return true;
  if (stripBrackets(url.hostname) !== settings.hostname) return true;
  if (settings.protocol === 'http' || settings.protocol === 'https') {
    const port = url.port === '' ? (settings.protocol === 'https' ? 443 : 80) : Number(url.port);
    if (port !== settings.port) return true;
    if (settings.tokens === undefined) {
      if (url.username !== '') return true;
    } else {
      // A token this server no longer knows (or of another cluster) is replaced.
      const token = destinationToken(first);
      if (token === undefined || settings.tokens.store.lookup(token)?.cluster !== settings.tokens.cluster) return true;
    }
    if (url.pathname.replace(/\/+$/, '') !== destinationPath(settings.path)) return true;
  }
  return false;
}

async function allRetentionPolicies(client: InfluxDBClient): Promise<Array<{ db: string; rp: string }>> {
  const found: Array<{ db: string; rp: string }> = [];
  const databases = firstValues(await client.execute('SHOW DATABASES'));
  for (const row of databases) {
    const db = String(row[0]);
    const rps = firstValues(await client.execute(`SHOW RETENTION POLICIES ON ${quoteIdent(db)}`));
    for (const rpRow of rps) found.push({ db, rp: String(rpRow[0]) });
  }
  return found;
}

async function showSubscriptions(client: InfluxDBClient): Promise<ExistingSubscription[]> {
  const subs: ExistingSubscription[] = [];
  for (const result of await client.execute('SHOW SUBSCRIPTIONS')) {
    for (const series of result.series ?? []) {
      for (const row of series.values ?? []) {
        const sub: ExistingSubscription = { db: series.name ?? '', rp: '', name: '', mode: '', destinations: [] };
        series.columns.forEach((column, i) => {
          const value = row[i];
          if (column === 'retention_policy') sub.rp = String(value);
          else if (column === 'name') sub.name = String(value);
          else if (column === 'mode') sub.mode = String(value);
          else if (column === 'destinations' && Array.isArray(value)) sub.destinations = value.map(String);
        });
        subs.push(sub);
      }
    }
  }
  return subs;
}

async function createSubscription(client: InfluxDBClient, sub: ExistingSubscription): Promise<void> {
  const destinations = sub.destinations.map(quoteString).join(', ');
  const mode = (sub.mode || 'ANY').toUpperCase();
  try {
    await client.execute(`CREATE SUBSCRIPTION ${quoteIdent(sub.name)} ON ${quoteIdent(sub.db)}.${quoteIdent(sub.rp)} DESTINATIONS ${mode} ${destinations}`);
  } catch (error) {
    throw new Error(`creating sub ${sub.name} for db ${JSON.stringify(sub.db)} and rp ${JSON.stringify(sub.rp)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function dropSubscription(client: InfluxDBClient, sub: { name: string; db: string; rp: string }): Promise<void> {
  await client.execute(`DROP SUBSCRIPTION ${quoteIdent(sub.name)} ON ${quoteIdent(sub.db)}.${quoteIdent(sub.rp)}`);
}

function firstValues(results: InfluxResult[]): unknown[][] {
  return results[0]?.series?.[0]?.values ?? [];
}

function key(db: string, rp: string): string {
  return `${db}\u0000${rp}`;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
