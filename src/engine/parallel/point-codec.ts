// Points of one database/retention policy as a compact binary block, the form in which the
// main thread hands written points to engine workers: one SharedArrayBuffer (posted to every
// worker that needs it, never copied per worker) plus a small string table. Series (name and
// tags) and field keys are written once per block; a point is its series index, its time and
// its typed field values. Decoding gives back plain points whose series share one frozen tags
// object, as the line-protocol parser's points do. Never structured-clones point objects.

import type { Fields, Point, Tags } from '../../models/point.js';

/** One encoded run of points, all of `database`/`retentionPolicy`. */
export interface PointBlock {
  readonly database: string;
  readonly retentionPolicy: string;
  readonly count: number;
  /** Measurement + tags (JSON) per series, field keys and string field values. */
  readonly strings: string[];
  /** Per point: series string index, time, field count, then key index, type and value per field. */
  readonly bytes: SharedArrayBuffer | ArrayBuffer;
  readonly length: number;
}

const FLOAT = 0;
const INT = 1;
const UINT = 2;
const STRING = 3;
const TRUE = 4;
const FALSE = 5;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Scratch space reused by every encode (grown on demand); the result is copied out once. */
let scratch = new ArrayBuffer(1 << 20);
let view = new DataView(scratch);

function ensure(needed: number): void {
  if (needed <= scratch.byteLength) return;
  let size = scratch.byteLength;
  while (size < needed) size *= 2;
  const bigger = new ArrayBuffer(size);
  new Uint8Array(bigger).set(new Uint8Array(scratch));
  scratch = bigger;
  view = new DataView(scratch);
}

/**
 * Series text (name, newline, tags as JSON) per tags object, kept as long as the parser keeps
 * the series; `index` is its place in the string table of encoding number `epoch`.
 */
interface SeriesText {
  readonly name: string;
  readonly text: string;
  epoch: number;
  index: number;
}

const seriesTexts = new WeakMap<object, SeriesText>();
let encodings = 0;

/**
 * Encodes points[from, to) (all of one db/rp). `shared` puts the bytes in a SharedArrayBuffer
 * (to post to several workers); otherwise in a transferable ArrayBuffer.
 */
export function encodePoints(points: readonly Point[], from: number, to: number, shared: boolean): PointBlock {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const epoch = ++encodings;
  const intern = (value: string): number => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      stringIndex.set(value, index);
    }
    return index;
  };
  // Field keys by position as last seen: points of a series repeat the parser's key strings.
  const lastKeys: string[] = [];
  const lastKeyIndexes: number[] = [];
  let offset = 0;
  for (let k = from; k < to; k++) {
    const point = points[k]!;
    let series = seriesTexts.get(point.tags);
    if (series === undefined || series.name !== point.name) {
      series = { name: point.name, text: `${point.name}\n${JSON.stringify(point.tags)}`, epoch: 0, index: 0 };
      seriesTexts.set(point.tags, series);
    }
    if (series.epoch !== epoch) {
      series.epoch = epoch;
      series.index = strings.length;
      strings.push(series.text);
    }
    const fields = point.fields;
    ensure(offset + 14 + 13 * 8);
    let limit = scratch.byteLength - 13;
    view.setUint32(offset, series.index, true);
    view.setBigInt64(offset + 4, point.time, true);
    const countAt = offset + 12;
    offset += 14;
    let count = 0;
    for (const key in fields) {
      const value = fields[key]!;
      if (offset > limit) {
        ensure(offset + 13);
        limit = scratch.byteLength - 13;
      }
      let keyIndex: number;
      if (lastKeys[count] === key) {
        keyIndex = lastKeyIndexes[count]!;
      } else {
        keyIndex = intern(key);
        lastKeys[count] = key;
        lastKeyIndexes[count] = keyIndex;
      }
      view.setUint32(offset, keyIndex, true);
      switch (typeof value) {
        case 'number':
          view.setUint8(offset + 4, FLOAT);
          view.setFloat64(offset + 5, value, true);
          offset += 13;
          break;
        case 'bigint':
          if (value >= INT64_MIN && value <= INT64_MAX) {
            view.setUint8(offset + 4, INT);
            view.setBigInt64(offset + 5, value, true);
          } else {
            view.setUint8(offset + 4, UINT);
            view.setBigUint64(offset + 5, value, true);
          }
          offset += 13;
          break;
        case 'string':
          view.setUint8(offset + 4, STRING);
          view.setUint32(offset + 5, intern(value), true);
          offset += 9;
          break;
        default:
          view.setUint8(offset + 4, value ? TRUE : FALSE);
          offset += 5;
      }
      count++;
    }
    view.setUint16(countAt, count, true);
  }
  const bytes = shared ? new SharedArrayBuffer(offset) : new ArrayBuffer(offset);
  new Uint8Array(bytes).set(new Uint8Array(scratch, 0, offset));
  const first = points[from];
  return {
    database: first?.database ?? '',
    retentionPolicy: first?.retentionPolicy ?? '',
    count: to - from,
    strings,
    bytes,
    length: offset,
  };
}

/** Decoded series kept across blocks, so repeated series share one tags object. */
export class PointDecoder {
  private readonly series = new Map<string, { name: string; tags: Readonly<Tags> }>();

  decode(block: PointBlock): Point[] {
    const strings = block.strings;
    const data = new DataView(block.bytes, 0, block.length);
    const points: Point[] = new Array(block.count);
    const database = block.database;
    const retentionPolicy = block.retentionPolicy;
    const local: Array<{ name: string; tags: Readonly<Tags> } | undefined> = new Array(strings.length);
    let offset = 0;
    for (let n = 0; n < block.count; n++) {
      const seriesIndex = data.getUint32(offset, true);
      let series = local[seriesIndex];
      if (series === undefined) series = local[seriesIndex] = this.lookup(strings[seriesIndex]!);
      const time = data.getBigInt64(offset + 4, true);
      const count = data.getUint16(offset + 12, true);
      offset += 14;
      const fields: Fields = {};
      for (let f = 0; f < count; f++) {
        const key = strings[data.getUint32(offset, true)]!;
        const type = data.getUint8(offset + 4);
        if (type === FLOAT) {
          fields[key] = data.getFloat64(offset + 5, true);
          offset += 13;
        } else if (type === INT) {
          fields[key] = data.getBigInt64(offset + 5, true);
          offset += 13;
        } else if (type === UINT) {
          fields[key] = data.getBigUint64(offset + 5, true);
          offset += 13;
        } else if (type === STRING) {
          fields[key] = strings[data.getUint32(offset + 5, true)]!;
          offset += 9;
        } else {
          fields[key] = type === TRUE;
          offset += 5;
        }
      }
      points[n] = { name: series.name, tags: series.tags, fields, time, database, retentionPolicy };
    }
    return points;
  }

  private lookup(text: string): { name: string; tags: Readonly<Tags> } {
    let series = this.series.get(text);
    if (series === undefined) {
      if (this.series.size >= SERIES_CACHE_SIZE) this.series.clear();
      const newline = text.lastIndexOf('\n');
      series = { name: text.slice(0, newline), tags: Object.freeze(JSON.parse(text.slice(newline + 1)) as Tags) };
      this.series.set(text, series);
    }
    return series;
  }
}

/** Decoded series kept by a decoder; cleared whole when full (bounded memory). */
const SERIES_CACHE_SIZE = 100_000;
