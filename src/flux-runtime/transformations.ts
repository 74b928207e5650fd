// Flux's table transformations (range, filter, map, keep, group, window, pivot, sort, ...):
// each builds a plan node whose run() maps input tables to output tables. `range` and
// pushable `filter`s on a `from` fold into its FromSpec instead (see pushdown.ts).
// Hot path: run() loops over plain row arrays; closures are compiled once per call site.

import type { Location } from '../flux/errors.js';
import { builtin, callFunction, runtimeError } from './interpreter.js';
import { calendarOf, calendarWindowTables, type CalendarWindow } from './calendar-windows.js';
import { pushFilter } from './pushdown.js';
import type { RunContext } from './context.js';
import { columnsOf, isStream, keyRecord, regroup, Stream, type Table } from './table.js';
import {
  addDuration,
  compareValues,
  FluxDuration,
  FluxTime,
  isFunction,
  isRecord,
  typeOf,
  valuesEqual,
  type FluxFunction,
  type FluxRecord,
  type Value,
} from './values.js';

export function op(name: string, loc: Location, input: Value, run: (tables: Table[]) => Table[]): Stream {
  if (!isStream(input)) throw runtimeError(`function "${name}" needs a table stream piped in, got ${typeOf(input)}`, loc);
  return new Stream({ kind: 'op', name, loc, inputs: [input], run: ([tables]) => run(tables!) });
}

export function stringArray(value: Value, name: string, loc: Location): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw runtimeError(`argument "${name}" must be an array of strings`, loc);
  return value as string[];
}

export function str(value: Value, name: string, loc: Location): string {
  if (typeof value !== 'string') throw runtimeError(`argument "${name}" must be a string, got ${typeOf(value)}`, loc);
  return value;
}

export function int(value: Value, name: string, loc: Location): number {
  if (typeof value !== 'bigint') throw runtimeError(`argument "${name}" must be an int, got ${typeOf(value)}`, loc);
  return Number(value);
}

export function fnArg(value: Value, name: string, loc: Location): FluxFunction {
  if (!isFunction(value)) throw runtimeError(`argument "${name}" must be a function, got ${typeOf(value)}`, loc);
  return value;
}

export function duration(value: Value, name: string, loc: Location): FluxDuration {
  if (!(value instanceof FluxDuration)) throw runtimeError(`argument "${name}" must be a duration, got ${typeOf(value)}`, loc);
  return value;
}

/** A time argument: a time, a duration relative to now, or an int of unix seconds. */
export function timeArg(value: Value, now: bigint, name: string, loc: Location): bigint {
  if (value instanceof FluxTime) return value.ns;
  if (value instanceof FluxDuration) return addDuration(now, value);
  if (typeof value === 'bigint') return value * 1_000_000_000n;
  throw runtimeError(`argument "${name}" must be a time, a duration or an int, got ${typeOf(value)}`, loc);
}

function mapRows(tables: Table[], fn: (row: FluxRecord) => FluxRecord): Table[] {
  return tables.map((t) => ({ key: t.key, keyValues: t.keyValues, rows: t.rows.map(fn) }));
}

/** Window start for time t (ns). */
export function windowStart(t: bigint, every: bigint, offset: bigint): bigint {
  let rem = (t - offset) % every;
  if (rem < 0n) rem += every;
  return t - rem;
}

function withKey(key: string[], extra: string[]): string[] {
  const result = [...key];
  for (const column of extra) if (!result.includes(column)) result.push(column);
  return result;
}

export interface WindowOptions {
  every: bigint;
  period: bigint;
  offset: bigint;
  createEmpty: boolean;
  timeColumn: string;
  startColumn: string;
  stopColumn: string;
  /** Set when every counts months: calendar windows (every, period and offset above unused). */
  calendar?: CalendarWindow;
}

