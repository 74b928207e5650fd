// A group's buffered points, stored compactly: times in one array, and, while every point has
// the same float fields in the same order (the usual stream), their values side by side in one
// array of doubles, so a buffered point costs a few words instead of a point object, a fields
// object and a boxed number per field. A point with other keys or a non-float value turns the
// buffer into plain fields objects until it is empty again. Tags are kept per point only once
// they differ from the first point's. Batch points are made only when a batch is emitted.
// A buffer emptied whole (a window emitted) sizes its next arrays for as many points as it
// held, and keeps arrays so sized while the windows stay about that size: the steady state
// allocates no arrays and carries no growth slack (V8 grows a pushed array by half again plus
// 16 slots: 10 times and 20 values took 17 and 41).
// Must never change the points it hands out afterwards, nor their fields' key order.

import { canCompileFields, hasFieldKeys } from '../models/fields-builder.js';
import type { Fields, Tags, TimeNs } from '../models/point.js';
import type { BatchPoint } from './messages.js';

const EMPTY_KEYS: readonly string[] = Object.freeze([]);
/** Above this many points a buffer grows as arrays do (the slack is small next to the data). */
const MAX_PRESIZED_POINTS = 4096;

/**
 * The float-field layout a point fits: its keys in order when every value is a number, else
 * undefined. `hint` (a layout seen before) is returned when the keys match (the values are
 * checked as they are copied), so windows of one node share one key array.
 */
function layoutOf(fields: Fields, hint: readonly string[] | undefined): readonly string[] | undefined {
  if (hint !== undefined && hasFieldKeys(fields, hint)) return hint;
  const keys: string[] = [];
  for (const key in fields) {
    // (a `__proto__` field could not be set back by assignment)
    if (typeof fields[key] !== 'number' || key === '__proto__') return undefined;
    keys.push(key);
  }
  return keys.length === 0 ? undefined : keys;
}

/** Copies a point's values of a layout into `values` at `offset`; false (stopping) at a value that is not a number. */
type ValueCopier = (fields: Fields, values: number[], offset: number) => boolean;

/** One compiled copier per layout: it reads each key by name, so floats are copied without boxing. */
const valueCopiers = new WeakMap<readonly string[], ValueCopier>();

function valueCopier(keys: readonly string[]): ValueCopier {
  let copier = valueCopiers.get(keys);
  if (copier === undefined) {
    if (!canCompileFields(keys)) {
      copier = (fields, values, offset) => {
        for (let k = 0; k < keys.length; k++) {
          const value = fields[keys[k]!];
          if (typeof value !== 'number') return false;
          values[offset + k] = value;
        }
        return true;
      };
    } else {
      const body = keys
        .map((key, k) => `const v${k} = f[${JSON.stringify(key)}]; if (typeof v${k} !== 'number') return false; v[o + ${k}] = v${k};`)
        .join('\n');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- reading fields by constant names keeps floats unboxed
      copier = new Function('f', 'v', 'o', `${body}\nreturn true;`) as ValueCopier;
    }
    valueCopiers.set(keys, copier);
  }
  return copier;
}

type RowBuilder = (values: readonly number[], offset: number) => Fields;

/** One compiled object builder per layout (layouts are shared arrays, so few are made). */
const rowBuilders = new WeakMap<readonly string[], RowBuilder | undefined>();

/**
 * `{"k0": v[o], "k1": v[o + 1], ...}` for a layout: one literal makes the fields object in one
 * hidden class. Keys are written as JSON string literals, so any text is safe (layouts never
 * hold `__proto__`). Wide layouts get none (undefined: assigned one by one).
 */
function rowBuilder(keys: readonly string[]): RowBuilder | undefined {
  if (rowBuilders.has(keys)) return rowBuilders.get(keys);
  const builder = canCompileFields(keys)
    ? // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a generated literal builder keeps field objects monomorphic
      (new Function('v', 'o', `return {${keys.map((key, k) => `${JSON.stringify(key)}: v[o + ${k}]`).join(', ')}};`) as RowBuilder)
    : undefined;
  rowBuilders.set(keys, builder);
  return builder;
}

export class PointBuffer {
  /** Points held; the arrays below may be longer (presized), never shorter. */
  private held = 0;
  /** Points held when the buffer was last emptied whole: the size of the next arrays. */
  private expected = 0;
  /** Points the arrays were allocated for, while they have not grown past it (0: not presized). */
  private sized = 0;
  private times: TimeNs[] = [];
  /** Compact mode: the shared float-field keys and the values, keys.length per point. */
  private keys: readonly string[] = EMPTY_KEYS;
  private copy: ValueCopier | undefined;
  private values: number[] = [];
  /** Plain mode (set once a point did not fit the layout): one fields object per point. */
  private rows: Fields[] | undefined;
  /** The first point's tags, and per-point tags once one differs. */
  private firstTags: Readonly<Tags> | undefined;
  private pointTags: Array<Readonly<Tags>> | undefined;

