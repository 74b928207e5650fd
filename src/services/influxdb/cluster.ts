// One configured InfluxDB cluster: its client, and the subscription upkeep (link at open,
// again every subscriptions-sync-interval). InfluxDB down at open: retried with backoff until
// startup-timeout, then one clear error; down later: logged, counted, retried at the next
// sync. Never throws out of a timer.

import type { Logger } from 'pino';
import type { InfluxDBConfig } from '../../config/sections.js';
import type { Point } from '../../models/point.js';
import { InfluxDBClient } from '../../influxql/client.js';
import { linkSubscriptions, SUBSCRIPTION_PREFIX, unlinkSubscriptions, type SubscriptionSettings, type SubscriptionTokens } from './subscriptions.js';
import { UdpSubscriptionListener } from './udp-listener.js';

export interface ClusterIdentity {
  hostname: string;
  httpPort: number;
  clusterId: string;
  serverId: string;
  /** [http] shared-secret, for http-shared-secret clusters. */
  sharedSecret?: string;
  /** Set when [http] auth-enabled: http(s) subscriptions then carry tokens from here. */
  subscriptionTokens?: SubscriptionTokens;
}

export interface ClusterStats {
  subscriptions: number;
  linkErrors: number;
  /** Last subscription linking error, '' after a success. */
  lastError: string;
}

export class InfluxDBCluster {
  readonly client: InfluxDBClient;
  readonly stats: ClusterStats = { subscriptions: 0, linkErrors: 0, lastError: '' };
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private linking: Promise<void> | undefined;
  private readonly closing = new AbortController();
  private linkChain: Promise<void> = Promise.resolve();
  private readonly udpListeners = new Map<string, { listener: UdpSubscriptionListener; port: number }>();

  constructor(
    readonly config: InfluxDBConfig,
    private readonly identity: ClusterIdentity,
    private readonly logger: Logger,
    private readonly writePoints?: (points: Point[]) => void,
  ) {
    this.client = new InfluxDBClient({
      urls: config.urls,
      username: config.username,
      password: config.password,
      timeoutMs: config.timeout,
      sslCa: config.sslCa,
      sslCert: config.sslCert,
      sslKey: config.sslKey,
      insecureSkipVerify: config.insecureSkipVerify,
      token: config.token,
      sharedSecret: config.httpSharedSecret ? (identity.sharedSecret ?? '') : undefined,
      compression: config.compression,
    });
    if (config.insecureSkipVerify) {
      logger.warn({ urls: config.urls }, 'Using InsecureSkipVerify when connecting to InfluxDB. This is insecure!');
    }
  }

  get name(): string {
    return this.config.name;
  }

  private linkedOnce = false;

  get subscriptionName(): string {
    return SUBSCRIPTION_PREFIX + (this.config.subscriptionMode === 'server' ? this.identity.serverId : this.identity.clusterId);
  }

  /** Starts subscription upkeep; the first link waits for InfluxDB up to startup-timeout. */
  open(): Promise<void> {
    if (this.config.disableSubscriptions) return Promise.resolve();
    if (this.linking !== undefined) return this.linking;
    this.linking = this.linkAtStartup();
    if (this.config.subscriptionsSyncInterval > 0) {
      this.timer = setInterval(() => void this.sync(), this.config.subscriptionsSyncInterval);
      this.timer.unref();
    }
    return this.linking;
  }

