// Flux values at run time. Hot path: rows of tables hold these directly, so the representation
// is plain JS where it can be: float = number, int = bigint, string, bool, null, arrays, and
// records as plain objects; time, duration, uint, dictionaries, functions and streams are small
// classes. Never a Map per row.

export class FluxTime {
  constructor(readonly ns: bigint) {}
}

export class FluxDuration {
  /** months part (mo, y) and nanoseconds part (everything else), as Flux keeps them apart. */
  constructor(
    readonly months: number,
    readonly ns: bigint,
  ) {}
  negate(): FluxDuration {
    return new FluxDuration(-this.months, -this.ns);
  }
}

export class FluxUint {
  constructor(readonly value: bigint) {}
}

export class FluxDict {
  constructor(
    readonly entries: Map<string | number | bigint | boolean, Value>,
    readonly keys: Value[] = [],
  ) {}
}

export type Value =
  | null
  | number
  | bigint
  | string
  | boolean
  | FluxTime
  | FluxDuration
  | FluxUint
  | RegExp
  | Value[]
  | FluxRecord
  | FluxDict
  | FluxFunction
  | { readonly __stream: true };

export interface FluxRecord {
  [key: string]: Value;
}

/** A callable: a closure over Flux source, or a builtin implemented in TypeScript. */
export interface FluxFunction {
  readonly __function: true;
  readonly name: string;
  /** Parameter names in order; the pipe parameter (if any) is named here too. */
  readonly params: string[];
  readonly pipeParam?: string;
  /** Parameters without a default. */
  readonly required: string[];
  call(args: FluxRecord): Value;
}

export function isFunction(value: unknown): value is FluxFunction {
  return typeof value === 'object' && value !== null && (value as FluxFunction).__function === true;
}

export function isRecord(value: unknown): value is FluxRecord {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !(value as FluxFunction).__function;
}

export function typeOf(value: Value): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (value instanceof FluxTime) return 'time';
  if (value instanceof FluxDuration) return 'duration';
  if (value instanceof FluxUint) return 'uint';
  if (value instanceof RegExp) return 'regexp';
  if (Array.isArray(value)) return 'array';
  if (value instanceof FluxDict) return 'dict';
  if (isFunction(value)) return 'function';
  if ((value as { __stream?: boolean }).__stream) return 'stream';
  return 'record';
}

export const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

export function durationOf(values: Array<{ magnitude: bigint; unit: string }>): FluxDuration {
  let months = 0;
  let ns = 0n;
  for (const { magnitude, unit } of values) {
    if (unit === 'mo') months += Number(magnitude);
    else if (unit === 'y') months += Number(magnitude) * 12;
    else ns += magnitude * NS_PER_UNIT[unit]!;
  }
  return new FluxDuration(months, ns);
}

/** Adds a duration to a time, calendar months first (as Flux's date arithmetic does). */
export function addDuration(time: bigint, duration: FluxDuration, scale = 1): bigint {
  let result = time;
  if (duration.months !== 0) {
    const ms = Number(result / 1_000_000n);
    const rest = result - BigInt(ms) * 1_000_000n;
    const date = new Date(ms);
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + duration.months * scale);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
    result = BigInt(date.getTime()) * 1_000_000n + rest;
  }
  return result + duration.ns * BigInt(scale);
}

export function formatDuration(duration: FluxDuration): string {
  if (duration.months === 0 && duration.ns === 0n) return '0ns';
  let text = '';
  let months = duration.months;
  if (months < 0 || duration.ns < 0n) text = '-';
  months = Math.abs(months);
  if (months >= 12) {
    text += `${Math.floor(months / 12)}y`;
    months %= 12;
  }
  if (months > 0) text += `${months}mo`;
  let ns = duration.ns < 0n ? -duration.ns : duration.ns;
  for (const unit of ['w', 'd', 'h', 'm', 's', 'ms', 'us', 'ns']) {
    const size = NS_PER_UNIT[unit]!;
    if (ns >= size) {
      text += `${ns / size}${unit}`;
      ns %= size;
    }
  }
  return text;
}

/** Flux's string form of a value (string(v:) and interpolation). */
export function display(value: Value): string {
  if (value === null) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatFloat(value);
    default:
      break;
  }
  if (value instanceof FluxTime) return formatTime(value.ns);
  if (value instanceof FluxDuration) return formatDuration(value);
  if (value instanceof FluxUint) return value.value.toString();
  if (value instanceof RegExp) return value.source;
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (value instanceof FluxDict) return `[${[...value.keys].map((k, i) => `${display(k)}: ${display([...value.entries.values()][i]!)}`).join(', ')}]`;
  if (isFunction(value)) return `<function ${value.name}>`;
  if ((value as { __stream?: boolean }).__stream) return '<stream>';
  return `{${Object.entries(value as FluxRecord)
    .map(([k, v]) => `${k}: ${display(v)}`)
    .join(', ')}}`;
}

export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const text = String(value);
  return text.includes('e') ? text.replace(/e\+?/, 'e+').replace('e+-', 'e-') : text;
}

export function formatTime(ns: bigint): string {
  let seconds = ns / 1_000_000_000n;
  let nanos = ns % 1_000_000_000n;
  if (nanos < 0n) {
    nanos += 1_000_000_000n;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (nanos === 0n) return `${base}Z`;
  return `${base}.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}Z`;
}

/** Equality as Flux's == compares (numbers across int/uint/float by value). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  const na = numeric(a);
  const nb = numeric(b);

  if (na !== undefined && nb !== undefined) return na == nb;
  if (a instanceof FluxTime && b instanceof FluxTime) return a.ns === b.ns;
  if (a instanceof FluxDuration && b instanceof FluxDuration) return a.ns === b.ns && a.months === b.months;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]!));
  if (isRecord(a) && isRecord(b)) {
    const ra = a as FluxRecord;
    const rb = b as FluxRecord;
    const ka = Object.keys(ra);
    return ka.length === Object.keys(rb).length && ka.every((k) => valuesEqual(ra[k]!, rb[k] ?? null));
  }
  return false;
}

function numeric(value: Value): number | bigint | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (value instanceof FluxUint) return value.value;
  return undefined;
}

/** Ordering used by comparisons and sort: numbers, strings, times, bools; null sorts first. */
export function compareValues(a: Value, b: Value): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (a instanceof FluxTime && b instanceof FluxTime) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  if (a instanceof FluxDuration && b instanceof FluxDuration) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.months - b.months;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}
