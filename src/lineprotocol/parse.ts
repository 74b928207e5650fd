// InfluxDB line protocol → points, as InfluxDB 1.x (and so Kapacitor) reads it: escapes,
// quoted string fields spanning lines, typed fields, precision, and per-line errors worded as
// InfluxDB words them. Hot path: one pass over the decoded text with charCodeAt, substrings
// only where a token has no escapes; never throws on bad input (bad lines become errors).

import { isAscii } from 'node:buffer';
import type { Fields, FieldValue, Point, Tags, TimeNs } from '../models/point.js';
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

/** A list of field keys, as lines write them, shared by every series whose lines carry it. */
interface FieldLayout {
  readonly keys: readonly string[];
  /** The keys the next line's raw text may be matched against, by position: undefined where a key held escapes. */
  readonly hints: ReadonlyArray<string | undefined>;
  /** Makes the fields object of a line with exactly these keys, from its values in order (none for wide or odd key lists). */
  readonly builder: FieldsBuilder | undefined;
}

type FieldsBuilder = (values: FieldValue[]) => Fields;

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
 * A flat copy of a substring that no longer points into the text it was cut from: the series
 * cache keeps its keys for a long time, and a slice would keep the whole decoded piece alive (a
 * JSON round trip makes one flat string; a slice of a concatenation stays a slice).
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Parsed series by raw text, in two generations: when the current one is full it becomes the
 * previous one (the one before is dropped), and a series found only in the previous one moves
 * back to the current one as the same object. Memory stays bounded at any cardinality (at most
 * twice SERIES_CACHE_SIZE keys), and a series written at least once per generation keeps its
 * tags object, so the groups and windows keyed on it are not rebuilt (clearing the whole cache
 * when full rebuilt every active series each time a few new ones had filled it).
 */
let seriesCache = new Map<string, Series>();
let previousSeries = new Map<string, Series>();
const SERIES_CACHE_SIZE = 250_000;

function rememberSeries(key: string, series: Series): void {
  if (seriesCache.size >= SERIES_CACHE_SIZE) {
    previousSeries = seriesCache;
    seriesCache = new Map();
  }
  seriesCache.set(key, series);
}

/**
 * Bodies are decoded and parsed in pieces of about this many bytes, cut at newlines: V8 puts
 * strings over ~128 KiB in its large-object space, where building one costs ~10x a memcpy.
 */
const PIECE_BYTES = 60 * 1024;

/** Parses a whole write body. Throws only for an unknown precision. */
export function parsePoints(body: Buffer | string, options: ParseOptions): ParseResult {
  const multiplier = precisionMultiplier(options.precision);
  const result: ParseResult = { points: [], errors: [] };
  if (typeof body === 'string') {
    new LineParser(body, multiplier, options, result).run();
    return result;
  }
  // Pure-ASCII bodies (the usual case) take the much faster latin1 path.
  const encoding = isAscii(body) ? 'latin1' : 'utf8';
  const length = body.length;
  // Pieces end where InfluxDB ends a line, so a string field spanning lines stays whole.
  let start = 0;
  while (start < length) {
    const end = sliceEnd(body, start, PIECE_BYTES);
    new LineParser(body.toString(encoding, start, end), multiplier, options, result).run();
    start = end;
  }
  return result;
}

class LineParser {
  private pos = 0;
  private lineStart = 0;
  private readonly points: Point[];
  private readonly errors: string[];

  constructor(
    private readonly text: string,
    private readonly multiplier: bigint,
    private readonly options: ParseOptions,
    result: ParseResult,
  ) {
    this.points = result.points;
    this.errors = result.errors;
  }

