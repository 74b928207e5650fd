// Splits an [http] bind-address ("host:port", ":9092", "[::1]:9092") into host and port as Go's
// net.SplitHostPort does. An empty host stays empty; the caller picks the interface.

import { ConfigError } from './errors.js';

export interface BindAddress {
  host: string;
  port: number;
}

export function parseBindAddress(address: string): BindAddress {
  const bad = (why: string) => new ConfigError(`[http] bind-address: ${why} in ${JSON.stringify(address)}`);
  let host: string;
  let portText: string;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close === -1) throw bad("missing ']'");
    if (address[close + 1] !== ':') throw bad('missing port');
    host = address.slice(1, close);
    portText = address.slice(close + 2);
  } else {
    const colon = address.lastIndexOf(':');
    if (colon === -1) throw bad('missing port');
    host = address.slice(0, colon);
    if (host.includes(':')) throw bad('too many colons');
    portText = address.slice(colon + 1);
  }
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw bad(`invalid port ${JSON.stringify(portText)}`);
  return { host, port: Number(portText) };
}

/** The host to listen on: an empty host (":9092") means every interface, as in Kapacitor. */
export function listenHost(bind: BindAddress): string {
  return bind.host === '' ? '0.0.0.0' : bind.host;
}