/** Splits each table into windows; one output table per (input key, window), in time order. */
export function windowTables(tables: Table[], options: WindowOptions, loc: Location, copyRows = true): Table[] {
  const { every, period, offset, timeColumn, startColumn, stopColumn } = options;
  if (options.calendar !== undefined)
    return calendarWindowTables(tables, options.calendar, options, (t) => withKey(t.key, [startColumn, stopColumn]), copyRows);
  if (every <= 0n || period <= 0n) throw runtimeError('window every and period must be positive', loc);
  const output: Table[] = [];
  for (const table of tables) {
    const bounds = [table.keyValues[startColumn], table.keyValues[stopColumn]];
    const lower = bounds[0] instanceof FluxTime ? bounds[0].ns : undefined;
    const upper = bounds[1] instanceof FluxTime ? bounds[1].ns : undefined;
    const windows = new Map<bigint, FluxRecord[]>();
    if (options.createEmpty && lower !== undefined && upper !== undefined) {
      for (let s = windowStart(lower, every, offset) - period + every; s < upper; s += every) {
        if (s + period > lower) windows.set(s, []);
      }
    }
    for (const row of table.rows) {
      const time = row[timeColumn];
      if (!(time instanceof FluxTime)) continue;
      const last = windowStart(time.ns, every, offset);
      if (period === every) {
        let rows = windows.get(last);
        if (rows === undefined) {
          rows = [];
          windows.set(last, rows);
        }
        rows.push(row);
        continue;
      }
      for (let s = last; s > time.ns - period; s -= every) {
        let rows = windows.get(s);
        if (rows === undefined) {
          rows = [];
          windows.set(s, rows);
        }
        rows.push(row);
      }
    }
    const key = withKey(table.key, [startColumn, stopColumn]);
    for (const s of [...windows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const start = new FluxTime(lower !== undefined && s < lower ? lower : s);
      const stop = new FluxTime(upper !== undefined && s + period > upper ? upper : s + period);
      // aggregateWindow reads window bounds from the table's key, so it may share the rows
      const rows = copyRows ? windows.get(s)!.map((row) => ({ ...row, [startColumn]: start, [stopColumn]: stop })) : windows.get(s)!;
      output.push({ key, keyValues: { ...table.keyValues, [startColumn]: start, [stopColumn]: stop }, rows });
    }
  }
  return output;
}

function sortRows(rows: FluxRecord[], columns: string[], desc: boolean): FluxRecord[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    for (const column of columns) {
      const c = compareValues(a[column] ?? null, b[column] ?? null);
      if (c !== 0) return c * sign;
    }
    return 0;
  });
}

