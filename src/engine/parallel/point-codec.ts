// Points of one database/retention policy as a compact binary block, the form in which the
// main thread hands written points to engine workers: one buffer (transferred to a single
// reader, or a SharedArrayBuffer posted to several, never copied per worker) plus a small
// string table of field keys and string values. Series (name and tags) are numbered once in
// the encoder's series dictionary; a reader learns a series' text once (PointDecoder.define)
// and a point is then its series number, its time and its typed field values. Decoding gives
// back plain points whose series share one frozen tags object, as the line-protocol parser's
// points do. Never structured-clones point objects.

import { canCompileFields, fieldsBuilderFor, hasFieldKeys, plainFields, type FieldsBuilder } from '../../models/fields-builder.js';
import type { Fields, FieldValue, Point, Tags } from '../../models/point.js';

/** One encoded run of points, all of `database`/`retentionPolicy`, as posted to a reader. */
export interface PointBlock {
  readonly database: string;
  readonly retentionPolicy: string;
  readonly count: number;
  /** Field keys and string field values. */
  readonly strings: string[];
  /**
   * Per point: series number, time, field count, then key index, type and value per field;
   * at `offset` in `bytes`, or in the reader's ring (block-ring.ts) when `bytes` is absent.
   */
  readonly bytes?: SharedArrayBuffer | ArrayBuffer;
  readonly offset: number;
  readonly length: number;
}

/** What encode gives: the block's header and its bytes, valid until the next encode. */
export interface EncodedBlock {
  readonly database: string;
  readonly retentionPolicy: string;
  readonly count: number;
  readonly strings: string[];
  readonly data: Uint8Array;
}

const FLOAT = 0;
const INT = 1;
const UINT = 2;
const STRING = 3;
const TRUE = 4;
const FALSE = 5;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Series numbered by an encoder before it starts over (bounded memory at any cardinality). It
 * must exceed the series a workload cycles through: a dictionary that starts over within one
 * cycle re-sends every series' text with every block.
 */
const DICTIONARY_SIZE = 1_000_000;

/** A series as the encoder numbered it: `id` is valid in dictionary generation `generation`. */
interface SeriesEntry {
  readonly name: string;
  id: number;
  generation: number;
}

export class PointEncoder {
  /** Series text (name, newline, tags as JSON) by series number, in this generation. */
  series: string[] = [];
  /** Moves whenever the dictionary starts over; readers then start over too. */
  generation = 1;
  /** Per tags object (the parser shares one per series): its number. */
  private readonly known = new WeakMap<object, SeriesEntry>();
  private scratch = new ArrayBuffer(1 << 20);
  private view = new DataView(this.scratch);

  constructor(private readonly dictionarySize = DICTIONARY_SIZE) {}

  private ensure(needed: number): void {
    if (needed <= this.scratch.byteLength) return;
    let size = this.scratch.byteLength;
    while (size < needed) size *= 2;
    const bigger = new ArrayBuffer(size);
    new Uint8Array(bigger).set(new Uint8Array(this.scratch));
    this.scratch = bigger;
    this.view = new DataView(bigger);
  }

