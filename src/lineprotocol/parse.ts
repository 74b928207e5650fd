// InfluxDB line protocol → points, as InfluxDB 1.x (and so Kapacitor) reads it: escapes,
// quoted string fields spanning lines, typed fields, precision, and per-line errors worded as
// InfluxDB words them. Hot path: one pass over the body's bytes, series looked up by their raw
// bytes, strings cut only for new series and keys; never throws on bad input (bad lines become
// errors).

import { isAscii } from 'node:buffer';
import { compileFieldsBuilder, plainFields, type FieldsBuilder } from '../models/fields-builder.js';
import type { Fields, FieldValue, Point, Tags, TimeNs } from '../models/point.js';
import { ByteKeyTable, hashBytes } from './byte-key-table.js';
import { sliceEnd } from './line-boundary.js';
import { precisionMultiplier } from './precision.js';

export interface ParseOptions {
  /** n, ns, u, µ, ms, s, m, h ('' = ns). */
  precision: string;
  /** Time for lines without a timestamp (epoch ns). */
  defaultTime: TimeNs;
  database: string;
  retentionPolicy: string;
}

export interface ParseResult {
  points: Point[];
  /** One `unable to parse '<line>': <reason>` per bad line. */
  errors: string[];
}

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const QUOTE = 34;
const HASH = 35;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

class LineError extends Error {}

interface Series {
  readonly name: string;
  readonly tags: Tags;
  /** The field keys of this series' last line, shared with every series whose lines have the same keys. */
  layout: FieldLayout | undefined;
  /** Per field position: the last `i` field's digits read as a number, and its bigint (reused when equal); made on first use. */
  lastInts: number[] | undefined;
  lastBigInts: bigint[] | undefined;
}

/** A field key, and its text followed by `=` as bytes and as whole four-byte words (little-endian). */
interface KeyHint {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

/** A list of field keys, as lines write them, shared by every series whose lines carry it. */
interface FieldLayout {
  readonly keys: readonly string[];
  /** The keys' bytes the next line's raw text may be matched against, by position: undefined where a key held escapes. */
  readonly hints: ReadonlyArray<KeyHint | undefined>;
  /** Makes the fields object of a line with exactly these keys, from its values in order (none for wide or odd key lists). */
  readonly builder: FieldsBuilder | undefined;
}

/**
 * Names, tag keys and values and field keys of new series, shared: at high cardinality the same
 * few values recur in most series (W5's 100k series hold 1,020 distinct tag values). Cleared
 * whole when full.
 */
const interned = new Map<string, string>();
const INTERNED_SIZE = 50_000;

function intern(text: string): string {
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERNED_SIZE) interned.clear();
  interned.set(text, text);
  return text;
}

/**
 * Parsed series by raw bytes (measurement and tags as written), in two generations: when the
 * current one is full it becomes the previous one (the one before is dropped), and a series
 * found only in the previous one is stored again in the current one as the same object. Memory
 * stays bounded at any cardinality (at most twice SERIES_CACHE_SIZE keys or SERIES_CACHE_BYTES
 * of key bytes), and a series written at least once per generation keeps its tags object, so
 * the groups and windows keyed on it are not rebuilt (clearing the whole cache when full
 * rebuilt every active series each time a few new ones had filled it).
 */
let seriesCache = new ByteKeyTable<Series>();
let previousSeries = new ByteKeyTable<Series>();
const SERIES_CACHE_SIZE = 250_000;
/** Key bytes per generation: long series keys fill a generation sooner, so memory stays bounded. */
const SERIES_CACHE_BYTES = 64 * 1024 * 1024;

function rememberSeries(bytes: Uint8Array, start: number, end: number, hash: number, series: Series): void {
  if (seriesCache.size >= SERIES_CACHE_SIZE || seriesCache.keyBytes + (end - start) > SERIES_CACHE_BYTES) {
    previousSeries = seriesCache;
    seriesCache = new ByteKeyTable();
  }
  seriesCache.set(bytes, start, end, hash, series);
}

