// A bound address as Go's net.Addr prints it ("127.0.0.1:9092", "[::]:9092"), the form
// Kapacitor's logs show. Formatting only; never resolves or binds anything.

import type { AddressInfo } from 'node:net';

/** Go's net.JoinHostPort: an IPv6 host goes in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A listening server's address (`server.address()`) as text; a pipe path as it is. */
export function addressText(address: AddressInfo | string | null | undefined): string {
  if (address === null || address === undefined) return '';
  return typeof address === 'string' ? address : joinHostPort(address.address, address.port);
}
