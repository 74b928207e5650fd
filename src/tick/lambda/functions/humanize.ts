// humanBytes(): go-humanize's Bytes, SI units (1000-based) with Go's %.0f / %.1f rounding.

import { T_FLOAT, T_INT, T_STRING, type LambdaValue } from '../types.js';
import type { FunctionDef } from './registry.js';

const SIZES = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Go's %.0f: round half to even on the exact binary value. */
function formatNoDecimals(value: number): string {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
  return value.toFixed(0);
}

/** uint64(x) of the argument, as a float for the size computation. */
function asUnsigned(value: LambdaValue): number {
  if (typeof value === 'bigint') return Number(BigInt.asUintN(64, value));
  const number = value as number;
  return Number.isFinite(number) && number > 0 ? Math.trunc(number) : 0;
}

export function humanBytes(value: LambdaValue): string {
  const size = asUnsigned(value);
  if (size < 10) return `${size} B`;
  const exponent = Math.floor(Math.log(size) / Math.log(1000));
  const suffix = SIZES[exponent]!;
  const scaled = Math.floor((size / Math.pow(1000, exponent)) * 10 + 0.5) / 10;
  return scaled < 10 ? `${scaled.toFixed(1)} ${suffix}` : `${formatNoDecimals(scaled)} ${suffix}`;
}

export const humanizeFunctions: FunctionDef[] = [
  {
    name: 'humanBytes',
    signatures: [
      [[T_FLOAT], T_STRING],
      [[T_INT], T_STRING],
    ],
    call: (args) => humanBytes(args[0]!),
  },
];