/**
 * Bodies are parsed in pieces of about this many bytes, cut at line ends: each piece is also
 * decoded once as latin1 text, for the series cache's keys and for tokens' strings, and V8 puts
 * strings over ~128 KiB in its large-object space, where building one costs ~10x a memcpy.
 */
const PIECE_BYTES = 60 * 1024;

const NEWLINE_BYTE = Buffer.from('\n');

/** Parses a whole write body. Throws only for an unknown precision. */
export function parsePoints(body: Buffer | string, options: ParseOptions): ParseResult {
  const multiplier = precisionMultiplier(options.precision);
  const result: ParseResult = { points: [], errors: [] };
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  // Pure-ASCII bodies (the usual case) cut their tokens' strings from the latin1 text.
  const ascii = isAscii(bytes);
  const length = bytes.length;
  // Pieces end where InfluxDB ends a line, so a string field spanning lines stays whole.
  let start = 0;
  while (start < length) {
    const end = sliceEnd(bytes, start, PIECE_BYTES);
    let piece = bytes.subarray(start, end);
    // Every piece ends with a newline, so no scan reads past its end (only the body's last line may lack one).
    if (piece[piece.length - 1] !== NEWLINE) piece = Buffer.concat([piece, NEWLINE_BYTE]);
    new LineParser(piece, ascii, multiplier, options, result).run();
    start = end;
  }
  return result;
}

/**
 * Parses one piece. Scans read bytes (a typed array read is about twice as fast as charCodeAt);
 * strings are cut from the piece's latin1 text (one byte, one char: the same indexes), or
 * decoded as UTF-8 when the body is not pure ASCII.
 */
class LineParser {
  private pos = 0;
  private lineStart = 0;
  private readonly text: string;
  private readonly view: DataView;
  private readonly length: number;
  private readonly points: Point[];
  private readonly errors: string[];

  constructor(
    private readonly bytes: Buffer,
    private readonly ascii: boolean,
    private readonly multiplier: bigint,
    private readonly options: ParseOptions,
    result: ParseResult,
  ) {
    this.text = bytes.toString('latin1');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.length;
    this.points = result.points;
    this.errors = result.errors;
  }

  /** The text of bytes [start, end). */
  private str(start: number, end: number): string {
    return this.ascii ? this.text.slice(start, end) : this.bytes.toString('utf8', start, end);
  }

  run(): void {
    const bytes = this.bytes;
    const length = this.length;
    while (this.pos < length) {
      this.skipBlank();
      if (this.pos >= length) break;
      const c = bytes[this.pos]!;
      if (c === NEWLINE) {
        this.pos++;
        continue;
      }
      this.lineStart = this.pos;
      if (c === HASH) {
        this.skipToLineEnd();
        continue;
      }
      try {
        this.points.push(this.parseLine());
      } catch (error) {
        if (!(error instanceof LineError)) throw error;
        this.errors.push(`unable to parse '${this.currentLine()}': ${error.message}`);
        this.skipToLineEnd();
      }
    }
  }

  private skipBlank(): void {
    const bytes = this.bytes;
    const length = this.length;
    while (this.pos < length) {
      const c = bytes[this.pos]!;
      if (c !== SPACE && c !== TAB && c !== CR) break;
      this.pos++;
    }
  }

  /** Moves past the next newline: used after errors and comments. */
  private skipToLineEnd(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.length : end + 1;
  }

  /** The text of the line being parsed, up to its first newline (for error messages). */
  private currentLine(): string {
    let end = this.text.indexOf('\n', this.lineStart);
    if (end === -1) end = this.length;
    if (end > this.lineStart && this.bytes[end - 1] === CR) end--;
    return this.bytes.toString('utf8', this.lineStart, end);
  }

  private parseLine(): Point {
    const series = this.parseSeries();
    this.expectSpace('missing fields');
    const fields = this.parseFields(series);
    const time = this.parseTimestamp();
    return { name: series.name, tags: series.tags, fields, time, database: this.options.database, retentionPolicy: this.options.retentionPolicy };
  }

