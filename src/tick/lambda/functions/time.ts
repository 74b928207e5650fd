// Time functions on the "time" reference and now(): calendar fields in the server's local
// time zone (as Kapacitor, which evaluates time.Time.Local()) and unixNano.

import { T_INT, T_TIME, TimeValue, type LambdaValue } from '../types.js';
import type { FunctionDef } from './registry.js';

const NS_PER_MS = 1_000_000n;

function localDate(value: LambdaValue): Date {
  const ns = (value as TimeValue).ns;
  const ms = ns / NS_PER_MS - (ns % NS_PER_MS < 0n ? 1n : 0n);
  return new Date(Number(ms));
}

function timePart(name: string, part: (date: Date) => number): FunctionDef {
  return { name, signatures: [[[T_TIME], T_INT]], call: (args) => BigInt(part(localDate(args[0]!))) };
}

export const timeFunctions: FunctionDef[] = [
  { name: 'unixNano', signatures: [[[T_TIME], T_INT]], call: (args) => (args[0] as TimeValue).ns },
  timePart('minute', (date) => date.getMinutes()),
  timePart('hour', (date) => date.getHours()),
  timePart('weekday', (date) => date.getDay()),
  timePart('day', (date) => date.getDate()),
  timePart('month', (date) => date.getMonth() + 1),
  timePart('year', (date) => date.getFullYear()),
  { name: 'now', signatures: [[[], T_TIME]], call: () => new TimeValue(BigInt(Date.now()) * NS_PER_MS) },
];
