// InfluxQL aggregates and selectors over the values of one field, as the InfluxQL reducers that
// Kapacitor 1.5.7 vendors compute them (vendor/github.com/influxdata/influxdb/influxql:
// call_iterator.go, functions.go, functions.gen.go), including their arithmetic order (mean as
// sum/count, stddev over a running mean), their sorting (Go's unstable sort.Sort) and the time
// each result carries (ZERO_TIME: "the window's time"; 0n: the epoch, as sum reports it).
// Pure functions over values; never touches messages.

import type { FieldValue } from '../../models/point.js';
import { goSortArray, heapPops } from './go-sort.js';

export type ValueType = 'float' | 'integer' | 'string' | 'boolean';

export function valueType(value: FieldValue): ValueType {
  switch (typeof value) {
    case 'number':
      return 'float';
    case 'bigint':
      return 'integer';
    case 'string':
      return 'string';
    default:
      return 'boolean';
  }
}

/** One aggregated value: its point's time and the point's index in the batch. */
export interface AggPoint {
  readonly value: FieldValue;
  readonly time: bigint;
  readonly index: number;
}

/** InfluxQL's ZeroTime: the emitter stamps the window's (group's) time instead. */
export const ZERO_TIME = null;

/** One emitted value; `index` names the selected point for selectors and top/bottom. */
export interface Reduced {
  readonly time: bigint | typeof ZERO_TIME;
  readonly value: FieldValue;
  readonly index?: number;
}

const ALL: readonly ValueType[] = ['float', 'integer', 'string', 'boolean'];
const NUMERIC: readonly ValueType[] = ['float', 'integer'];

/** The field types each function has a reducer for (pipeline/influxql.go ReduceCreater). */
export const SUPPORTED: Readonly<Record<string, readonly ValueType[]>> = {
  count: ALL,
  distinct: ALL,
  first: ALL,
  last: ALL,
  sum: NUMERIC,
  mean: NUMERIC,
  median: NUMERIC,
  mode: NUMERIC,
  spread: NUMERIC,
  stddev: NUMERIC,
  min: NUMERIC,
  max: NUMERIC,
  percentile: NUMERIC,
  top: NUMERIC,
  bottom: NUMERIC,
};

function lessValue(a: FieldValue, b: FieldValue): boolean {
  return (a as number | bigint | string) < (b as number | bigint | string);
}

function byValue(a: AggPoint, b: AggPoint): boolean {
  return lessValue(a.value, b.value);
}

// ---- aggregates --------------------------------------------------------------------------

/** Counts below this are shared bigints: a count is kept per group (httpOut, state), often many. */
const SMALL_COUNTS: readonly bigint[] = Array.from({ length: 1024 }, (_, n) => BigInt(n));

/** A count as the integer value it is reported as. */
function countValue(n: number): bigint {
  return n < SMALL_COUNTS.length ? SMALL_COUNTS[n]! : BigInt(n);
}

export function count(points: readonly AggPoint[]): Reduced[] {
  return [{ time: ZERO_TIME, value: countValue(points.length) }];
}

/** FloatSumReduce from an initial point {Time: 0, Value: 0}: the time stays the epoch. */
export function sum(points: readonly AggPoint[], type: ValueType): Reduced[] {
  if (type === 'integer') {
    let total = 0n;
    for (const p of points) total = BigInt.asIntN(64, total + (p.value as bigint));
    return [{ time: 0n, value: total }];
  }
  let total = 0;
  for (const p of points) total += p.value as number;
  return [{ time: 0n, value: total }];
}

/** FloatMeanReducer / IntegerMeanReducer: sum (int64 for integers) divided by the count. */
export function mean(points: readonly AggPoint[], type: ValueType): Reduced[] {
  if (type === 'integer') {
    let total = 0n;
    for (const p of points) total = BigInt.asIntN(64, total + (p.value as bigint));
    return [{ time: ZERO_TIME, value: Number(total) / points.length }];
  }
  let total = 0;
  for (const p of points) total += p.value as number;
  return [{ time: ZERO_TIME, value: total / points.length }];
}