  /**
   * Measurement and tags. Writers repeat the same series line after line, so the parsed
   * series is cached by its raw bytes (up to the first space); the cached tags are frozen and
   * shared by every point of the series.
   */
  private parseSeries(): Series {
    const bytes = this.bytes;
    const start = this.pos;
    const space = this.text.indexOf(' ', start);
    let hash = 0;
    if (space > start) {
      hash = hashBytes(this.view, bytes, start, space);
      const cached = seriesCache.get(this.view, bytes, start, space, hash);
      if (cached !== undefined) {
        this.pos = space;
        return cached;
      }
      const previous = previousSeries.get(this.view, bytes, start, space, hash);
      if (previous !== undefined) {
        rememberSeries(bytes, start, space, hash, previous);
        this.pos = space;
        return previous;
      }
    }
    const name = intern(this.parseMeasurement());
    const tags = this.parseTags();
    const series: Series = {
      name,
      tags: Object.freeze(tags),
      layout: undefined,
      lastInts: undefined,
      lastBigInts: undefined,
    };
    if (this.pos === space) rememberSeries(bytes, start, space, hash, series);
    return series;
  }

  private parseMeasurement(): string {
    const start = this.pos;
    const raw = this.scanRaw(EQUALS_IS_TEXT);
    if (this.pos === start) throw new LineError('missing measurement');
    if (atLineEnd(this.bytes[this.pos]!)) throw new LineError('missing fields');
    return this.escaped ? unescape(raw, MEASUREMENT_ESCAPES) : raw;
  }

  /** Set by scanRaw: the token just scanned holds backslash escapes. */
  private escaped = false;

