// The importable packages: strings, math, date, experimental, influxdata/influxdb/schema, http
// and json. Each package is a record of builtins; a member not listed here is a compile error
// (check.ts reads these names). http.post returns the status code, so map() can call it: it runs
// on a run thread (off-thread.ts) and waits there while the main thread sends the request.

import type { RunContext } from './context.js';
import { builtin, runtimeError } from './interpreter.js';
import { str, duration } from './transformations.js';
import { addDuration, display, FluxDict, FluxDuration, FluxTime, FluxUint, isRecord, typeOf, type FluxRecord, type Value } from './values.js';
import type { Location } from '../flux/errors.js';

function s(args: FluxRecord, name: string, loc: Location): string {
  return str(args[name] ?? null, name, loc);
}

function f(args: FluxRecord, name: string, loc: Location): number {
  const value = args[name];
  if (typeof value !== 'number') throw runtimeError(`argument "${name}" must be a float, got ${typeOf(value ?? null)}`, loc);
  return value;
}

function stringsPackage(): FluxRecord {
  const one = (name: string, fn: (v: string) => Value) => builtin(name, { params: ['v'], required: ['v'] }, (a, loc) => fn(s(a, 'v', loc)));
  return {
    contains: builtin('contains', { params: ['v', 'substr'], required: ['v', 'substr'] }, (a, loc) => s(a, 'v', loc).includes(s(a, 'substr', loc))),
    containsAny: builtin('containsAny', { params: ['v', 'chars'], required: ['v', 'chars'] }, (a, loc) =>
      [...s(a, 'chars', loc)].some((c) => s(a, 'v', loc).includes(c)),
    ),
    hasPrefix: builtin('hasPrefix', { params: ['v', 'prefix'], required: ['v', 'prefix'] }, (a, loc) => s(a, 'v', loc).startsWith(s(a, 'prefix', loc))),
    hasSuffix: builtin('hasSuffix', { params: ['v', 'suffix'], required: ['v', 'suffix'] }, (a, loc) => s(a, 'v', loc).endsWith(s(a, 'suffix', loc))),
    toUpper: one('toUpper', (v) => v.toUpperCase()),
    toLower: one('toLower', (v) => v.toLowerCase()),
    title: one('title', (v) => v.replace(/\b\p{L}/gu, (c) => c.toUpperCase())),
    trimSpace: one('trimSpace', (v) => v.trim()),
    strlen: one('strlen', (v) => BigInt([...v].length)),
    trim: builtin('trim', { params: ['v', 'cutset'], required: ['v', 'cutset'] }, (a, loc) => trimSet(s(a, 'v', loc), s(a, 'cutset', loc), true, true)),
    trimLeft: builtin('trimLeft', { params: ['v', 'cutset'], required: ['v', 'cutset'] }, (a, loc) =>
      trimSet(s(a, 'v', loc), s(a, 'cutset', loc), true, false),
    ),
    trimRight: builtin('trimRight', { params: ['v', 'cutset'], required: ['v', 'cutset'] }, (a, loc) =>
      trimSet(s(a, 'v', loc), s(a, 'cutset', loc), false, true),
    ),
    trimPrefix: builtin('trimPrefix', { params: ['v', 'prefix'], required: ['v', 'prefix'] }, (a, loc) => {
      const v = s(a, 'v', loc);
      const p = s(a, 'prefix', loc);
      return v.startsWith(p) ? v.slice(p.length) : v;
    }),
    trimSuffix: builtin('trimSuffix', { params: ['v', 'suffix'], required: ['v', 'suffix'] }, (a, loc) => {
      const v = s(a, 'v', loc);
      const p = s(a, 'suffix', loc);
      return p !== '' && v.endsWith(p) ? v.slice(0, -p.length) : v;
    }),
    replaceAll: builtin('replaceAll', { params: ['v', 't', 'u'], required: ['v', 't', 'u'] }, (a, loc) =>
      s(a, 'v', loc)
        .split(s(a, 't', loc))
        .join(s(a, 'u', loc)),
    ),
    replace: builtin('replace', { params: ['v', 't', 'u', 'i'], required: ['v', 't', 'u', 'i'] }, (a, loc) => {
      let v = s(a, 'v', loc);
      const t = s(a, 't', loc);
      const u = s(a, 'u', loc);
      let n = Number(a.i);
      let out = '';
      while (n-- > 0) {
        const at = v.indexOf(t);
        if (at < 0) break;
        out += v.slice(0, at) + u;
        v = v.slice(at + t.length);
      }
      return out + v;
    }),
    split: builtin('split', { params: ['v', 't'], required: ['v', 't'] }, (a, loc) => s(a, 'v', loc).split(s(a, 't', loc))),
    joinStr: builtin('joinStr', { params: ['arr', 'v'], required: ['arr', 'v'] }, (a, loc) => {
      if (!Array.isArray(a.arr) || a.arr.some((x) => typeof x !== 'string')) throw runtimeError('argument "arr" must be an array of strings', loc);
      return (a.arr as string[]).join(s(a, 'v', loc));
    }),
    index: builtin('index', { params: ['v', 'substr'], required: ['v', 'substr'] }, (a, loc) => BigInt(s(a, 'v', loc).indexOf(s(a, 'substr', loc)))),
    lastIndex: builtin('lastIndex', { params: ['v', 'substr'], required: ['v', 'substr'] }, (a, loc) =>
      BigInt(s(a, 'v', loc).lastIndexOf(s(a, 'substr', loc))),
    ),
    repeat: builtin('repeat', { params: ['v', 'i'], required: ['v', 'i'] }, (a, loc) => s(a, 'v', loc).repeat(Number(a.i))),
    substring: builtin('substring', { params: ['v', 'start', 'end'], required: ['v', 'start', 'end'] }, (a, loc) =>
      [...s(a, 'v', loc)].slice(Number(a.start), Number(a.end)).join(''),
    ),
    equalFold: builtin('equalFold', { params: ['v', 't'], required: ['v', 't'] }, (a, loc) => s(a, 'v', loc).toLowerCase() === s(a, 't', loc).toLowerCase()),
    countStr: builtin('countStr', { params: ['v', 'substr'], required: ['v', 'substr'] }, (a, loc) =>
      BigInt(s(a, 'v', loc).split(s(a, 'substr', loc)).length - 1),
    ),
  };
}

