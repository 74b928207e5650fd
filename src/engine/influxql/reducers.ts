// InfluxQL aggregates and selectors over the values of one field in a batch, with InfluxQL's
// type rules: integers (bigint) stay integers where InfluxQL keeps them (sum, spread, selectors),
// mean/median/stddev give floats, booleans and strings only where InfluxQL allows them.

import type { FieldValue } from '../../models/point.js';

export type ValueType = 'float' | 'integer' | 'string' | 'boolean';

export function valueType(value: FieldValue): ValueType {
  switch (typeof value) {
    case 'number': return 'float';
    case 'bigint': return 'integer';
    case 'string': return 'string';
    default: return 'boolean';
  }
}

/** Values of one field with their positions in the batch. */
export interface Column {
  readonly type: ValueType;
  readonly values: FieldValue[];
  readonly times: bigint[];
  /** Index of each value's point in the batch. */
  readonly index: number[];
}

function num(value: FieldValue): number {
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

function less(a: FieldValue, b: FieldValue): boolean {
  return (a as number | bigint) < (b as number | bigint);
}

function unsupported(fn: string, type: ValueType): Error {
  return new Error(`unsupported ${fn} iterator type: ${type}`);
}

function numeric(fn: string, column: Column): void {
  if (column.type !== 'float' && column.type !== 'integer') throw unsupported(fn, column.type);
}

// ---- aggregates: one value ---------------------------------------------------------------

export function count(column: Column): FieldValue {
  return BigInt(column.values.length);
}

export function sum(column: Column): FieldValue {
  numeric('sum', column);
  if (column.type === 'integer') {
    let total = 0n;
    for (const v of column.values) total += v as bigint;
    return BigInt.asIntN(64, total);
  }
  let total = 0;
  for (const v of column.values) total += v as number;
  return total;
}

export function mean(column: Column): FieldValue {
  numeric('mean', column);
  // InfluxQL's running mean: mean += (v - mean) / count
  let m = 0;
  let n = 0;
  for (const v of column.values) { n++; m += (num(v) - m) / n; }
  return m;
}

function sortedNumbers(column: Column): FieldValue[] {
  return column.values.slice().sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

export function median(column: Column): FieldValue {
  numeric('median', column);
  const sorted = sortedNumbers(column);
  const n = sorted.length;
  if (n % 2 === 1) return column.type === 'integer' ? Number(sorted[(n - 1) / 2]) : sorted[(n - 1) / 2]!;
  const a = num(sorted[n / 2 - 1]!);
  const b = num(sorted[n / 2]!);
  return a + (b - a) / 2;
}

export function mode(column: Column): FieldValue {
  if (column.type === 'float' || column.type === 'integer') {
    const sorted = sortedNumbers(column);
    let best = sorted[0]!;
    let bestCount = 0;
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      if (j - i > bestCount) { bestCount = j - i; best = sorted[i]!; }
      i = j;
    }
    return best;
  }
  const counts = new Map<FieldValue, number>();
  let best = column.values[0]!;
  let bestCount = 0;
  for (const v of column.values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && String(v) < String(best))) { best = v; bestCount = c; }
  }
  return best;
}

export function spread(column: Column): FieldValue {
  numeric('spread', column);
  let min = column.values[0]!;
  let max = min;
  for (const v of column.values) { if (less(v, min)) min = v; if (less(max, v)) max = v; }
  return column.type === 'integer' ? (max as bigint) - (min as bigint) : (max as number) - (min as number);
}

export function stddev(column: Column): FieldValue {
  numeric('stddev', column);
  const n = column.values.length;
  if (n < 2) return Number.NaN;
  let m = 0;
  for (const v of column.values) m += num(v);
  m /= n;
  let variance = 0;
  for (const v of column.values) { const d = num(v) - m; variance += d * d; }
  return Math.sqrt(variance / (n - 1));
}

// ---- selectors: the index (in the column) of the chosen value --------------------------------

export function first(column: Column): number {
  let best = 0;
  for (let i = 1; i < column.values.length; i++) if (column.times[i]! < column.times[best]!) best = i;
  return best;
}

export function last(column: Column): number {
  let best = 0;
  for (let i = 1; i < column.values.length; i++) if (column.times[i]! >= column.times[best]!) best = i;
  return best;
}

export function min(column: Column): number {
  numeric('min', column);
  let best = 0;
  for (let i = 1; i < column.values.length; i++) {
    const v = column.values[i]!;
    const b = column.values[best]!;
    if (less(v, b) || (v === b && column.times[i]! < column.times[best]!)) best = i;
  }
  return best;
}

export function max(column: Column): number {
  numeric('max', column);
  let best = 0;
  for (let i = 1; i < column.values.length; i++) {
    const v = column.values[i]!;
    const b = column.values[best]!;
    if (less(b, v) || (v === b && column.times[i]! < column.times[best]!)) best = i;
  }
  return best;
}

/** Nearest-rank percentile, as InfluxQL computes it; -1 when out of range. */
export function percentile(column: Column, p: number): number {
  numeric('percentile', column);
  const order = column.values.map((_, i) => i).sort((a, b) => {
    const va = column.values[a]!;
    const vb = column.values[b]!;
    return less(va, vb) ? -1 : less(vb, va) ? 1 : (column.times[a]! < column.times[b]! ? -1 : 1);
  });
  const i = Math.floor(order.length * p / 100 + 0.5) - 1;
  if (i < 0 || i >= order.length) return -1;
  return order[i]!;
}

// ---- batch results ----------------------------------------------------------------------------

/** Distinct values in first-seen order, as indexes into the column. */
export function distinct(column: Column): number[] {
  const seen = new Set<FieldValue>();
  const out: number[] = [];
  column.values.forEach((v, i) => { if (!seen.has(v)) { seen.add(v); out.push(i); } });
  return out;
}

/** top/bottom: indexes of the n largest (smallest) values, ties to the earlier point. */
export function topBottom(column: Column, n: number, top: boolean, keys?: string[]): number[] {
  numeric(top ? 'top' : 'bottom', column);
  const better = (a: number, b: number): boolean => {
    const va = column.values[a]!;
    const vb = column.values[b]!;
    if (va === vb) return column.times[a]! < column.times[b]!;
    return top ? less(vb, va) : less(va, vb);
  };
  let candidates = column.values.map((_, i) => i);
  if (keys !== undefined) {
    // one candidate per distinct key (tag combination): its best value
    const bestByKey = new Map<string, number>();
    candidates.forEach((i, position) => {
      const key = keys[position]!;
      const current = bestByKey.get(key);
      if (current === undefined || better(i, current)) bestByKey.set(key, i);
    });
    candidates = [...bestByKey.values()];
  }
  candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return candidates.slice(0, n);
}