  /**
   * Encodes points[from, to) (all of one db/rp) into the encoder's scratch space (the result's
   * `data` is valid until the next call). New series are appended to `series` (after a
   * start-over, from 0 in a new generation).
   */
  encode(points: readonly Point[], from: number, to: number): EncodedBlock {
    if (this.series.length >= this.dictionarySize) {
      this.series = [];
      this.generation++;
    }
    const generation = this.generation;
    const series = this.series;
    const known = this.known;
    const strings: string[] = [];
    const stringIndex = new Map<string, number>();
    const intern = (value: string): number => {
      let index = stringIndex.get(value);
      if (index === undefined) {
        index = strings.length;
        strings.push(value);
        stringIndex.set(value, index);
      }
      return index;
    };
    // The key list of the point before (points of a series repeat the parser's key strings), its
    // writer and its keys' indexes in this block's string table.
    let keys: readonly string[] | undefined;
    let writer: FieldsWriter = writeFieldsOneByOne;
    let keyIndexes: number[] = [];
    let offset = 0;
    for (let k = from; k < to; k++) {
      const point = points[k]!;
      let entry = known.get(point.tags);
      if (entry === undefined || entry.name !== point.name) {
        entry = { name: point.name, id: -1, generation: 0 };
        known.set(point.tags, entry);
      }
      if (entry.generation !== generation) {
        entry.generation = generation;
        entry.id = series.length;
        series.push(`${point.name}\n${JSON.stringify(point.tags)}`);
      }
      const fields = point.fields;
      if (keys === undefined || !hasFieldKeys(fields, keys)) {
        keys = Object.keys(fields);
        writer = fieldsWriter(keys);
        keyIndexes = keys.map(intern);
      }
      this.ensure(offset + 14 + keys.length * 13);
      const view = this.view;
      view.setUint32(offset, entry.id, true);
      view.setBigInt64(offset + 4, point.time, true);
      view.setUint16(offset + 12, keys.length, true);
      offset = writer(fields, keys, keyIndexes, view, offset + 14, intern);
    }
    const first = points[from];
    return {
      database: first?.database ?? '',
      retentionPolicy: first?.retentionPolicy ?? '',
      count: to - from,
      strings,
      data: new Uint8Array(this.scratch, 0, offset),
    };
  }
}

/**
 * Writes a point's fields, of the key list `keys` (whose indexes in the block's string table are
 * `keyIndexes`), at `offset`; returns the offset after them.
 */
type FieldsWriter = (
  fields: Fields,
  keys: readonly string[],
  keyIndexes: readonly number[],
  view: DataView,
  offset: number,
  intern: (text: string) => number,
) => number;

/** Writes one field of any type; returns the offset after it. */
function writeField(view: DataView, offset: number, keyIndex: number, value: FieldValue, intern: (text: string) => number): number {
  view.setUint32(offset, keyIndex, true);
  switch (typeof value) {
    case 'number':
      view.setUint8(offset + 4, FLOAT);
      view.setFloat64(offset + 5, value, true);
      return offset + 13;
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) {
        view.setUint8(offset + 4, INT);
        view.setBigInt64(offset + 5, value, true);
      } else {
        view.setUint8(offset + 4, UINT);
        view.setBigUint64(offset + 5, value, true);
      }
      return offset + 13;
    case 'string':
      view.setUint8(offset + 4, STRING);
      view.setUint32(offset + 5, intern(value), true);
      return offset + 9;
    default:
      view.setUint8(offset + 4, value ? TRUE : FALSE);
      return offset + 5;
  }
}

/** The writer for key lists without a compiled one: reads each field by its key. */
const writeFieldsOneByOne: FieldsWriter = (fields, keys, keyIndexes, view, offset, intern) => {
  for (let k = 0; k < keys.length; k++) offset = writeField(view, offset, keyIndexes[k]!, fields[keys[k]!]!, intern);
  return offset;
};

/** Compiled writers by key list (JSON text); cleared when full. */
const writers = new Map<string, FieldsWriter>();
const WRITERS_SIZE = 10_000;

/**
 * The writer for a key list: compiled to read each field by its name, so floats are written
 * without being boxed; lists no code may be compiled for (canCompileFields) are read one by
 * one.
 */
function fieldsWriter(keys: readonly string[]): FieldsWriter {
  const id = JSON.stringify(keys);
  let writer = writers.get(id);
  if (writer === undefined) {
    if (!canCompileFields(keys)) writer = writeFieldsOneByOne;
    else {
      const body = keys
        .map(
          (key, k) =>
            `const v${k} = f[${JSON.stringify(key)}];\n` +
            `if (typeof v${k} === 'number') { w.setUint32(o, ki[${k}], true); w.setUint8(o + 4, ${FLOAT}); w.setFloat64(o + 5, v${k}, true); o += 13; }\n` +
            `else o = field(w, o, ki[${k}], v${k}, intern);`,
        )
        .join('\n');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- reading fields by constant names keeps floats unboxed
      writer = new Function('field', `return (f, keys, ki, w, o, intern) => {\n${body}\nreturn o;\n};`)(writeField) as FieldsWriter;
    }
    if (writers.size >= WRITERS_SIZE) writers.clear();
    writers.set(id, writer);
  }
  return writer;
}