  get length(): number {
    return this.held;
  }

  /** The time of the i-th buffered point (arrival order). */
  timeAt(i: number): TimeNs {
    return this.times[i]!;
  }

  /** Appends a point; `hint` is a layout to share (see layoutOf). */
  push(time: TimeNs, fields: Fields, tags: Readonly<Tags>, hint?: readonly string[]): void {
    const n = this.held;
    if (n === 0) {
      this.firstTags = tags;
      this.pointTags = undefined;
      this.rows = undefined;
      this.keys = layoutOf(fields, hint) ?? EMPTY_KEYS;
      this.copy = this.keys.length > 0 ? valueCopier(this.keys) : undefined;
      // Arrays presized for about as many points are written over (points() copied what it
      // handed out); others are replaced by arrays of exactly the size expected.
      const expected = this.expected;
      const width = this.keys.length;
      const sized = this.sized;
      if (expected === 0) {
        this.times = [];
        this.values = [];
        this.sized = 0;
      } else if (sized < expected || sized > expected + (expected >> 3) + 1 || this.values.length !== sized * width) {
        this.times = new Array<TimeNs>(expected);
        this.values = width > 0 ? new Array<number>(expected * width) : [];
        this.sized = expected;
      }
      if (this.keys.length === 0) this.rows = [];
    } else if (this.pointTags !== undefined) {
      this.pointTags.push(tags);
    } else if (tags !== this.firstTags) {
      const all = new Array<Readonly<Tags>>(n);
      for (let i = 0; i < n; i++) all[i] = this.firstTags!;
      all.push(tags);
      this.pointTags = all;
    }
    this.times[n] = time;
    this.held = n + 1;
    // past its presized length an array grows with slack: replaced after this window
    if (n >= this.sized) this.sized = 0;
    if (this.rows === undefined && hasFieldKeys(fields, this.keys) && this.copy!(fields, this.values, n * this.keys.length)) return;
    if (this.rows === undefined) this.toRows(n);
    this.rows!.push(fields);
  }

  /** The layout the buffer stores compactly (for sharing with other buffers), if any. */
  get layout(): readonly string[] | undefined {
    return this.rows === undefined && this.keys.length > 0 ? this.keys : undefined;
  }

  /** Drops the first `count` points. */
  dropFirst(count: number): void {
    if (count <= 0) return;
    const n = this.held;
    if (count >= n) {
      this.clear();
      return;
    }
    this.sized = 0;
    this.times = this.times.slice(count, n);
    if (this.rows !== undefined) this.rows = this.rows.slice(count);
    else this.values = this.values.slice(count * this.keys.length, n * this.keys.length);
    this.held = n - count;
    if (this.pointTags !== undefined) {
      this.pointTags = this.pointTags.slice(count);
      this.firstTags = this.pointTags[0];
    }
  }

  /** Empties the buffer; arrays of up to MAX_PRESIZED_POINTS points are kept for the next points. */
  clear(): void {
    if (this.held > 0) this.expected = this.held <= MAX_PRESIZED_POINTS ? this.held : 0;
    this.held = 0;
    if (this.sized === 0) {
      this.times = [];
      this.values = [];
    }
    this.rows = undefined;
    this.pointTags = undefined;
    this.firstTags = undefined;
  }

  /** The buffered points as batch points (new objects; the buffer keeps its own copy). */
  points(): BatchPoint[] {
    const n = this.held;
    const out = new Array<BatchPoint>(n);
    for (let i = 0; i < n; i++) out[i] = { time: this.times[i]!, fields: this.fieldsAt(i), tags: this.tagsAt(i) };
    return out;
  }

  private tagsAt(i: number): Readonly<Tags> {
    return this.pointTags === undefined ? this.firstTags! : this.pointTags[i]!;
  }

  private fieldsAt(i: number): Fields {
    if (this.rows !== undefined) return this.rows[i]!;
    const keys = this.keys;
    const width = keys.length;
    const builder = rowBuilder(keys);
    if (builder !== undefined) return builder(this.values, i * width);
    const fields: Fields = {};
    for (let k = 0; k < width; k++) fields[keys[k]!] = this.values[i * width + k]!;
    return fields;
  }

  /** Leaves compact mode: the first n points become fields objects. */
  private toRows(n: number): void {
    const rows = new Array<Fields>(n);
    for (let i = 0; i < n; i++) rows[i] = this.fieldsAt(i);
    this.rows = rows;
    this.values = [];
  }
}
