// Universe functions on values rather than tables: now, length, contains, type conversions
// (float/int/uint/string/bool/time/duration and their toX() column forms), from and to.

import type { Location } from '../flux/errors.js';
import type { Point } from '../models/point.js';
import { parseRFC3339 } from '../models/time.js';
import type { RunContext } from './context.js';
import { builtin, runtimeError } from './interpreter.js';
import { isStream, Stream } from './table.js';
import { op, str, stringArray, fnArg } from './transformations.js';
import { callFunction } from './interpreter.js';
import { display, durationOf, FluxDuration, FluxTime, FluxUint, isRecord, typeOf, valuesEqual, type FluxRecord, type Value } from './values.js';

export function convert(target: string, value: Value, loc: Location): Value {
  if (value === null) return null;
  const fail = (): never => {
    throw runtimeError(`cannot convert ${typeOf(value)} ${JSON.stringify(display(value))} to ${target}`, loc);
  };
  switch (target) {
    case 'float':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (value instanceof FluxUint) return Number(value.value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        const trimmed = value.trim();
        if (trimmed === '' || (Number.isNaN(Number(trimmed)) && trimmed !== 'NaN')) fail();
        return Number(trimmed);
      }
      return fail();
    case 'int':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) fail();
        return BigInt.asIntN(64, BigInt(Math.trunc(value)));
      }
      if (value instanceof FluxUint) return BigInt.asIntN(64, value.value);
      if (typeof value === 'boolean') return value ? 1n : 0n;
      if (value instanceof FluxTime) return value.ns;
      if (value instanceof FluxDuration) return value.ns;
      if (typeof value === 'string') {
        if (!/^[+-]?\d+$/.test(value)) fail();
        return BigInt.asIntN(64, BigInt(value));
      }
      return fail();
    case 'uint': {
      const asInt = convert('int', value instanceof FluxUint ? value.value : value, loc) as bigint;
      return new FluxUint(BigInt.asUintN(64, asInt));
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'object' && !(value instanceof FluxTime) && !(value instanceof FluxDuration) && !(value instanceof FluxUint)) fail();
      return display(value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'bigint') return value !== 0n;
      if (value instanceof FluxUint) return value.value !== 0n;
      return fail();
    case 'time':
      if (value instanceof FluxTime) return value;
      if (typeof value === 'bigint') return new FluxTime(value);
      if (value instanceof FluxUint) return new FluxTime(value.value);
      if (typeof value === 'string') {
        const ns = parseRFC3339(value);
        if (ns === undefined) fail();
        return new FluxTime(ns!);
      }
      return fail();
    case 'duration':
      if (value instanceof FluxDuration) return value;
      if (typeof value === 'bigint') return new FluxDuration(0, value);
      if (typeof value === 'string') {
        const parts = [...value.matchAll(/(\d+)(mo|ms|us|µs|ns|y|w|d|h|m|s)/g)];
        if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value.replace(/^-/, '')) fail();
        const d = durationOf(parts.map((p) => ({ magnitude: BigInt(p[1]!), unit: p[2] === 'µs' ? 'us' : p[2]! })));
        return value.startsWith('-') ? d.negate() : d;
      }
      return fail();
  }
  return fail();
}