  /** Scans up to an unescaped `,`, space or line end, treating `=` as the rule says. */
  private scanRaw(equalsRule: number): string {
    const bytes = this.bytes;
    const start = this.pos;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = bytes[i]!;
      if (c === BACKSLASH && i + 1 < this.length && !atLineEnd(bytes[i + 1]!)) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === COMMA || c === SPACE || atLineEnd(c)) break;
      if (c === EQUALS && equalsRule !== EQUALS_IS_TEXT) {
        if (equalsRule === EQUALS_ENDS) break;
        this.pos = i;
        throw new LineError('invalid tag format');
      }
      i++;
    }
    this.pos = i;
    this.escaped = escaped;
    return this.str(start, i);
  }

  private parseTags(): Tags {
    const tags: Tags = {};
    const bytes = this.bytes;
    let previousKey = '';
    let sorted = true;
    let count = 0;
    while (bytes[this.pos] === COMMA) {
      this.pos++;
      const key = this.scanToken(true);
      if (key === '') throw new LineError('missing tag key');
      if (bytes[this.pos] !== EQUALS) throw new LineError('missing tag value');
      this.pos++;
      const value = this.scanToken(false);
      if (value === '') throw new LineError('missing tag value');
      if (Object.prototype.hasOwnProperty.call(tags, key)) throw new LineError('duplicate tags');
      if (key < previousKey) sorted = false;
      previousKey = key;
      tags[key] = intern(value);
      count++;
    }
    return sorted || count < 2 ? tags : sortTags(tags);
  }

  /** A tag key (ends at `=`) or tag value (`=` is an error), unescaped. */
  private scanToken(isKey: boolean): string {
    const raw = this.scanRaw(isKey ? EQUALS_ENDS : EQUALS_IS_ERROR);
    return this.escaped ? unescape(raw, KEY_ESCAPES) : raw;
  }

  private expectSpace(message: string): void {
    const bytes = this.bytes;
    if (bytes[this.pos] !== SPACE) throw new LineError(message);
    while (bytes[this.pos] === SPACE) this.pos++;
    if (atLineEnd(bytes[this.pos]!)) throw new LineError(message);
  }

  /**
   * The fields of a line. Keys and values go to scratch arrays first; a series whose lines keep
   * the same keys gets a compiled builder that makes the object in one literal (one hidden class,
   * no dictionary-mode growth), which is most of the cost of wide Telegraf lines.
   */
  private parseFields(series: Series): Fields {
    const bytes = this.bytes;
    const keys = scratchKeys;
    const values = scratchValues;
    const layout = series.layout;
    const hints = layout === undefined ? NO_HINTS : layout.hints;
    let n = 0;
    for (; ; n++) {
      const keyStart = this.pos;
      const key = this.scanFieldKey(n < hints.length ? hints[n] : undefined);
      if (key === '') throw new LineError(this.pos === keyStart && bytes[this.pos] === EQUALS ? 'missing field key' : 'invalid field format');
      if (bytes[this.pos] !== EQUALS) throw new LineError('missing field value');
      this.pos++;
      keys[n] = key;
      values[n] = this.parseFieldValue(series, n);
      const c = bytes[this.pos]!;
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === SPACE || atLineEnd(c)) break;
      throw new LineError('invalid field format');
    }
    const count = n + 1;
    let current = layout;
    if (current === undefined || current.keys.length !== count || !sameKeys(current.keys, keys, count)) {
      current = fieldLayout(keys, count);
      series.layout = current;
    }
    return current.builder !== undefined ? current.builder(values) : plainFields(keys, values, count);
  }

  /**
   * The key of the next field. `hint` (the key at this position in the series' last line, as
   * bytes) is reused when the text repeats it.
   */
  private scanFieldKey(hint: KeyHint | undefined): string {
    const bytes = this.bytes;
    const start = this.pos;
    if (hint !== undefined) {
      const hintBytes = hint.bytes;
      const end = start + hintBytes.length;
      if (end <= this.length) {
        const words = hint.words;
        const view = this.view;
        let w = 0;
        while (w < words.length && view.getInt32(start + 4 * w, true) === words[w]) w++;
        if (w === words.length) {
          let k = 4 * w;
          while (k < hintBytes.length && bytes[start + k] === hintBytes[k]) k++;
          if (k === hintBytes.length) {
            this.pos = end - 1;
            return hint.key;
          }
        }
      }
    }
    const raw = this.scanRaw(EQUALS_ENDS);
    if (this.pos === start) return '';
    if (bytes[this.pos] !== EQUALS) throw new LineError('invalid field format');
    return this.escaped ? unescape(raw, KEY_ESCAPES) : intern(raw);
  }

  private parseFieldValue(series: Series, n: number): FieldValue {
    const bytes = this.bytes;
    if (bytes[this.pos] === QUOTE) return this.parseStringValue();
    const start = this.pos;
    const simple = this.simpleNumber(series, n);
    if (simple !== undefined) return simple;
    let i = start;
    for (;;) {
      const c = bytes[i]!;
      if (c === COMMA || c === SPACE || atLineEnd(c)) break;
      i++;
    }
    this.pos = i;
    if (i === start) throw new LineError('missing field value');
    return parseScalar(this.str(start, i));
  }

  /**
   * The usual numbers, read in one pass without a substring: a float `[-]digits[.digits]` whose
   * mantissa is below 2^53 with at most 22 decimals (mantissa and power of ten are then exact
   * doubles, so one division rounds exactly as Number(text) does; longer ones are read by
   * Number), or an integer `[-]digits i` below 2^53. Gauges repeat their value line after line,
   * so the series keeps the last bigint per integer field position and reuses it when the
   * digits are equal. Undefined (position unchanged) for anything else.
   */
  private simpleNumber(series: Series, n: number): FieldValue | undefined {
    const bytes = this.bytes;
    const start = this.pos;
    let i = start;
    let c = bytes[i]!;
    const negative = c === 45;
    if (negative) c = bytes[++i]!;
    let mantissa = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = bytes[++i]!;
    }
    if (c === 105 /* i */) {
      if (digits === 0 || mantissa >= MAX_EXACT) return undefined;
      c = bytes[++i]!;
      if (!(c === COMMA || c === SPACE || atLineEnd(c))) return undefined;
      this.pos = i;
      return this.integerValue(series, n, negative ? -mantissa : mantissa);
    }
    let decimals = 0;
    if (c === 46) {
      c = bytes[++i]!;
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        decimals++;
        c = bytes[++i]!;
      }
    }
    if (digits + decimals === 0 || !(c === COMMA || c === SPACE || atLineEnd(c))) return undefined;
    this.pos = i;
    if (mantissa >= MAX_EXACT || decimals > 22) return Number(this.text.slice(start, i));
    const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
    return negative ? -value : value;
  }

  /** The bigint of an exact integer field, reusing the series' last one at this position when equal. */
  private integerValue(series: Series, n: number, value: number): bigint {
    if (n >= FIELD_KEY_SLOTS) return BigInt(value);
    let lastInts = series.lastInts;
    let lastBigInts = series.lastBigInts;
    if (lastInts === undefined || lastBigInts === undefined) {
      lastInts = series.lastInts = [];
      lastBigInts = series.lastBigInts = [];
    }
    if (lastInts[n] === value) return lastBigInts[n]!;
    const big = BigInt(value);
    lastInts[n] = value;
    lastBigInts[n] = big;
    return big;
  }

  /** A double-quoted string field: `\"` and `\\` unescape; may span newlines. */
  private parseStringValue(): string {
    const bytes = this.bytes;
    const length = this.length;
    const start = ++this.pos;
    let i = start;
    let escaped = false;
    for (;;) {
      if (i >= length) {
        this.pos = i;
        throw new LineError('unbalanced quotes');
      }
      const c = bytes[i]!;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === QUOTE) break;
      i++;
    }
    const raw = this.str(start, i);
    this.pos = i + 1;
    return escaped ? unescape(raw, STRING_ESCAPES) : raw;
  }

  private parseTimestamp(): TimeNs {
    const bytes = this.bytes;
    while (bytes[this.pos] === SPACE) this.pos++;
    const c = bytes[this.pos]!;
    if (atLineEnd(c)) {
      this.finishLine();
      return this.options.defaultTime;
    }
    const simple = this.simpleTimestamp();
    if (simple !== undefined) return simple;
    const start = this.pos;
    let i = start;
    for (;;) {
      const d = bytes[i]!;
      if (d === SPACE || d === TAB || atLineEnd(d)) break;
      i++;
    }
    const raw = this.str(start, i);
    while (bytes[i] === SPACE || bytes[i] === TAB) i++;
    this.pos = i;
    if (!atLineEnd(bytes[i]!)) throw new LineError('bad timestamp');
    if (!isInteger(raw)) throw new LineError('bad timestamp');
    const time = exactInteger(raw) * this.multiplier;
    if (time > INT64_MAX || time < INT64_MIN) throw new LineError('bad timestamp');
    this.finishLine();
    return time;
  }

  /**
   * An unsigned timestamp of up to 19 digits ending the line, read without a substring. Lines
   * of a write usually share their timestamp, so the last one's bigint is reused when equal.
   * Undefined (position unchanged) for anything else.
   */
  private simpleTimestamp(): TimeNs | undefined {
    const bytes = this.bytes;
    const start = this.pos;
    let i = start;
    let c = bytes[i]!;
    while (c >= 48 && c <= 57) c = bytes[++i]!;
    const digits = i - start;
    if (digits === 0 || digits > 19) return undefined;
    while (c === SPACE || c === TAB) c = bytes[++i]!;
    if (!atLineEnd(c)) return undefined;
    // up to 15 digits are one exact double; longer ones are read as the leading digits and the last nine
    const split = digits > 15 ? start + digits - 9 : start;
    let high = 0;
    for (let j = start; j < split; j++) high = high * 10 + (bytes[j]! - 48);
    let low = 0;
    for (let j = split, end = start + digits; j < end; j++) low = low * 10 + (bytes[j]! - 48);
    const multiplier = this.multiplier;
    const last = lastStamp;
    let time: TimeNs;
    if (high === last.high && low === last.low && multiplier === last.multiplier) {
      time = last.time;
    } else {
      if (multiplier === last.multiplier && high - last.high < EXACT_HIGH_STEP && last.high - high < EXACT_HIGH_STEP) {
        // close to the last timestamp (writers' lines step by small amounts): add the exact difference
        const delta = (high - last.high) * 1e9 + (low - last.low);
        let step: bigint;
        if (delta === last.delta) step = last.step;
        else {
          step = BigInt(delta);
          if (multiplier !== 1n) step *= multiplier;
          last.delta = delta;
          last.step = step;
        }
        time = last.time + step;
      } else {
        time = high === 0 ? BigInt(low) : BigInt(high) * 1_000_000_000n + BigInt(low);
        if (multiplier !== 1n) time *= multiplier;
        last.delta = Number.NaN; // the remembered step may be in another precision
      }
      if (time > INT64_MAX) {
        this.pos = i;
        throw new LineError('bad timestamp');
      }
      last.high = high;
      last.low = low;
      last.multiplier = multiplier;
      last.time = time;
    }
    this.pos = i;
    this.finishLine();
    return time;
  }

  /** Consumes the rest of the line (an optional CR and the newline). */
  private finishLine(): void {
    const bytes = this.bytes;
    if (bytes[this.pos] === CR) this.pos++;
    if (bytes[this.pos] === NEWLINE) this.pos++;
  }
}