export function createTransformations(ctx: RunContext): Record<string, Value> {
  const tablesParam = 'tables';
  const universe: Record<string, Value> = {
    range: builtin('range', { params: ['start', 'stop'], required: ['start'], pipe: tablesParam }, (args, loc) => {
      const start = timeArg(args.start!, ctx.now, 'start', loc);
      const stop = args.stop === undefined ? ctx.now : timeArg(args.stop, ctx.now, 'stop', loc);
      const input = args.tables as Stream;
      if (isStream(input) && input.node.kind === 'from' && input.node.spec.start === undefined) {
        return new Stream({ kind: 'from', spec: { ...input.node.spec, start, stop } });
      }
      const startTime = new FluxTime(start);
      const stopTime = new FluxTime(stop);
      return op('range', loc, input, (tables) => {
        const output: Table[] = [];
        for (const table of tables) {
          const rows: FluxRecord[] = [];
          for (const row of table.rows) {
            const time = row._time;
            if (time instanceof FluxTime && time.ns >= start && time.ns < stop) rows.push({ ...row, _start: startTime, _stop: stopTime });
          }
          output.push({ key: withKey(table.key, ['_start', '_stop']), keyValues: { ...table.keyValues, _start: startTime, _stop: stopTime }, rows });
        }
        return output;
      });
    }),
    filter: builtin('filter', { params: ['fn', 'onEmpty'], required: ['fn'], pipe: tablesParam }, (args, loc) => {
      const fn = fnArg(args.fn!, 'fn', loc);
      const keepEmpty = args.onEmpty === 'keep';
      let input = args.tables as Value;
      let needsLocal = true;
      if (isStream(input) && input.node.kind === 'from') {
        const pushed = pushFilter(input.node.spec, fn);
        if (pushed !== undefined) {
          input = new Stream({ kind: 'from', spec: pushed.spec });
          needsLocal = !pushed.exact;
        }
      }
      if (!needsLocal) return input;
      return op('filter', loc, input, (tables) => {
        const output: Table[] = [];
        for (const table of tables) {
          const rows: FluxRecord[] = [];
          for (const row of table.rows) {
            const keep = callFunction(fn, { r: row }, loc);
            if (keep !== null && typeof keep !== 'boolean') throw runtimeError(`filter fn must return a bool, got ${typeOf(keep)}`, loc);
            if (keep === true) rows.push(row);
          }
          if (rows.length > 0 || keepEmpty) output.push({ key: table.key, keyValues: table.keyValues, rows });
        }
        return output;
      });
    }),
    map: builtin('map', { params: ['fn', 'mergeKey'], required: ['fn'], pipe: tablesParam }, (args, loc) => {
      const fn = fnArg(args.fn!, 'fn', loc);
      return op('map', loc, args.tables!, (tables) => {
        const output: Table[] = [];
        for (const table of tables) {
          const rows = table.rows.map((row): FluxRecord => {
            const result = callFunction(fn, { r: row }, loc);
            if (!isRecord(result)) throw runtimeError(`map fn must return a record, got ${typeOf(result)}`, loc);
            return result;
          });
          const key = table.key.filter((column) => rows.every((row) => column in row));
          const unchanged = rows.every((row) =>
            key.every(
              (column) => valuesEqual(row[column] ?? null, table.keyValues[column] ?? null) || (row[column] === null && table.keyValues[column] === null),
            ),
          );
          if (unchanged) output.push({ key, keyValues: keyRecord(key, table.keyValues), rows });
          else output.push(...regroup(rows, key));
        }
        return output;
      });
    }),
    keep: builtin('keep', { params: ['columns', 'fn'], pipe: tablesParam }, (args, loc) => {
      const pick = columnPredicate(args, loc);
      return op('keep', loc, args.tables!, (tables) => tables.map((table) => project(table, (c) => pick(c))));
    }),
    drop: builtin('drop', { params: ['columns', 'fn'], pipe: tablesParam }, (args, loc) => {
      const pick = columnPredicate(args, loc);
      return op('drop', loc, args.tables!, (tables) => tables.map((table) => project(table, (c) => !pick(c))));
    }),
    rename: builtin('rename', { params: ['columns', 'fn'], pipe: tablesParam }, (args, loc) => {
      let renameOf: (column: string) => string;
      if (args.columns !== undefined) {
        if (!isRecord(args.columns)) throw runtimeError('argument "columns" must be a record', loc);
        const mapping = args.columns as FluxRecord;
        renameOf = (c) => (typeof mapping[c] === 'string' ? mapping[c] : c);
      } else if (args.fn !== undefined) {
        const fn = fnArg(args.fn, 'fn', loc);
        renameOf = (c) => str(callFunction(fn, { column: c }, loc), 'fn result', loc);
      } else {
        throw runtimeError('rename needs "columns" or "fn"', loc);
      }
      return op('rename', loc, args.tables!, (tables) =>
        tables.map((table) => {
          const rename = (record: FluxRecord) => {
            const out: FluxRecord = {};
            for (const column in record) out[renameOf(column)] = record[column]!;
            return out;
          };
          return { key: table.key.map(renameOf), keyValues: rename(table.keyValues), rows: table.rows.map(rename) };
        }),
      );
    }),
    set: builtin('set', { params: ['key', 'value'], required: ['key', 'value'], pipe: tablesParam }, (args, loc) => {
      const column = str(args.key!, 'key', loc);
      const value = str(args.value!, 'value', loc);
      return op('set', loc, args.tables!, (tables) => {
        const output: Table[] = [];
        for (const table of tables) {
          const updated = table.rows.map((row) => ({ ...row, [column]: value }));
          if (table.key.includes(column)) output.push(...regroup(updated, table.key));
          else output.push({ key: table.key, keyValues: table.keyValues, rows: updated });
        }
        return output;
      });
    }),
    duplicate: builtin('duplicate', { params: ['column', 'as'], required: ['column', 'as'], pipe: tablesParam }, (args, loc) => {
      const column = str(args.column!, 'column', loc);
      const as = str(args.as!, 'as', loc);
      return op('duplicate', loc, args.tables!, (tables) => mapRows(tables, (row) => ({ ...row, [as]: row[column] ?? null })));
    }),
    group: builtin('group', { params: ['columns', 'mode'], pipe: tablesParam }, (args, loc) => {
      const columns = args.columns === undefined ? [] : stringArray(args.columns, 'columns', loc);
      const mode = args.mode === undefined ? 'by' : str(args.mode, 'mode', loc);
      if (mode !== 'by' && mode !== 'except') throw runtimeError(`group mode must be "by" or "except", got ${JSON.stringify(mode)}`, loc);
      return op('group', loc, args.tables!, (tables) => {
        const rows: FluxRecord[] = [];
        for (const table of tables) for (const row of table.rows) rows.push(row);
        if (mode === 'by') return regroup(rows, columns);
        const all = new Set<string>();
        for (const table of tables) for (const column of columnsOf(table)) all.add(column);
        return regroup(
          rows,
          [...all].filter((c) => !columns.includes(c)),
        );
      });
    }),
    window: builtin(
      'window',
      { params: ['every', 'period', 'offset', 'timeColumn', 'startColumn', 'stopColumn', 'createEmpty', 'location'], pipe: tablesParam },
      (args, loc) => {
        const options = windowOptions(args, loc, false);
        return op('window', loc, args.tables!, (tables) => windowTables(tables, options, loc));
      },
    ),
    sort: builtin('sort', { params: ['columns', 'desc'], pipe: tablesParam }, (args, loc) => {
      const columns = args.columns === undefined ? ['_value'] : stringArray(args.columns, 'columns', loc);
      const desc = args.desc === true;
      return op('sort', loc, args.tables!, (tables) => tables.map((t) => ({ ...t, rows: sortRows(t.rows, columns, desc) })));
    }),
    limit: builtin('limit', { params: ['n', 'offset'], required: ['n'], pipe: tablesParam }, (args, loc) => {
      const n = int(args.n!, 'n', loc);
      const offset = args.offset === undefined ? 0 : int(args.offset, 'offset', loc);
      return op('limit', loc, args.tables!, (tables) => tables.map((t) => ({ ...t, rows: t.rows.slice(offset, offset + n) })));
    }),
    tail: builtin('tail', { params: ['n', 'offset'], required: ['n'], pipe: tablesParam }, (args, loc) => {
      const n = int(args.n!, 'n', loc);
      const offset = args.offset === undefined ? 0 : int(args.offset, 'offset', loc);
      return op('tail', loc, args.tables!, (tables) =>
        tables.map((t) => {
          const end = Math.max(t.rows.length - offset, 0);
          return { ...t, rows: t.rows.slice(Math.max(end - n, 0), end) };
        }),
      );
    }),
    unique: builtin('unique', { params: ['column'], pipe: tablesParam }, (args, loc) => {
      const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
      return op('unique', loc, args.tables!, (tables) =>
        tables.map((t) => {
          const seen: Value[] = [];
          const rows = t.rows.filter((row) => {
            const value = row[column] ?? null;
            if (seen.some((s) => valuesEqual(s, value) || (s === null && value === null))) return false;
            seen.push(value);
            return true;
          });
          return { ...t, rows };
        }),
      );
    }),
    distinct: builtin('distinct', { params: ['column'], pipe: tablesParam }, (args, loc) => {
      const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
      return op('distinct', loc, args.tables!, (tables) =>
        tables.map((t) => {
          const seen: Value[] = [];
          const rows: FluxRecord[] = [];
          for (const row of t.rows) {
            const value = row[column] ?? null;
            if (seen.some((s) => valuesEqual(s, value) || (s === null && value === null))) continue;
            seen.push(value);
            rows.push({ ...t.keyValues, _value: value });
          }
          return { ...t, rows };
        }),
      );
    }),
    fill: builtin('fill', { params: ['column', 'value', 'usePrevious'], pipe: tablesParam }, (args, loc) => {
      const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
      const usePrevious = args.usePrevious === true;
      if (!usePrevious && args.value === undefined) throw runtimeError('fill needs "value" or "usePrevious: true"', loc);
      return op('fill', loc, args.tables!, (tables) =>
        tables.map((t) => {
          let previous: Value = null;
          const rows = t.rows.map((row) => {
            const value = row[column] ?? null;
            if (value !== null) {
              previous = value;
              return row;
            }
            return { ...row, [column]: usePrevious ? previous : args.value! };
          });
          return { ...t, rows };
        }),
      );
    }),
    pivot: builtin(
      'pivot',
      { params: ['rowKey', 'columnKey', 'valueColumn'], required: ['rowKey', 'columnKey', 'valueColumn'], pipe: tablesParam },
      (args, loc) => {
        return pivotOp(args, loc);
      },
    ),
    timeShift: builtin('timeShift', { params: ['duration', 'columns'], required: ['duration'], pipe: tablesParam }, (args, loc) => {
      const shift = duration(args.duration!, 'duration', loc);
      const columns = args.columns === undefined ? ['_start', '_stop', '_time'] : stringArray(args.columns, 'columns', loc);
      const move = (record: FluxRecord) => {
        const out = { ...record };
        for (const column of columns) {
          const value = out[column];
          if (value instanceof FluxTime) out[column] = new FluxTime(addDuration(value.ns, shift));
        }
        return out;
      };
      return op('timeShift', loc, args.tables!, (tables) => tables.map((t) => ({ key: t.key, keyValues: move(t.keyValues), rows: t.rows.map(move) })));
    }),
    yield: builtin('yield', { params: ['name'], pipe: tablesParam }, (args, loc) => {
      const name = args.name === undefined ? '_result' : str(args.name, 'name', loc);
      if (!isStream(args.tables)) throw runtimeError('yield needs a table stream piped in', loc);
      const stream = op('yield', loc, args.tables, (tables) => tables);
      ctx.sinks.push({ name, stream, loc });
      return stream;
    }),
  };
  return universe;

  function windowOptions(args: FluxRecord, loc: Location, aggregate: boolean): WindowOptions {
    const every = duration(args.every!, 'every', loc);
    const period = args.period === undefined ? every : duration(args.period, 'period', loc);
    const offset = args.offset === undefined ? new FluxDuration(0, 0n) : duration(args.offset, 'offset', loc);
    return {
      calendar: calendarOf(every, period, offset, loc),
      every: every.ns,
      period: period.ns,
      offset: offset.ns,
      createEmpty: args.createEmpty === undefined ? aggregate : args.createEmpty === true,
      timeColumn: args.timeColumn === undefined ? '_time' : str(args.timeColumn, 'timeColumn', loc),
      startColumn: args.startColumn === undefined ? '_start' : str(args.startColumn, 'startColumn', loc),
      stopColumn: args.stopColumn === undefined ? '_stop' : str(args.stopColumn, 'stopColumn', loc),
    };
  }
}

