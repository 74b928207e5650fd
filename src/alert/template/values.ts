// Values a template sees, typed as Go would type them: Go time.Time and time.Duration, maps
// whose missing keys read as "" (map[string]string, Kapacitor's Tags), and Go's %v printing
// and truth rules. Pure functions; no I/O.

import { formatGoDuration } from '../../gofmt/duration.js';
import { formatFloatV } from '../../gofmt/float.js';

/** A Go time.Time (UTC, epoch nanoseconds). */
export class GoTime {
  constructor(readonly ns: bigint) {}
}

/** A Go time.Duration in nanoseconds. */
export class GoDuration {
  constructor(readonly ns: bigint) {}
}

/** A Go map[string]string: a missing key reads as the empty string. */
export class StringMap {
  constructor(readonly entries: Readonly<Record<string, string>>) {}
}

const NS_PER_S = 1_000_000_000n;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Calendar parts of a UTC instant, exact to the nanosecond. */
export function timeParts(ns: bigint): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  weekday: number;
  yearDay: number;
} {
  let seconds = ns / NS_PER_S;
  let nano = ns % NS_PER_S;
  if (nano < 0n) {
    nano += NS_PER_S;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    nano: Number(nano),
    weekday: date.getUTCDay(),
    yearDay: Math.floor((date.getTime() - startOfYear) / 86_400_000) + 1,
  };
}

function fractionDigits(nano: number): string {
  if (nano === 0) return '';
  return '.' + pad(nano, 9).replace(/0+$/, '');
}

/** Go's time.Time.String() for a UTC time: "1971-01-01 00:00:10.5 +0000 UTC". */
export function formatGoTime(ns: bigint): string {
  const p = timeParts(ns);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${fractionDigits(p.nano)} +0000 UTC`;
}

/** Go's time.RFC3339Nano as encoding/json writes it: "1971-01-01T00:00:10.5Z". */
export function formatRFC3339Nano(ns: bigint): string {
  const p = timeParts(ns);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${fractionDigits(p.nano)}Z`;
}

function sortedKeys(record: object): string[] {
  return Object.keys(record).sort();
}

/** fmt's %v, as text/template prints an action's value. */
export function printValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatFloatV(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '<no value>';
    default:
      break;
  }
  if (value === null) return '<nil>';
  if (value instanceof GoTime) return formatGoTime(value.ns);
  if (value instanceof GoDuration) return formatGoDuration(value.ns);
  if (value instanceof StringMap) return printMap(value.entries);
  if (Array.isArray(value)) return '[' + value.map(printNested).join(' ') + ']';
  if (typeof value === 'object') return printMap(value as Record<string, unknown>);
  return String(value);
}

function printNested(value: unknown): string {
  return value === undefined ? '<nil>' : printValue(value);
}

function printMap(record: Readonly<Record<string, unknown>>): string {
  return (
    'map[' +
    sortedKeys(record)
      .map((key) => `${key}:${printNested(record[key])}`)
      .join(' ') +
    ']'
  );
}

/** Go template truth: false, 0, nil and empty strings, slices and maps are false. */
export function isTrue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'boolean':
      return value;
    case 'undefined':
      return false;
    default:
      break;
  }
  if (value === null) return false;
  if (value instanceof GoTime) return true;
  if (value instanceof GoDuration) return value.ns !== 0n;
  if (value instanceof StringMap) return Object.keys(value.entries).length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * A value as encoding/json writes it, as JSON text: plain objects are Go maps (keys sorted),
 * class instances Go structs (fields in declaration order, undefined ones left out), times
 * and durations as Go marshals them. Undefined for a value JSON has no text for.
 */
export function toJSONText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(Number(value));
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (value instanceof GoTime) return '"' + formatRFC3339Nano(value.ns) + '"';
  if (value instanceof GoDuration) return JSON.stringify(Number(value.ns));
  if (value instanceof StringMap) return objectText(value.entries, true);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (toJSONText(value[i]) ?? 'null');
    return out + ']';
  }
  const proto = Object.getPrototypeOf(value);
  return objectText(value as Record<string, unknown>, proto === Object.prototype || proto === null);
}

function objectText(value: Readonly<Record<string, unknown>>, isMap: boolean): string {
  const keys = isMap ? Object.keys(value).sort() : Object.keys(value);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = toJSONText(value[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}