/** A point as floatReduce reads it. */
export interface FieldPoint {
  readonly time: bigint;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/** The functions floatReduce computes. */
export const FLOAT_FAST: ReadonlySet<string> = new Set(['count', 'sum', 'mean', 'min', 'max']);

/**
 * count, sum, mean, min and max of a field that is a float in every point, read straight from
 * the points without a list of values: the same results, in the same arithmetic order, as
 * count/sum/mean/min/max over the collected values. Undefined when there is no point, or a
 * point lacks the field or holds another type: the general path then decides (and reports).
 */
export function floatReduce(kind: string, points: readonly FieldPoint[], field: string): Reduced[] | undefined {
  const n = points.length;
  if (n === 0) return undefined;
  switch (kind) {
    case 'count':
      for (let i = 0; i < n; i++) if (typeof points[i]!.fields[field] !== 'number') return undefined;
      return [{ time: ZERO_TIME, value: countValue(n) }];
    case 'sum':
    case 'mean': {
      let total = 0;
      for (let i = 0; i < n; i++) {
        const value = points[i]!.fields[field];
        if (typeof value !== 'number') return undefined;
        total += value;
      }
      return kind === 'sum' ? [{ time: 0n, value: total }] : [{ time: ZERO_TIME, value: total / n }];
    }
    case 'min':
    case 'max': {
      const first = points[0]!.fields[field];
      if (typeof first !== 'number') return undefined;
      const max = kind === 'max';
      let best = 0;
      let bestValue = first;
      let bestTime = points[0]!.time;
      for (let i = 1; i < n; i++) {
        const value = points[i]!.fields[field];
        if (typeof value !== 'number') return undefined;
        const time = points[i]!.time;
        if ((max ? bestValue < value : value < bestValue) || (value === bestValue && time < bestTime)) {
          best = i;
          bestValue = value;
          bestTime = time;
        }
      }
      return [{ time: bestTime, value: bestValue, index: best }];
    }
    default:
      return undefined;
  }
}

/** FloatMedianReduceSlice / IntegerMedianReduceSlice. */
export function median(points: readonly AggPoint[], type: ValueType): Reduced[] {
  if (points.length === 1) {
    const only = points[0]!;
    // the float reducer returns the point itself (its own time); the integer one a new point
    return type === 'integer' ? [{ time: ZERO_TIME, value: Number(only.value) }] : [{ time: only.time, value: only.value }];
  }
  const sorted = goSortArray(points.slice(), byValue);
  const n = sorted.length;
  if (n % 2 === 0) {
    const lo = sorted[n / 2 - 1]!.value;
    const hi = sorted[n / 2]!.value;
    const value =
      type === 'integer' ? Number(lo) + Number(BigInt.asIntN(64, (hi as bigint) - (lo as bigint))) / 2 : (lo as number) + ((hi as number) - (lo as number)) / 2;
    return [{ time: ZERO_TIME, value }];
  }
  const mid = sorted[Math.trunc(n / 2)]!.value;
  return [{ time: ZERO_TIME, value: type === 'integer' ? Number(mid) : mid }];
}

/** FloatModeReduceSlice: the first value of a run never takes the lead (as in InfluxQL). */
export function mode(points: readonly AggPoint[]): Reduced[] {
  if (points.length === 1) return [{ time: points[0]!.time, value: points[0]!.value }];
  const a = goSortArray(points.slice(), byValue);
  let mostFreq = 0;
  let currFreq = 0;
  let currMode = a[0]!.value;
  let mostMode = a[0]!.value;
  let mostTime = a[0]!.time;
  let currTime = a[0]!.time;
  for (const p of a) {
    if (p.value !== currMode) {
      currFreq = 1;
      currMode = p.value;
      currTime = p.time;
      continue;
    }
    currFreq++;
    if (mostFreq > currFreq || (mostFreq === currFreq && currTime > mostTime)) continue;
    mostFreq = currFreq;
    mostMode = p.value;
    mostTime = p.time;
  }
  return [{ time: ZERO_TIME, value: mostMode }];
}

export function spread(points: readonly AggPoint[], type: ValueType): Reduced[] {
  if (type === 'integer') {
    let min = points[0]!.value as bigint;
    let max = min;
    for (const p of points) {
      const v = p.value as bigint;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return [{ time: ZERO_TIME, value: BigInt.asIntN(64, max - min) }];
  }
  let min = points[0]!.value as number;
  let max = min;
  for (let i = 1; i < points.length; i++) {
    const v = points[i]!.value as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [{ time: ZERO_TIME, value: max - min }];
}

/** FloatStddevReduceSlice: running mean, then the sum of squares; one point gives 0. */
export function stddev(points: readonly AggPoint[]): Reduced[] {
  if (points.length < 2) return [{ time: ZERO_TIME, value: 0 }];
  let m = 0;
  let n = 0;
  for (const p of points) {
    const v = Number(p.value);
    if (Number.isNaN(v)) continue;
    n++;
    m += (v - m) / n;
  }
  let variance = 0;
  for (const p of points) {
    const v = Number(p.value);
    if (Number.isNaN(v)) continue;
    const d = v - m;
    variance += d * d;
  }
  return [{ time: ZERO_TIME, value: Math.sqrt(variance / (n - 1)) }];
}

// ---- selectors ---------------------------------------------------------------------------

/** Whether `curr` beats `prev` at equal times in first()/last() (the larger value; true for booleans). */
function tieBreak(curr: FieldValue, prev: FieldValue): boolean {
  if (typeof curr === 'boolean') return curr && !prev;
  return lessValue(prev, curr);
}

function fold(points: readonly AggPoint[], better: (curr: AggPoint, prev: AggPoint) => boolean): Reduced[] {
  let best = points[0]!;
  for (let i = 1; i < points.length; i++) if (better(points[i]!, best)) best = points[i]!;
  return [{ time: best.time, value: best.value, index: best.index }];
}

export function first(points: readonly AggPoint[]): Reduced[] {
  return fold(
    points,
    (c, p) => c.time < p.time || (c.time === p.time && (typeof c.value === 'boolean' ? !c.value && p.value === true : tieBreak(c.value, p.value))),
  );
}

export function last(points: readonly AggPoint[]): Reduced[] {
  return fold(points, (c, p) => c.time > p.time || (c.time === p.time && tieBreak(c.value, p.value)));
}

export function min(points: readonly AggPoint[]): Reduced[] {
  return fold(points, (c, p) => lessValue(c.value, p.value) || (c.value === p.value && c.time < p.time));
}

export function max(points: readonly AggPoint[]): Reduced[] {
  return fold(points, (c, p) => lessValue(p.value, c.value) || (c.value === p.value && c.time < p.time));
}

/** NewFloatPercentileReduceSliceFunc: nearest rank after sort.Sort by value; nothing out of range. */
export function percentile(points: readonly AggPoint[], type: ValueType, p: number): Reduced[] {
  const length = points.length;
  const i = Math.floor((length * p) / 100 + 0.5) - 1;
  if (i < 0 || i >= length) return [];
  const sorted = goSortArray(points.slice(), byValue);
  const chosen = sorted[i]!;
  return [{ time: type === 'integer' ? ZERO_TIME : chosen.time, value: chosen.value, index: chosen.index }];
}

// ---- batch results -----------------------------------------------------------------------

/** FloatDistinctReducer: the first point of each value, ordered by time, then value. */
export function distinct(points: readonly AggPoint[]): Reduced[] {
  const seen = new Map<FieldValue, AggPoint>();
  for (const p of points) if (!seen.has(p.value)) seen.set(p.value, p);
  const out = [...seen.values()].map((p): Reduced => ({ time: p.time, value: p.value }));
  out.sort((a, b) => {
    if (a.time !== b.time) return a.time! < b.time! ? -1 : 1;
    if (typeof a.value === 'boolean') return a.value === b.value ? 0 : a.value ? 1 : -1;
    return lessValue(a.value, b.value) ? -1 : lessValue(b.value, a.value) ? 1 : 0;
  });
  return out;
}

/**
 * NewFloatTopReduceSliceFunc / NewFloatBottomReduceSliceFunc: with tag keys, the best point of
 * each key combination; the n best by a heap (value, then earlier time), then in time order.
 */
export function topBottom(points: readonly AggPoint[], n: number, top: boolean, keys?: readonly string[]): Reduced[] {
  const better = top
    ? (a: AggPoint, b: AggPoint) => (a.value !== b.value ? lessValue(b.value, a.value) : a.time < b.time)
    : (a: AggPoint, b: AggPoint) => (a.value !== b.value ? lessValue(a.value, b.value) : a.time < b.time);
  let candidates: AggPoint[];
  if (keys !== undefined) {
    const byKey = new Map<string, AggPoint>();
    points.forEach((p, position) => {
      const key = keys[position]!;
      const current = byKey.get(key);
      if (current === undefined || better(p, current)) byKey.set(key, p);
    });
    candidates = [...byKey.values()];
  } else {
    candidates = points.slice();
  }
  const chosen = heapPops(candidates, better, Math.min(n, candidates.length));
  chosen.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return chosen.map((p) => ({ time: p.time, value: p.value, index: p.index }));
}