function columnPredicate(args: FluxRecord, loc: Location): (column: string) => boolean {
  if (args.columns !== undefined) {
    const set = new Set(stringArray(args.columns, 'columns', loc));
    return (c) => set.has(c);
  }
  if (args.fn !== undefined) {
    const fn = fnArg(args.fn, 'fn', loc);
    return (c) => callFunction(fn, { column: c }, loc) === true;
  }
  throw runtimeError('needs "columns" or "fn"', loc);
}

function project(table: Table, keep: (column: string) => boolean): Table {
  const columns = columnsOf(table).filter(keep);
  const key = table.key.filter(keep);
  const rows = table.rows.map((row) => {
    const out: FluxRecord = {};
    for (const column of columns) if (column in row) out[column] = row[column]!;
    return out;
  });
  return { key, keyValues: keyRecord(key, table.keyValues), rows };
}

function pivotOp(args: FluxRecord, loc: Location): Stream {
  const rowKey = stringArray(args.rowKey!, 'rowKey', loc);
  const columnKey = stringArray(args.columnKey!, 'columnKey', loc);
  const valueColumn = str(args.valueColumn!, 'valueColumn', loc);
  return op('pivot', loc, args.tables!, (tables) => {
    const rows: FluxRecord[] = [];
    for (const table of tables) {
      const key = table.key.filter((c) => !columnKey.includes(c) && c !== valueColumn);
      for (const row of table.rows) rows.push({ ...row, __key: key });
    }
    const groups = regroup(
      rows.map((r) => r),
      [],
    );
    const output = new Map<string, Table>();
    for (const row of groups[0]?.rows ?? []) {
      const key = row.__key as unknown as string[];
      const groupId = JSON.stringify(key.map((c) => [c, String((row[c] as FluxTime)?.ns ?? row[c])]));
      let table = output.get(groupId);
      if (table === undefined) {
        table = { key, keyValues: keyRecord(key, row), rows: [] };
        output.set(groupId, table);
        (table as Table & { index?: Map<string, FluxRecord> }).index = new Map();
      }
      const index = (table as Table & { index: Map<string, FluxRecord> }).index;
      const rowId = rowKey
        .map((c) => {
          const v = row[c];
          return v instanceof FluxTime ? v.ns.toString() : String(v);
        })
        .join('\u0000');
      let target = index.get(rowId);
      if (target === undefined) {
        target = { ...keyRecord(key, row) };
        for (const c of rowKey) target[c] = row[c] ?? null;
        index.set(rowId, target);
        table.rows.push(target);
      }
      const label = columnKey.map((c) => String(row[c] ?? 'null')).join('_');
      target[label] = row[valueColumn] ?? null;
    }
    return [...output.values()].map((t) => ({ key: t.key, keyValues: t.keyValues, rows: sortByTimeIfPresent(t.rows, rowKey) }));
  });
}

function sortByTimeIfPresent(rows: FluxRecord[], rowKey: string[]): FluxRecord[] {
  return sortRows(rows, rowKey, false);
}