  run(): void {
    const text = this.text;
    const length = text.length;
    while (this.pos < length) {
      this.skipBlank();
      if (this.pos >= length) break;
      const c = text.charCodeAt(this.pos);
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
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== SPACE && c !== TAB && c !== CR) break;
      this.pos++;
    }
  }

  /** Moves past the next newline: used after errors and comments. */
  private skipToLineEnd(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.text.length : end + 1;
  }

  /** The text of the line being parsed, up to its first newline (for error messages). */
  private currentLine(): string {
    let end = this.text.indexOf('\n', this.lineStart);
    if (end === -1) end = this.text.length;
    if (end > this.lineStart && this.text.charCodeAt(end - 1) === CR) end--;
    return this.text.slice(this.lineStart, end);
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
   * series is cached by its raw text (up to the first space); the cached tags are frozen and
   * shared by every point of the series.
   */
  private parseSeries(): Series {
    const text = this.text;
    const start = this.pos;
    const space = text.indexOf(' ', start);
    const rawKey = space === -1 ? '' : text.slice(start, space);
    if (rawKey !== '') {
      const cached = seriesCache.get(rawKey);
      if (cached !== undefined) {
        this.pos = space;
        return cached;
      }
      const previous = previousSeries.get(rawKey);
      if (previous !== undefined) {
        previousSeries.delete(rawKey);
        rememberSeries(detached(rawKey), previous);
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
    if (this.pos === space) {
      rememberSeries(detached(rawKey), series);
    }
    return series;
  }

  private atLineEnd(c: number): boolean {
    return c === NEWLINE || c === CR || Number.isNaN(c);
  }

  private parseMeasurement(): string {
    const start = this.pos;
    const raw = this.scanRaw(EQUALS_IS_TEXT);
    if (this.pos === start) throw new LineError('missing measurement');
    if (this.atLineEnd(this.text.charCodeAt(this.pos))) throw new LineError('missing fields');
    return this.escaped ? unescape(raw, MEASUREMENT_ESCAPES) : raw;
  }

  /** Set by scanRaw: the token just scanned holds backslash escapes. */
  private escaped = false;

  /** Scans up to an unescaped `,`, space or line end, treating `=` as the rule says. */
  private scanRaw(equalsRule: number): string {
    const text = this.text;
    const start = this.pos;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH && this.pos + 1 < text.length && !this.atLineEnd(text.charCodeAt(this.pos + 1))) {
        escaped = true;
        this.pos += 2;
        continue;
      }
      if (c === COMMA || c === SPACE || this.atLineEnd(c)) break;
      if (c === EQUALS && equalsRule !== EQUALS_IS_TEXT) {
        if (equalsRule === EQUALS_ENDS) break;
        throw new LineError('invalid tag format');
      }
      this.pos++;
    }
    this.escaped = escaped;
    return text.slice(start, this.pos);
  }

  private parseTags(): Tags {
    const tags: Tags = {};
    const text = this.text;
    let previousKey = '';
    let sorted = true;
    let count = 0;
    while (text.charCodeAt(this.pos) === COMMA) {
      this.pos++;
      const key = this.scanToken(true);
      if (key === '') throw new LineError('missing tag key');
      if (text.charCodeAt(this.pos) !== EQUALS) throw new LineError('missing tag value');
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
    const text = this.text;
    if (text.charCodeAt(this.pos) !== SPACE) throw new LineError(message);
    while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    if (this.atLineEnd(text.charCodeAt(this.pos))) throw new LineError(message);
  }

  /**
   * The fields of a line. Keys and values go to scratch arrays first; a series whose lines keep
   * the same keys gets a compiled builder that makes the object in one literal (one hidden class,
   * no dictionary-mode growth), which is most of the cost of wide Telegraf lines.
   */
  private parseFields(series: Series): Fields {
    const text = this.text;
    const keys = scratchKeys;
    const values = scratchValues;
    const layout = series.layout;
    const hints = layout === undefined ? NO_HINTS : layout.hints;
    let n = 0;
    for (; ; n++) {
      const keyStart = this.pos;
      const key = this.scanFieldKey(n < hints.length ? hints[n] : undefined);
      if (key === '') throw new LineError(this.pos === keyStart && text.charCodeAt(this.pos) === EQUALS ? 'missing field key' : 'invalid field format');
      if (text.charCodeAt(this.pos) !== EQUALS) throw new LineError('missing field value');
      this.pos++;
      keys[n] = key;
      values[n] = this.parseFieldValue(series, n);
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === SPACE || this.atLineEnd(c)) break;
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

  /** The key of the next field; `hint` (the key at this position in the series' last line) is reused when the text repeats it. */
  private scanFieldKey(hint: string | undefined): string {
    const text = this.text;
    const start = this.pos;
    if (hint !== undefined && text.startsWith(hint, start) && text.charCodeAt(start + hint.length) === EQUALS) {
      this.pos = start + hint.length;
      return hint;
    }
    const raw = this.scanRaw(EQUALS_ENDS);
    if (this.pos === start) return '';
    if (text.charCodeAt(this.pos) !== EQUALS) throw new LineError('invalid field format');
    return this.escaped ? unescape(raw, KEY_ESCAPES) : intern(raw);
  }

  private parseFieldValue(series: Series, n: number): FieldValue {
    const text = this.text;
    if (text.charCodeAt(this.pos) === QUOTE) return this.parseStringValue();
    const start = this.pos;
    const simple = this.simpleNumber(series, n);
    if (simple !== undefined) return simple;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === COMMA || c === SPACE || this.atLineEnd(c)) break;
      this.pos++;
    }
    if (this.pos === start) throw new LineError('missing field value');
    return parseScalar(text.slice(start, this.pos));
  }

  /**
   * The usual numbers, read in one pass without a substring: a float `[-]digits[.digits]` whose
   * mantissa is below 2^53 with at most 22 decimals (mantissa and power of ten are then exact
   * doubles, so one division rounds exactly as Number(text) does), or an integer `[-]digits i`
   * below 2^53. Gauges repeat their value line after line, so the series keeps the last bigint
   * per integer field position and reuses it when the digits are equal. Undefined (position
   * unchanged) for anything else.
   */
  private simpleNumber(series: Series, n: number): FieldValue | undefined {
    const text = this.text;
    let i = this.pos;
    let c = text.charCodeAt(i);
    const negative = c === 45;
    if (negative) c = text.charCodeAt(++i);
    let mantissa = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = text.charCodeAt(++i);
    }
    if (c === 105 /* i */) {
      if (digits === 0 || mantissa >= MAX_EXACT) return undefined;
      c = text.charCodeAt(++i);
      if (!(c === COMMA || c === SPACE || this.atLineEnd(c))) return undefined;
      this.pos = i;
      return this.integerValue(series, n, negative ? -mantissa : mantissa);
    }
    let decimals = 0;
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        decimals++;
        c = text.charCodeAt(++i);
      }
    }
    if (digits + decimals === 0 || mantissa >= MAX_EXACT || decimals > 22 || !(c === COMMA || c === SPACE || this.atLineEnd(c))) return undefined;
    this.pos = i;
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
    const text = this.text;
    const start = ++this.pos;
    let escaped = false;
    for (;;) {
      if (this.pos >= text.length) throw new LineError('unbalanced quotes');
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH) {
        escaped = true;
        this.pos += 2;
        continue;
      }
      if (c === QUOTE) break;
      this.pos++;
    }
    const raw = text.slice(start, this.pos);
    this.pos++;
    return escaped ? unescape(raw, STRING_ESCAPES) : raw;
  }

  private parseTimestamp(): TimeNs {
    const text = this.text;
    while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = text.charCodeAt(this.pos);
    if (this.atLineEnd(c)) {
      this.finishLine();
      return this.options.defaultTime;
    }
    const simple = this.simpleTimestamp();
    if (simple !== undefined) return simple;
    const start = this.pos;
    while (this.pos < text.length) {
      const d = text.charCodeAt(this.pos);
      if (d === SPACE || d === TAB || this.atLineEnd(d)) break;
      this.pos++;
    }
    const raw = text.slice(start, this.pos);
    while (text.charCodeAt(this.pos) === SPACE || text.charCodeAt(this.pos) === TAB) this.pos++;
    if (!this.atLineEnd(text.charCodeAt(this.pos))) throw new LineError('bad timestamp');
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
    const text = this.text;
    const start = this.pos;
    let i = start;
    let c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    const digits = i - start;
    if (digits === 0 || digits > 19) return undefined;
    while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
    if (!this.atLineEnd(c)) return undefined;
    // up to 15 digits are one exact double; longer ones are read as the leading digits and the last nine
    const split = digits > 15 ? start + digits - 9 : start;
    let high = 0;
    for (let j = start; j < split; j++) high = high * 10 + (text.charCodeAt(j) - 48);
    let low = 0;
    for (let j = split, end = start + digits; j < end; j++) low = low * 10 + (text.charCodeAt(j) - 48);
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
      if (time > INT64_MAX) throw new LineError('bad timestamp');
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
    const text = this.text;
    if (text.charCodeAt(this.pos) === CR) this.pos++;
    if (text.charCodeAt(this.pos) === NEWLINE) this.pos++;
  }
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

