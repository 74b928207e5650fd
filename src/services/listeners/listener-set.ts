// The enabled input listeners of a configuration, opened together and closed together. A
// listener that cannot be built or bound fails the start with its section named, as Kapacitor
// refuses to start when one of its services cannot open.

import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { BoundAddress, Listener, ListenerStatistic, PointSink } from './listener.js';
import { CollectdListener } from './collectd/collectd-listener.js';
import { GraphiteListener } from './graphite/graphite-listener.js';
import { OpentsdbListener } from './opentsdb/opentsdb-listener.js';
import { UdpListener } from './udp/udp-listener.js';

type ListenerConfig = Pick<Config, 'udp' | 'graphite' | 'opentsdb' | 'collectd'>;

export class ListenerSet {
  private constructor(private readonly listeners: Listener[]) {}

  /** Builds and opens every enabled listener; on failure closes those already open and throws. */
  static async open(config: Partial<ListenerConfig>, sink: PointSink, logger: Logger): Promise<ListenerSet> {
    const listeners: Listener[] = [];
    for (const udp of config.udp ?? []) {
      if (udp.enabled) listeners.push(new UdpListener(udp, sink, logger.child({ service: 'udp' })));
    }
    for (const graphite of config.graphite ?? []) {
      if (graphite.enabled) listeners.push(new GraphiteListener(graphite, sink, logger.child({ service: 'graphite' })));
    }
    if (config.opentsdb?.enabled) listeners.push(new OpentsdbListener(config.opentsdb, sink, logger.child({ service: 'opentsdb' })));
    if (config.collectd?.enabled) listeners.push(new CollectdListener(config.collectd, sink, logger.child({ service: 'collectd' })));
    const opened: Listener[] = [];
    try {
      for (const listener of listeners) {
        await listener.open();
        opened.push(listener);
      }
    } catch (error) {
      for (const listener of opened) await listener.close();
      throw error;
    }
    return new ListenerSet(opened);
  }

  async close(): Promise<void> {
    for (const listener of this.listeners) await listener.close();
  }

  /** The bound addresses of the listeners of one kind, in configuration order. */
  addresses(kind: string): BoundAddress[] {
    return this.listeners.filter((listener) => listener.kind === kind).map((listener) => listener.address());
  }

  /** The /debug/vars entries of every listener, keyed "name:tag=value,...". */
  statistics(): Record<string, ListenerStatistic> {
    const out: Record<string, ListenerStatistic> = {};
    for (const listener of this.listeners) {
      const stat = listener.statistics();
      const key = Object.keys(stat.tags)
        .sort()
        .map((tag) => `${tag}=${stat.tags[tag]}`)
        .join(',');
      out[`${stat.name}:${key}`] = stat;
    }
    return out;
  }
}