  /** Links subscriptions now; errors are logged, counted and returned. */
  async sync(): Promise<Error | undefined> {
    if (this.closed || this.config.disableSubscriptions) return undefined;
    try {
      await this.client.ping();
      await this.link();
      return undefined;
    } catch (error) {
      this.recordError(error as Error, 'failed to link subscriptions for cluster');
      return error as Error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.linking?.catch(() => undefined);
    for (const { listener } of this.udpListeners.values()) listener.close();
    this.udpListeners.clear();
    await this.client.close();
  }

  /** Drops our subscriptions from the cluster (used when a cluster is removed). */
  async unlink(): Promise<void> {
    await unlinkSubscriptions(this.client, this.subscriptionName, this.tokens());
    this.stats.subscriptions = 0;
  }

  private async linkAtStartup(): Promise<void> {
    const deadline = Date.now() + this.config.startupTimeout;
    let delay = 500;
    for (;;) {
      if (this.closed) return;
      try {
        await this.client.ping();
        break;
      } catch (error) {
        if (Date.now() + delay > deadline) {
          this.recordError(
            new Error(
              `failed to connect to InfluxDB cluster ${this.name} (${this.config.urls.join(', ')}) within startup-timeout: ${(error as Error).message}`,
            ),
            'failed to link subscription on startup; will retry every subscriptions-sync-interval',
          );
          return;
        }
        this.logger.debug({ cluster: this.name, err: (error as Error).message }, 'failed to connect to InfluxDB, retrying...');
        await sleep(delay, this.closing.signal);
        delay = Math.min(delay * 1.5, 10_000);
      }
    }
    try {
      await this.link();
    } catch (error) {
      this.recordError(error as Error, 'failed to link subscription on startup');
    }
  }

  /** Token settings when subscriptions carry tokens: authentication on, http or https (as Kapacitor). */
  private tokens(): SubscriptionSettings['tokens'] {
    const store = this.identity.subscriptionTokens;
    const protocol = this.config.subscriptionProtocol;
    return store !== undefined && (protocol === 'http' || protocol === 'https') ? { cluster: this.name, store } : undefined;
  }

  /** Links subscriptions, one linking at a time (timer, startup and API calls may overlap). */
  private link(): Promise<void> {
    const run = this.linkChain.then(() => this.linkOnce());
    this.linkChain = run.catch(() => undefined);
    return run;
  }

  private async linkOnce(): Promise<void> {
    const settings: SubscriptionSettings = {
      name: this.subscriptionName,
      clusterId: this.identity.clusterId,
      protocol: this.config.subscriptionProtocol,
      hostname: this.config.kapacitorHostname || this.identity.hostname,
      port: this.config.httpPort || this.identity.httpPort,
      path: this.config.subscriptionPath,
      include: this.config.subscriptions,
      exclude: this.config.excludedSubscriptions,
      udpPort: (db, rp, port) => this.udpPort(db, rp, port),
      onCreated: () => {
        created++;
      },
      tokens: this.tokens(),
    };
    let created = 0;
    this.stats.subscriptions = await linkSubscriptions(this.client, settings);
    this.stats.lastError = '';
    const fields = { cluster: this.name, subscriptions: this.stats.subscriptions, created, reused: this.stats.subscriptions - created };
    // The first link is part of the start-up summary; later ones only when something changed.
    if (!this.linkedOnce || created > 0) this.logger.info(fields, 'linked subscriptions');
    else this.logger.debug(fields, 'linked subscriptions');
    this.linkedOnce = true;
  }

  private async udpPort(db: string, rp: string, wanted: number): Promise<number> {
    const key = `${db}\u0000${rp}`;
    const existing = this.udpListeners.get(key);
    if (existing !== undefined && (wanted === 0 || existing.port === wanted)) return existing.port;
    if (existing !== undefined) {
      existing.listener.close();
      this.udpListeners.delete(key);
    }
    if (this.writePoints === undefined) return 0;
    const listener = new UdpSubscriptionListener(db, rp, this.writePoints, this.logger, this.config.udpReadBuffer);
    const port = await listener.open(this.config.udpBind, wanted);
    this.udpListeners.set(key, { listener, port });
    return port;
  }

  private recordError(error: Error, message: string): void {
    this.stats.linkErrors++;
    this.stats.lastError = error.message;
    this.logger.error({ cluster: this.name, err: error.message }, message);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
