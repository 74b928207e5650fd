// Time as every layer carries it: epoch nanoseconds in a bigint, exact past 2^53 (a float64
// of epoch ns is not: it loses the last digits of today's times). Conversions to and from
// RFC3339 (Go's RFC3339Nano: trailing zeros of the fraction dropped) live here, nowhere else.
// bench/time.bench.ts measures the representation against a number-pair alternative.

import type { TimeNs } from './point.js';

export const NS_PER_MS = 1_000_000n;
export const NS_PER_SECOND = 1_000_000_000n;

export function nowNs(): TimeNs {
  return BigInt(Date.now()) * NS_PER_MS;
}

/** Go's time.Format(time.RFC3339Nano) of an epoch-ns time, in UTC. */
export function formatRFC3339Nano(time: TimeNs): string {
  let seconds = time / NS_PER_SECOND;
  let nanos = time % NS_PER_SECOND;
  if (nanos < 0n) {
    nanos += NS_PER_SECOND;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const base = iso.slice(0, 19);
  if (nanos === 0n) return `${base}Z`;
  const fraction = nanos.toString().padStart(9, '0').replace(/0+$/, '');
  return `${base}.${fraction}Z`;
}

/** Parses an RFC3339 time (any fraction length, Z or ±hh:mm offset); undefined when invalid. */
export function parseRFC3339(text: string): TimeNs | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  date.setUTCFullYear(Number(y)); // Date.UTC reads years 0-99 as 1900-1999
  const ms = date.getTime();
  if (Number.isNaN(ms)) return undefined;
  let time = BigInt(ms) * NS_PER_MS + BigInt((fraction ?? '').padEnd(9, '0') || '0');
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone!.startsWith('-') ? -1n : 1n;
    const offsetMinutes = BigInt(Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
    time -= sign * offsetMinutes * 60n * NS_PER_SECOND;
  }
  return time;
}

/** Epoch milliseconds (a JS Date's unit), truncated toward negative infinity. */
export function toMillis(time: TimeNs): number {
  let ms = time / NS_PER_MS;
  if (time < 0n && time % NS_PER_MS !== 0n) ms -= 1n;
  return Number(ms);
}