export function createScalars(ctx: RunContext): Record<string, Value> {
  const scalars: Record<string, Value> = {
    true: true,
    false: false,
    now: builtin('now', { params: [] }, () => new FluxTime(ctx.now)),
    length: builtin('length', { params: ['arr'], required: ['arr'] }, (args, loc) => {
      if (!Array.isArray(args.arr)) throw runtimeError('argument "arr" must be an array', loc);
      return BigInt(args.arr.length);
    }),
    contains: builtin('contains', { params: ['value', 'set'], required: ['value', 'set'] }, (args, loc) => {
      if (!Array.isArray(args.set)) throw runtimeError('argument "set" must be an array', loc);
      return args.set.some((v) => valuesEqual(v, args.value!));
    }),
    from: builtin('from', { params: ['bucket', 'bucketID', 'host', 'org', 'orgID', 'token'], required: [] }, (args, loc) => {
      if (args.bucket === undefined) throw runtimeError('from needs a bucket ("db/rp" or "db")', loc);
      const bucket = str(args.bucket, 'bucket', loc);
      return new Stream({ kind: 'from', spec: { bucket, loc, measurements: [], fields: [], tags: [] } });
    }),
    to: builtin(
      'to',
      {
        params: ['bucket', 'bucketID', 'org', 'orgID', 'host', 'token', 'timeColumn', 'measurementColumn', 'tagColumns', 'fieldFn'],
        pipe: 'tables',
      },
      (args, loc) => {
        if (args.bucket === undefined) throw runtimeError('to needs a bucket ("db/rp" or "db")', loc);
        const bucket = str(args.bucket, 'bucket', loc);
        const timeColumn = args.timeColumn === undefined ? '_time' : str(args.timeColumn, 'timeColumn', loc);
        const measurementColumn = args.measurementColumn === undefined ? '_measurement' : str(args.measurementColumn, 'measurementColumn', loc);
        const tagColumns = args.tagColumns === undefined ? undefined : stringArray(args.tagColumns, 'tagColumns', loc);
        const fieldFn = args.fieldFn === undefined ? undefined : fnArg(args.fieldFn, 'fieldFn', loc);
        if (!isStream(args.tables)) throw runtimeError('to needs a table stream piped in', loc);
        const stream = op('to', loc, args.tables, (tables) => {
          const points: Point[] = [];
          const [db = '', rp = ''] = bucket.split('/');
          for (const table of tables) {
            const tags =
              tagColumns ??
              table.key.filter(
                (c) =>
                  c !== '_start' &&
                  c !== '_stop' &&
                  c !== measurementColumn &&
                  c !== '_field' &&
                  c !== '_value' &&
                  c !== timeColumn &&
                  typeof table.keyValues[c] === 'string',
              );
            for (const row of table.rows) {
              const time = row[timeColumn];
              const name = row[measurementColumn];
              if (!(time instanceof FluxTime)) throw runtimeError(`to: column "${timeColumn}" must be a time`, loc);
              if (typeof name !== 'string') throw runtimeError(`to: column "${measurementColumn}" must be a string`, loc);
              const fields: Point['fields'] = {};
              if (fieldFn !== undefined) {
                const result = callFunction(fieldFn, { r: row }, loc);
                if (!isRecord(result)) throw runtimeError('to: fieldFn must return a record', loc);
                for (const [k, v] of Object.entries(result as FluxRecord)) addField(fields, k, v, loc);
              } else {
                const field = row._field;
                if (typeof field !== 'string') throw runtimeError('to: column "_field" must be a string', loc);
                addField(fields, field, row._value ?? null, loc);
              }
              if (Object.keys(fields).length === 0) continue;
              const pointTags: Record<string, string> = {};
              for (const tag of tags) {
                const value = row[tag];
                if (typeof value === 'string' && value !== '') pointTags[tag] = value;
              }
              points.push({ name, tags: pointTags, fields, time: time.ns, database: db, retentionPolicy: rp });
            }
          }
          ctx.writes.push({ bucket, points });
          return tables;
        });
        ctx.sinks.push({ name: '', stream, loc });
        return stream;
      },
    ),
  };
  for (const target of ['float', 'int', 'uint', 'string', 'bool', 'time', 'duration']) {
    scalars[target] = builtin(target, { params: ['v'], required: ['v'] }, (args, loc) => convert(target, args.v!, loc));
  }
  for (const target of ['float', 'int', 'uint', 'string', 'bool', 'time']) {
    const name = `to${target[0]!.toUpperCase()}${target.slice(1)}`;
    scalars[name] = builtin(name, { params: [], pipe: 'tables' }, (args, loc) =>
      op(name, loc, args.tables!, (tables) =>
        tables.map((t) => ({ key: t.key, keyValues: t.keyValues, rows: t.rows.map((row) => ({ ...row, _value: convert(target, row._value ?? null, loc) })) })),
      ),
    );
  }
  return scalars;
}

function addField(fields: Point['fields'], key: string, value: Value, loc: Location): void {
  if (value === null) return;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || typeof value === 'boolean') fields[key] = value;
  else if (value instanceof FluxUint) fields[key] = value.value;
  else throw runtimeError(`to: field "${key}" has unsupported type ${typeOf(value)}`, loc);
}