/** A newline or CR (every piece ends with a newline, so scans never run past it). */
function atLineEnd(c: number): boolean {
  return c === NEWLINE || c === CR;
}

function parseScalar(raw: string): FieldValue {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  // t, T, true, True, TRUE, f, F, false, False, FALSE
  if (first === 116 || first === 84 || first === 102 || first === 70) {
    switch (raw) {
      case 't':
      case 'T':
      case 'true':
      case 'True':
      case 'TRUE':
        return true;
      case 'f':
      case 'F':
      case 'false':
      case 'False':
      case 'FALSE':
        return false;
      default:
        throw new LineError('invalid boolean');
    }
  }
  if (last === 105 /* i */) {
    const digits = raw.slice(0, -1);
    if (!isInteger(digits)) throw new LineError('invalid number');
    const value = exactInteger(digits);
    if (value > INT64_MAX || value < INT64_MIN) throw new LineError(`unable to parse integer ${digits}: value out of range`);
    return value;
  }
  if (last === 117 /* u */) {
    const digits = raw.slice(0, -1);
    if (!isInteger(digits) || digits.charCodeAt(0) === 45 || digits.charCodeAt(0) === 43) throw new LineError('invalid number');
    const value = BigInt(digits);
    if (value > UINT64_MAX) throw new LineError(`unable to parse unsigned ${digits}: value out of range`);
    return value;
  }
  if (!isFloat(raw)) throw new LineError('invalid number');
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new LineError('invalid number');
  return value;
}