function trimSet(v: string, cutset: string, left: boolean, right: boolean): string {
  const chars = [...v];
  let start = 0;
  let end = chars.length;
  if (left) while (start < end && cutset.includes(chars[start]!)) start++;
  if (right) while (end > start && cutset.includes(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

function mathPackage(): FluxRecord {
  const one = (name: string, fn: (x: number) => number) => builtin(name, { params: ['x'], required: ['x'] }, (a, loc) => fn(f(a, 'x', loc)));
  const two = (name: string, p: [string, string], fn: (x: number, y: number) => number) =>
    builtin(name, { params: p, required: p }, (a, loc) => fn(f(a, p[0], loc), f(a, p[1], loc)));
  return {
    pi: Math.PI,
    e: Math.E,
    maxfloat: Number.MAX_VALUE,
    smallestNonzeroFloat: Number.MIN_VALUE,
    maxint: 9223372036854775807n,
    minint: -9223372036854775808n,
    maxuint: new FluxUint(18446744073709551615n),
    abs: one('abs', Math.abs),
    ceil: one('ceil', Math.ceil),
    floor: one('floor', Math.floor),
    round: one('round', (x) => (x < 0 ? -Math.round(-x) : Math.round(x))),
    trunc: one('trunc', Math.trunc),
    sqrt: one('sqrt', Math.sqrt),
    cbrt: one('cbrt', Math.cbrt),
    exp: one('exp', Math.exp),
    exp2: one('exp2', (x) => 2 ** x),
    log: one('log', Math.log),
    log10: one('log10', Math.log10),
    log2: one('log2', Math.log2),
    log1p: one('log1p', Math.log1p),
    sin: one('sin', Math.sin),
    cos: one('cos', Math.cos),
    tan: one('tan', Math.tan),
    asin: one('asin', Math.asin),
    acos: one('acos', Math.acos),
    atan: one('atan', Math.atan),
    sinh: one('sinh', Math.sinh),
    cosh: one('cosh', Math.cosh),
    tanh: one('tanh', Math.tanh),
    signbit: builtin('signbit', { params: ['x'], required: ['x'] }, (a, loc) => {
      const x = f(a, 'x', loc);
      return x < 0 || Object.is(x, -0);
    }),
    isNaN: builtin('isNaN', { params: ['f'], required: ['f'] }, (a, loc) => Number.isNaN(f(a, 'f', loc))),
    isInf: builtin('isInf', { params: ['f', 'sign'], required: ['f', 'sign'] }, (a, loc) => {
      const x = f(a, 'f', loc);
      const sign = Number(a.sign);
      return sign > 0 ? x === Infinity : sign < 0 ? x === -Infinity : !Number.isFinite(x) && !Number.isNaN(x);
    }),
    pow: two('pow', ['x', 'y'], (x, y) => x ** y),
    atan2: two('atan2', ['y', 'x'], (y, x) => Math.atan2(y, x)),
    hypot: two('hypot', ['p', 'q'], Math.hypot),
    mod: two('mod', ['x', 'y'], (x, y) => x % y),
    remainder: two('remainder', ['x', 'y'], (x, y) => x - y * Math.round(x / y)),
    mMax: two('mMax', ['x', 'y'], Math.max),
    mMin: two('mMin', ['x', 'y'], Math.min),
    dim: two('dim', ['x', 'y'], (x, y) => Math.max(x - y, 0)),
    copysign: two('copysign', ['x', 'y'], (x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
  };
}

function timeOf(value: Value | undefined, ctx: RunContext, loc: Location): bigint {
  if (value instanceof FluxTime) return value.ns;
  if (value instanceof FluxDuration) return addDuration(ctx.now, value);
  throw runtimeError(`argument "t" must be a time or duration, got ${typeOf(value ?? null)}`, loc);
}

function datePackage(ctx: RunContext): FluxRecord {
  const part = (name: string, fn: (d: Date, ns: bigint) => number) =>
    builtin(name, { params: ['t', 'location'], required: ['t'] }, (a, loc) => {
      const ns = timeOf(a.t, ctx, loc);
      return BigInt(fn(new Date(Number(ns / 1_000_000n)), ns));
    });
  return {
    truncate: builtin('truncate', { params: ['t', 'unit', 'location'], required: ['t', 'unit'] }, (a, loc) => {
      const ns = timeOf(a.t, ctx, loc);
      const unit = duration(a.unit!, 'unit', loc);
      if (unit.months > 0) {
        const d = new Date(Number(ns / 1_000_000n));
        const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
        const truncated = months - (((months % unit.months) + unit.months) % unit.months);
        return new FluxTime(BigInt(Date.UTC(Math.floor(truncated / 12), truncated % 12, 1)) * 1_000_000n);
      }
      if (unit.ns <= 0n) throw runtimeError('date.truncate unit must be positive', loc);
      let rem = ns % unit.ns;
      if (rem < 0n) rem += unit.ns;
      return new FluxTime(ns - rem);
    }),
    add: builtin(
      'add',
      { params: ['d', 'to', 'location'], required: ['d', 'to'] },
      (a, loc) => new FluxTime(addDuration(timeOf(a.to, ctx, loc), duration(a.d!, 'd', loc))),
    ),
    sub: builtin(
      'sub',
      { params: ['d', 'from', 'location'], required: ['d', 'from'] },
      (a, loc) => new FluxTime(addDuration(timeOf(a.from, ctx, loc), duration(a.d!, 'd', loc), -1)),
    ),
    second: part('second', (d) => d.getUTCSeconds()),
    minute: part('minute', (d) => d.getUTCMinutes()),
    hour: part('hour', (d) => d.getUTCHours()),
    weekDay: part('weekDay', (d) => d.getUTCDay()),
    monthDay: part('monthDay', (d) => d.getUTCDate()),
    yearDay: part('yearDay', (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1),
    month: part('month', (d) => d.getUTCMonth() + 1),
    year: part('year', (d) => d.getUTCFullYear()),
    week: part('week', (d) => isoWeek(d)),
    quarter: part('quarter', (d) => Math.floor(d.getUTCMonth() / 3) + 1),
    millisecond: part('millisecond', (d) => d.getUTCMilliseconds()),
    microsecond: part('microsecond', (_d, ns) => Number((((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n) / 1000n)),
    nanosecond: part('nanosecond', (_d, ns) => Number(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)),
    time: builtin('time', { params: ['t', 'location'], required: ['t'] }, (a, loc) => new FluxTime(timeOf(a.t, ctx, loc))),
    Sunday: 0n,
    Monday: 1n,
    Tuesday: 2n,
    Wednesday: 3n,
    Thursday: 4n,
    Friday: 5n,
    Saturday: 6n,
    January: 1n,
    February: 2n,
    March: 3n,
    April: 4n,
    May: 5n,
    June: 6n,
    July: 7n,
    August: 8n,
    September: 9n,
    October: 10n,
    November: 11n,
    December: 12n,
  };
}

function isoWeek(d: Date): number {
  const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function experimentalPackage(ctx: RunContext): FluxRecord {
  return {
    addDuration: builtin(
      'addDuration',
      { params: ['d', 'to', 'location'], required: ['d', 'to'] },
      (a, loc) => new FluxTime(addDuration(timeOf(a.to, ctx, loc), duration(a.d!, 'd', loc))),
    ),
    subDuration: builtin(
      'subDuration',
      { params: ['d', 'from', 'location'], required: ['d', 'from'] },
      (a, loc) => new FluxTime(addDuration(timeOf(a.from, ctx, loc), duration(a.d!, 'd', loc), -1)),
    ),
  };
}

function schemaPackage(pivot: Value): FluxRecord {
  return {
    fieldsAsCols: builtin('fieldsAsCols', { params: [], pipe: 'tables' }, (a, loc) =>
      (pivot as unknown as { callAt(args: FluxRecord, loc: Location): Value }).callAt(
        { tables: a.tables!, rowKey: ['_time'], columnKey: ['_field'], valueColumn: '_value' },
        loc,
      ),
    ),
  };
}

/** JSON text of a Flux value (times RFC3339, durations as strings). */
export function toJSON(value: Value): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof FluxUint) return Number(value.value);
  if (value instanceof FluxTime || value instanceof FluxDuration || value instanceof RegExp) return display(value);
  if (Array.isArray(value)) return value.map(toJSON);
  if (value instanceof FluxDict) return Object.fromEntries([...value.keys].map((k, i) => [display(k), toJSON([...value.entries.values()][i]!)]));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value as FluxRecord).map(([k, v]) => [k, toJSON(v)]));
  throw new Error(`cannot encode a ${typeOf(value)} as JSON`);
}

function httpPackage(ctx: RunContext): FluxRecord {
  return {
    post: builtin('post', { params: ['url', 'headers', 'data'], required: ['url'] }, (a, loc) => {
      const url = s(a, 'url', loc);
      const headers: Record<string, string> = {};
      if (a.headers !== undefined) {
        if (!isRecord(a.headers)) throw runtimeError('argument "headers" must be a record', loc);
        for (const [k, v] of Object.entries(a.headers as FluxRecord)) headers[k] = display(v);
      }
      const data = a.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(a.data) ? a.data : Buffer.from(display(a.data));
      if (ctx.httpPost === undefined) throw runtimeError('http.post is only available in a run thread', loc);
      let status: number;
      try {
        status = ctx.httpPost(url, headers, data);
      } catch (error) {
        throw runtimeError(`http.post to ${url} failed: ${(error as Error).message}`, loc);
      }
      ctx.log(`http.post ${url}: ${status}`);
      return BigInt(status);
    }),
    pathEscape: builtin('pathEscape', { params: ['inputString'], required: ['inputString'] }, (a, loc) => encodeURIComponent(s(a, 'inputString', loc))),
  };
}

function jsonPackage(): FluxRecord {
  return {
    encode: builtin('encode', { params: ['v'], required: ['v'] }, (a) => Buffer.from(JSON.stringify(toJSON(a.v!))) as unknown as Value),
  };
}

export const PACKAGE_PATHS = ['strings', 'math', 'date', 'experimental', 'influxdata/influxdb/schema', 'http', 'json'] as const;

/** Builds the package record for an import path (undefined for unsupported packages). */
export function createPackage(path: string, ctx: RunContext, universe: Record<string, Value>): FluxRecord | undefined {
  switch (path) {
    case 'strings':
      return stringsPackage();
    case 'math':
      return mathPackage();
    case 'date':
      return datePackage(ctx);
    case 'experimental':
      return experimentalPackage(ctx);
    case 'influxdata/influxdb/schema':
      return schemaPackage(universe.pivot!);
    case 'http':
      return httpPackage(ctx);
    case 'json':
      return jsonPackage();
  }
  return undefined;
}
