// The InfluxDB service: every enabled [[influxdb]] cluster, which one is the default, clients
// for batch queries, recordings and influxDBOut, and subscription counts for debug vars.
// Opening never blocks the server: subscription linking runs in the background.

import type { Logger } from 'pino';
import type { InfluxDBConfig } from '../../config/sections.js';
import type { Point } from '../../models/point.js';
import type { InfluxDBClient } from '../../influxql/client.js';
import { InfluxDBCluster, type ClusterIdentity } from './cluster.js';

export class InfluxDBService {
  private readonly clusters = new Map<string, InfluxDBCluster>();
  /** Changes only through reconfigure. */
  defaultCluster: string;

  constructor(
    configs: InfluxDBConfig[],
    private readonly identity: ClusterIdentity,
    private readonly logger: Logger,
    private readonly writePoints?: (points: Point[]) => void,
  ) {
    const enabled = configs.filter((c) => c.enabled);
    let defaultName = '';
    for (const config of enabled) {
      if (this.clusters.has(config.name)) throw new Error(`duplicate name ${JSON.stringify(config.name)} in [[influxdb]] configs`);
      this.clusters.set(config.name, new InfluxDBCluster(config, identity, logger, writePoints));
      if (config.default) {
        if (defaultName !== '') throw new Error('more than one InfluxDB default was specified');
        defaultName = config.name;
      }
    }
    if (enabled.length === 1) defaultName = enabled[0]!.name;
    if (enabled.length > 0 && defaultName === '') throw new Error('no default cluster found');
    this.defaultCluster = defaultName;
  }

  /** Replaces every cluster with a new [[influxdb]] configuration (config API overrides);
   * a configuration that does not validate throws and leaves the running clusters alone. */
  async reconfigure(configs: InfluxDBConfig[]): Promise<void> {
    const next = new InfluxDBService(configs, this.identity, this.logger, this.writePoints);
    await this.close();
    for (const [name, cluster] of next.clusters) this.clusters.set(name, cluster);
    this.defaultCluster = next.defaultCluster;
    this.open();
  }

  /** Starts subscription upkeep on every cluster, in the background. */
  open(): void {
    for (const cluster of this.clusters.values()) void cluster.open();
  }

  /** The client of a cluster by name; '' is the default cluster. */
  client(name = ''): InfluxDBClient {
    return this.cluster(name).client;
  }

  cluster(name = ''): InfluxDBCluster {
    const wanted = name === '' ? this.defaultCluster : name;
    const cluster = this.clusters.get(wanted);
    if (cluster === undefined) {
      if (this.clusters.size === 0) throw new Error('InfluxDB not configured');
      throw new Error(`no such InfluxDB config ${wanted}`);
    }
    return cluster;
  }

  hasClusters(): boolean {
    return this.clusters.size > 0;
  }

  /** Relinks every cluster's subscriptions now; resolves with the first error. */
  async linkSubscriptions(): Promise<Error | undefined> {
    let first: Error | undefined;
    for (const cluster of this.clusters.values()) {
      const error = await cluster.sync();
      if (error && !first) first = new Error(`linking cluster ${cluster.name}: ${error.message}`);
    }
    return first;
  }

  numSubscriptions(): number {
    let total = 0;
    for (const cluster of this.clusters.values()) total += cluster.stats.subscriptions;
    return total;
  }

  /** Per-cluster statistics for /debug/vars (Kapacitor's statistics map shape). */
  statistics(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const cluster of this.clusters.values()) {
      out[`influxdb:cluster=${cluster.name}`] = {
        name: 'influxdb',
        tags: { cluster: cluster.name },
        values: { num_subscriptions: cluster.stats.subscriptions, link_errors: cluster.stats.linkErrors },
      };
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clusters.values()].map((c) => c.close()));
    this.clusters.clear();
    this.logger.debug('InfluxDB service closed');
  }
}
