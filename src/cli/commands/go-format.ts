// How Kapacitor's CLI prints values, reproduced: fmt's %-Ns/%Nv padding (widths counted in
// runes, column sizes in bytes as Go's len), %v of floats and durations, time.RFC822 dates,
// humanize.Bytes sizes, %q, DBRP lists and encoding/json's Marshal (sorted keys, HTML escapes).

import { formatFloatV } from '../../gofmt/float.js';
import { goQuote } from '../../gofmt/quote.js';
import { formatGoDuration } from '../../gofmt/duration.js';
import { parseInfluxqlDuration } from '../../gofmt/influxql-duration.js';
import { goJSONEscape } from '../../gofmt/json-escape.js';

/** Go's %-Ns: left-aligned, padded with spaces to `width` runes. */
export function padRight(text: string, width: number): string {
  const length = runeCount(text);
  return length >= width ? text : text + ' '.repeat(width - length);
}

/** Go's %Nv: right-aligned. */
export function padLeft(text: string, width: number): string {
  const length = runeCount(text);
  return length >= width ? text : ' '.repeat(width - length) + text;
}

/** Go's len(string): UTF-8 bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** How fmt prints a []client.DBRP: `["db"."rp" "db2"."rp2"]`. */
export function formatDbrps(dbrps: ReadonlyArray<{ db: string; rp: string }> | undefined | null): string {
  return `[${(dbrps ?? []).map((dbrp) => `${goQuote(dbrp.db)}.${goQuote(dbrp.rp)}`).join(' ')}]`;
}

/** fmt's %v of a decoded JSON number (an int64 or a float64 field in Kapacitor's types). */
export function goNumber(value: unknown, integer: boolean): string {
  if (typeof value !== 'number') return String(value);
  return integer ? String(Math.trunc(value)) : formatFloatV(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface TimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC. */
  offset: number;
  zoneName: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/;

/** Go's t.Format(time.RFC822) of an RFC 3339 time in its own zone: `02 Jan 06 15:04 MST`. */
export function rfc822(text: string | undefined | null): string {
  const parts = parseParts(text ?? '');
  return formatRfc822(parts);
}

/** Go's t.Local().Format(time.RFC822): the time in this machine's zone. */
export function rfc822Local(text: string | undefined | null): string {
  const parts = parseParts(text ?? '');
  if (parts.year < 100) return formatRfc822(parts); // Go's zero time stays as it is, in UTC
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - parts.offset * 60_000;
  const local = new Date(utc);
  return formatRfc822({
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    offset: -local.getTimezoneOffset(),
    zoneName: localZoneName(local),
  });
}

function parseParts(text: string): TimeParts {
  const match = RFC3339.exec(text);
  if (match === null) return { year: 1, month: 1, day: 1, hour: 0, minute: 0, offset: 0, zoneName: 'UTC' };
  const zone = match[7]!;
  const offset = zone === 'Z' || zone === 'z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    offset,
    zoneName: zone === 'Z' || zone === 'z' ? 'UTC' : '',
  };
}

function formatRfc822(parts: TimeParts): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const zone = parts.zoneName !== '' ? parts.zoneName : numericZone(parts.offset);
  return `${two(parts.day)} ${MONTHS[parts.month - 1]} ${two(parts.year % 100)} ${two(parts.hour)}:${two(parts.minute)} ${zone}`;
}

/** Go prints "-0700" for a zone without a name. */
function numericZone(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function localZoneName(date: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  if (name === 'UTC' || name === 'GMT') return 'UTC';
  return /^[A-Z]{3,5}$/.test(name) ? name : numericZone(-date.getTimezoneOffset());
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** go-humanize's Bytes: SI units, one decimal under 10 (`0 B`, `1.5 kB`, `15 MB`). */
export function humanizeBytes(size: number): string {
  if (size < 10) return `${size} B`;
  const exponent = Math.min(Math.floor(Math.log(size) / Math.log(1000)), SIZE_UNITS.length - 1);
  const value = Math.floor((size / 1000 ** exponent) * 10 + 0.5) / 10;
  return value < 10 ? `${value.toFixed(1)} ${SIZE_UNITS[exponent]}` : `${value.toFixed(0)} ${SIZE_UNITS[exponent]}`;
}

/** encoding/json's Marshal: map keys sorted, <, > and & escaped, no spaces. */
export function goJsonMarshal(value: unknown): string {
  return goJSONEscape(JSON.stringify(sortKeys(value)) ?? 'null');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

export interface VarView {
  type?: string;
  value?: unknown;
  description?: string;
}

/**
 * How `show` prints a task or template var's value: the client decodes it by type (ints,
 * floats, durations as time.Duration, lists as "[a, b]") and fmt prints it with %v.
 */
export function formatVarValue(variable: VarView): string {
  const value = variable.value;
  if (value === undefined || value === null) return '<nil>';
  switch (variable.type) {
    case 'int':
      return goNumber(value, true);
    case 'float':
      return goNumber(value, false);
    case 'duration':
      return formatDurationValue(value);
    case 'list':
      return formatListValue(value);
    default:
      return typeof value === 'number' ? formatFloatV(value) : String(value);
  }
}

function formatDurationValue(value: unknown): string {
  if (typeof value === 'number') return formatGoDuration(BigInt(Math.trunc(value)));
  if (typeof value === 'string') {
    const ns = parseInfluxqlDuration(value);
    return ns === undefined ? value : formatGoDuration(ns);
  }
  return String(value);
}

function formatListValue(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  const items = value.map((item: VarView) => (item?.type === 'star' ? '*' : String(item?.value ?? '')));
  return `[${items.join(', ')}]`;
}
