// Points → InfluxDB line protocol, as InfluxDB's Go models write them: tags sorted by key,
// escapes per token kind, floats in shortest plain decimal (Go's 'f', -1), integers with `i`,
// and the timestamp divided by the precision. Used by recordings (.srpl) and influxDBOut.

import { precisionMultiplier } from './precision.js';
import type { FieldValue, Point, Tags, Fields, TimeNs } from '../models/point.js';

/** Nanoseconds per unit of a precision (n, u, ms, s, m, h); throws for an unknown one. */
export function precisionDivisor(precision: string): bigint {
  return precisionMultiplier(precision);
}

/** One point as a line (no trailing newline). */
export function formatLine(name: string, tags: Tags, fields: Fields, time: TimeNs | undefined, divisor = 1n): string {
  let line = escapeMeasurement(name);
  const tagKeys = Object.keys(tags).sort();
  for (const key of tagKeys) {
    const value = tags[key]!;
    if (value === '') continue;
    line += ',' + escapeKey(key) + '=' + escapeKey(value);
  }
  let first = true;
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key]!;
    // A null field (a join's .fill('null')) has no line-protocol form: it is left out.
    if (value === null) continue;
    line += (first ? ' ' : ',') + escapeKey(key) + '=' + formatFieldValue(value);
    first = false;
  }
  if (time !== undefined) line += ' ' + floorDiv(time, divisor).toString();
  return line;
}

export function formatPoint(point: Point, divisor = 1n): string {
  return formatLine(point.name, point.tags, point.fields, point.time, divisor);
}

export function formatFieldValue(value: Exclude<FieldValue, null>): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString() + 'i';
    case 'number':
      return formatFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloat(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '');
  const [whole, fraction = ''] = digits.split('.') as [string, string?];
  const all = whole + fraction;
  const point = whole.length + exponent;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + all;
  else if (point >= all.length) out = all + '0'.repeat(point - all.length);
  else out = all.slice(0, point) + '.' + all.slice(point);
  return (negative ? '-' : '') + out;
}

function floorDiv(time: TimeNs, divisor: bigint): bigint {
  if (divisor === 1n) return time;
  let q = time / divisor;
  if (time < 0n && time % divisor !== 0n) q -= 1n;
  return q;
}

function escapeMeasurement(name: string): string {
  return name.replace(/[, ]/g, (c) => '\\' + c);
}

function escapeKey(text: string): string {
  return text.replace(/[,= ]/g, (c) => '\\' + c);
}