/** The block to post for `encoded`: at `offset` of a ring, or in a transferable buffer of its own. */
export function pointBlock(encoded: EncodedBlock, ringOffset?: number): PointBlock {
  const header = { database: encoded.database, retentionPolicy: encoded.retentionPolicy, count: encoded.count, strings: encoded.strings };
  if (ringOffset !== undefined) return { ...header, offset: ringOffset, length: encoded.data.length };
  const bytes = encoded.data.slice().buffer;
  return { ...header, bytes, offset: 0, length: bytes.byteLength };
}

interface DecodedSeries {
  readonly name: string;
  readonly tags: Readonly<Tags>;
}

/** The reading side: the series an encoder numbered (as far as told), and decoding blocks. */
export class PointDecoder {
  private series: DecodedSeries[] = [];

  /** Learns the encoder's series numbered from `from` on; from 0 starts the table over. */
  define(from: number, texts: readonly string[]): void {
    if (from === 0) this.series = [];
    const series = this.series;
    series.length = from;
    for (const text of texts) {
      const newline = text.lastIndexOf('\n');
      series.push({ name: text.slice(0, newline), tags: Object.freeze(JSON.parse(text.slice(newline + 1)) as Tags) });
    }
  }

  /**
   * The points of a block; `ring` is where blocks without bytes of their own are. Points with
   * the same key list as the point before get their fields from one compiled builder, and
   * points with the same time as the point before share its bigint.
   */
  decode(block: PointBlock, ring?: SharedArrayBuffer): Point[] {
    const strings = block.strings;
    const series = this.series;
    const data = new DataView((block.bytes ?? ring)!, block.offset, block.length);
    const points: Point[] = new Array(block.count);
    const database = block.database;
    const retentionPolicy = block.retentionPolicy;
    const keyIndexes = scratchKeyIndexes;
    const values = scratchValues;
    let lastCount = -1;
    let builder: FieldsBuilder | undefined;
    let keys: string[] = [];
    let time = 0n;
    let timeLow = 0;
    let timeHigh = 0;
    let offset = 0;
    for (let n = 0; n < block.count; n++) {
      const one = series[data.getUint32(offset, true)]!;
      const low = data.getInt32(offset + 4, true);
      const high = data.getInt32(offset + 8, true);
      if (n === 0 || low !== timeLow || high !== timeHigh) {
        time = data.getBigInt64(offset + 4, true);
        timeLow = low;
        timeHigh = high;
      }
      const count = data.getUint16(offset + 12, true);
      offset += 14;
      let sameKeys = count === lastCount;
      for (let f = 0; f < count; f++) {
        const keyIndex = data.getUint32(offset, true);
        if (sameKeys && keyIndexes[f] !== keyIndex) sameKeys = false;
        keyIndexes[f] = keyIndex;
        const type = data.getUint8(offset + 4);
        if (type === FLOAT) {
          values[f] = data.getFloat64(offset + 5, true);
          offset += 13;
        } else if (type === INT) {
          values[f] = data.getBigInt64(offset + 5, true);
          offset += 13;
        } else if (type === UINT) {
          values[f] = data.getBigUint64(offset + 5, true);
          offset += 13;
        } else if (type === STRING) {
          values[f] = strings[data.getUint32(offset + 5, true)]!;
          offset += 9;
        } else {
          values[f] = type === TRUE;
          offset += 5;
        }
      }
      if (!sameKeys) {
        keys = new Array<string>(count);
        for (let f = 0; f < count; f++) keys[f] = strings[keyIndexes[f]!]!;
        builder = fieldsBuilderFor(keys);
        lastCount = count;
      }
      const fields = builder !== undefined ? builder(values) : plainFields(keys, values, count);
      points[n] = { name: one.name, tags: one.tags, fields, time, database, retentionPolicy };
    }
    return points;
  }
}

/** Scratch space for one point's key indexes and values (decoding is synchronous). */
const scratchKeyIndexes: number[] = [];
const scratchValues: FieldValue[] = [];