/**
 * BigInt of a validated integer text. BigInt(string) costs about 100 ns; numbers up to 15
 * digits convert exactly through a float, and longer ones (nanosecond timestamps) in two halves.
 */
function exactInteger(digits: string): bigint {
  const length = digits.length;
  if (length <= 15) return BigInt(Number(digits));
  if (length <= 24 && digits.charCodeAt(0) !== 45 && digits.charCodeAt(0) !== 43) {
    const split = length - 9;
    return BigInt(Number(digits.slice(0, split))) * 1_000_000_000n + BigInt(Number(digits.slice(split)));
  }
  return BigInt(digits);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isInteger(raw: string): boolean {
  let i = 0;
  const c0 = raw.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  if (i >= raw.length) return false;
  for (; i < raw.length; i++) if (!isDigit(raw.charCodeAt(i))) return false;
  return true;
}

/** [+-]digits[.digits][(e|E)[+-]digits], at least one digit in the mantissa. */
function isFloat(raw: string): boolean {
  let i = 0;
  const length = raw.length;
  let c = raw.charCodeAt(0);
  if (c === 45 || c === 43) i++;
  let digits = 0;
  while (i < length && isDigit(raw.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < length && raw.charCodeAt(i) === 46) {
    i++;
    while (i < length && isDigit(raw.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < length) {
    c = raw.charCodeAt(i);
    if (c !== 101 && c !== 69) return false;
    i++;
    c = raw.charCodeAt(i);
    if (c === 45 || c === 43) i++;
    let exponent = 0;
    while (i < length && isDigit(raw.charCodeAt(i))) {
      i++;
      exponent++;
    }
    if (exponent === 0) return false;
  }
  return i === length;
}

/**
 * The last timestamp read by simpleTimestamp: its digits (high, last nine), its precision and
 * value, and the last step from one timestamp to the next (as a number and as nanoseconds).
 * Only valid timestamps are remembered; the first one is never close to the initial values.
 */
const lastStamp = { high: -1e15, low: 0, multiplier: 0n, time: 0n, delta: 0, step: 0n };

/**
 * Timestamps whose leading digits (all but the last nine) differ by less than this from the
 * last one's differ by less than 2^53 in all (8e15 plus at most 1e15 from the other digits): the difference is an exact double.
 */
const EXACT_HIGH_STEP = 8_000_000;

/** Integer fields remembered per series, by position in the line (gauges repeat their values). */
const FIELD_KEY_SLOTS = 16;

/** 2^53: mantissas below it are exact doubles. */
const MAX_EXACT = 9007199254740992;

/** 10^0 .. 10^22, every one an exact double. */
const POWERS_OF_TEN: number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Scratch space for one line's field keys and values (the parser is synchronous). */
const scratchKeys: string[] = [];
const scratchValues: FieldValue[] = [];

/** Field layouts by key list (JSON text), shared by series with the same keys; cleared when full. */
const layouts = new Map<string, FieldLayout>();
const LAYOUTS_SIZE = 10_000;
const NO_HINTS: ReadonlyArray<KeyHint | undefined> = [];

function sameKeys(known: readonly string[], keys: string[], count: number): boolean {
  for (let k = 0; k < count; k++) if (known[k] !== keys[k]) return false;
  return true;
}

/**
 * The shared layout of these keys, with their compiled fields builder (none for `__proto__`,
 * repeated keys and wide lists: the plain path). A key holding `,`, `=` or a space came from
 * escapes and is never matched against raw text.
 */
function fieldLayout(keys: string[], count: number): FieldLayout {
  const list = keys.slice(0, count);
  const id = JSON.stringify(list);
  let layout = layouts.get(id);
  if (layout === undefined) {
    const hints = list.map((key) => (UNSAFE_HINT.test(key) ? undefined : keyHint(key)));
    layout = { keys: list, hints, builder: compileFieldsBuilder(list) };
    if (layouts.size >= LAYOUTS_SIZE) layouts.clear();
    layouts.set(id, layout);
  }
  return layout;
}

const UNSAFE_HINT = /[,= ]/;
const utf8 = new TextEncoder();

function keyHint(key: string): KeyHint {
  const bytes = utf8.encode(`${key}=`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = new Int32Array(bytes.length >> 2);
  for (let w = 0; w < words.length; w++) words[w] = view.getInt32(4 * w, true);
  return { key, bytes, words };
}

/** How scanRaw treats an unescaped `=`: part of the text, the end of the token, or an error. */
const EQUALS_IS_TEXT = 0;
const EQUALS_ENDS = 1;
const EQUALS_IS_ERROR = 2;

/** Characters a backslash escapes, per token kind. */
const MEASUREMENT_ESCAPES = ', ';
const KEY_ESCAPES = ',= ';
const STRING_ESCAPES = '"\\';

function unescape(raw: string, escapable: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length && escapable.includes(raw[i + 1]!)) {
      out += raw[i + 1];
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function sortTags(tags: Tags): Tags {
  const sorted: Tags = {};
  for (const key of Object.keys(tags).sort()) sorted[key] = tags[key]!;
  return sorted;
}