/** Lines with more fields than this build their fields object the plain way. */
const MAX_BUILDER_FIELDS = 64;

/** Field layouts by key list (JSON text), shared by series with the same keys; cleared when full. */
const layouts = new Map<string, FieldLayout>();
const LAYOUTS_SIZE = 10_000;
const NO_HINTS: ReadonlyArray<string | undefined> = [];

function sameKeys(known: readonly string[], keys: string[], count: number): boolean {
  for (let k = 0; k < count; k++) if (known[k] !== keys[k]) return false;
  return true;
}

/**
 * The shared layout of these keys. Its builder returns `{"k0": v[0], "k1": v[1], ...}`; keys are
 * written as JSON string literals, so any text is safe; `__proto__` (a literal would set the
 * prototype), repeated keys and wide lists get none (the plain path). A key holding `,`, `=` or a
 * space came from escapes and is never matched against raw text.
 */
function fieldLayout(keys: string[], count: number): FieldLayout {
  const list = keys.slice(0, count);
  const id = JSON.stringify(list);
  let layout = layouts.get(id);
  if (layout === undefined) {
    const plain = count > MAX_BUILDER_FIELDS || new Set(list).size !== count || list.includes('__proto__');
    const hints = list.some((key) => UNSAFE_HINT.test(key)) ? list.map((key) => (UNSAFE_HINT.test(key) ? undefined : key)) : list;
    layout = { keys: list, hints, builder: plain ? undefined : compileFieldsBuilder(list) };
    if (layouts.size >= LAYOUTS_SIZE) layouts.clear();
    layouts.set(id, layout);
  }
  return layout;
}

const UNSAFE_HINT = /[,= ]/;

function compileFieldsBuilder(list: string[]): FieldsBuilder {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a generated literal builder keeps field objects monomorphic
  return new Function('v', `return {${list.map((key, k) => `${JSON.stringify(key)}: v[${k}]`).join(', ')}};`) as FieldsBuilder;
}

function plainFields(keys: string[], values: FieldValue[], count: number): Fields {
  const fields: Fields = {};
  for (let k = 0; k < count; k++) fields[keys[k]!] = values[k]!;
  return fields;
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
