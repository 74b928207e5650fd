// What every input listener ([[udp]], [[graphite]], [opentsdb], [collectd]) shares: the sink
// its points go to (the server's write path, the one HTTP /write uses), the bound address it
// reports (port 0 binds a free port), and its statistics as /debug/vars lists them.
// Holds types and the address helper only; never opens a socket itself.

import type { Point } from '../../models/point.js';

/** The server's write path: routes points to the tasks, counts ingress, feeds recordings. */
export type PointSink = (points: Point[]) => void | Promise<void>;

export interface BoundAddress {
  host: string;
  port: number;
}

/** One /debug/vars statistic. */
export interface ListenerStatistic {
  name: string;
  tags: Record<string, string>;
  values: Record<string, number>;
}

export interface Listener {
  /** The section kind: udp, graphite, opentsdb, collectd. */
  readonly kind: string;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Where it listens, once open (the real port when bound to port 0). */
  address(): BoundAddress;
  statistics(): ListenerStatistic;
}

/**
 * Splits "host:port", ":port" or "[v6]:port" as Go's net.SplitHostPort; an empty host means
 * every interface (undefined for Node's bind calls). Throws an Error naming the address.
 */
export function splitBindAddress(section: string, address: string): { host: string | undefined; port: number } {
  const match = /^(?:\[([^\]]*)\]|([^:]*)):(\d+)$/.exec(address);
  if (match === null || Number(match[3]) > 65535) throw new Error(`${section} bind-address: invalid address ${JSON.stringify(address)}`);
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? undefined : host, port: Number(match[3]) };
}

/** The socket family for a host: udp6 for IPv6 literals, udp4 otherwise. */
export function udpFamily(host: string | undefined): 'udp4' | 'udp6' {
  return host !== undefined && host.includes(':') ? 'udp6' : 'udp4';
}
