// Aggregates, selectors and per-row running functions (mean, sum, count, min, max, first, last,
// median, quantile, stddev, spread, integral, derivative, difference, cumulativeSum,
// movingAverage, elapsed, top, bottom) and aggregateWindow. Sums run in time order in float64,
// as InfluxQL does, so results match `GROUP BY time()` bit for bit.

import type { Location } from '../flux/errors.js';
import type { RunContext } from './context.js';
import { builtin, callFunction, runtimeError } from './interpreter.js';
import { columnsOf, keyRecord, tableStream, type Table } from './table.js';
import { calendarOf } from './calendar-windows.js';
import { duration, fnArg, int, op, str, stringArray, windowTables } from './transformations.js';
import { compareValues, FluxDuration, FluxTime, FluxUint, typeOf, type FluxRecord, type Value } from './values.js';

function num(value: Value, loc: Location): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof FluxUint) return Number(value.value);
  throw runtimeError(`cannot aggregate a ${typeOf(value)}`, loc);
}

function values(table: Table, column: string): Value[] {
  const out: Value[] = [];
  for (const row of table.rows) {
    const value = row[column];
    if (value !== undefined && value !== null) out.push(value);
  }
  return out;
}

/** One output row per table: the group key plus the reduced column. */
function reduceOp(name: string, reduce: (vals: Value[], loc: Location) => Value) {
  return builtin(name, { params: ['column'], pipe: 'tables' }, (args, loc) => {
    const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
    return op(name, loc, args.tables!, (tables) =>
      tables.map((table) => ({
        key: table.key,
        keyValues: table.keyValues,
        rows: [{ ...keyRecord(table.key, table.keyValues), [column]: reduce(values(table, column), loc) }],
      })),
    );
  });
}

/** One output row per table: the selected input row. */
function selectorOp(name: string, pick: (rows: FluxRecord[], column: string) => FluxRecord | undefined) {
  return builtin(name, { params: ['column'], pipe: 'tables' }, (args, loc) => {
    const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
    return op(name, loc, args.tables!, (tables) =>
      tables.map((table) => {
        const rows = table.rows.filter((r) => r[column] !== undefined && r[column] !== null);
        const row = pick(rows, column);
        return { key: table.key, keyValues: table.keyValues, rows: row === undefined ? [] : [row] };
      }),
    );
  });
}

function quantileOf(sorted: number[], q: number, method: string): number | null {
  if (sorted.length === 0) return null;
  if (method === 'exact_selector') {
    const index = Math.max(Math.ceil(q * sorted.length) - 1, 0);
    return sorted[index]!;
  }
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  if (lower === upper) return sorted[lower]!;
  return sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!);
}

function runningOp(name: string, params: string[], transform: (args: FluxRecord, loc: Location) => (table: Table) => FluxRecord[]) {
  return builtin(name, { params, pipe: 'tables' }, (args, loc) => {
    const perTable = transform(args, loc);
    return op(name, loc, args.tables!, (tables) => tables.map((table) => ({ key: table.key, keyValues: table.keyValues, rows: perTable(table) })));
  });
}

function unitNs(args: FluxRecord, loc: Location): number {
  return args.unit === undefined ? 1e9 : Number(duration(args.unit, 'unit', loc).ns);
}

export function createAggregates(ctx: RunContext): Record<string, Value> {
  const mean = reduceOp('mean', (vals, loc) => {
    if (vals.length === 0) return null;
    let sum = 0;
    for (const v of vals) sum += num(v, loc);
    return sum / vals.length;
  });
  const sum = reduceOp('sum', (vals, loc) => {
    if (vals.length === 0) return null;
    if (vals.every((v) => typeof v === 'bigint')) return vals.reduce((a, b) => BigInt.asIntN(64, a + b), 0n);
    let total = 0;
    for (const v of vals) total += num(v, loc);
    return total;
  });
  const count = reduceOp('count', (vals) => BigInt(vals.length));
  const byValue = (better: (c: number) => boolean) => (rows: FluxRecord[], column: string) => {
    let best: FluxRecord | undefined;
    for (const row of rows) if (best === undefined || better(compareValues(row[column]!, best[column]!))) best = row;
    return best;
  };
  const aggregates: Record<string, Value> = {
    mean,
    sum,
    count,
    min: selectorOp(
      'min',
      byValue((c) => c < 0),
    ),
    max: selectorOp(
      'max',
      byValue((c) => c > 0),
    ),
    first: selectorOp('first', (rows) => rows[0]),
    last: selectorOp('last', (rows) => rows[rows.length - 1]),
    median: builtin('median', { params: ['column', 'method', 'compression'], pipe: 'tables' }, (args, loc) => quantileCall(args, 0.5, loc)),
    quantile: builtin('quantile', { params: ['column', 'q', 'method', 'compression'], required: ['q'], pipe: 'tables' }, (args, loc) => {
      if (typeof args.q !== 'number' || args.q < 0 || args.q > 1) throw runtimeError('argument "q" must be a float between 0 and 1', loc);
      return quantileCall(args, args.q, loc);
    }),
    stddev: reduceOp('stddev', (vals, loc) => {
      if (vals.length < 2) return null;
      const xs = vals.map((v) => num(v, loc));
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    }),
    spread: reduceOp('spread', (vals, loc) => {
      if (vals.length === 0) return null;
      if (vals.every((v) => typeof v === 'bigint')) {
        let lo = vals[0] as bigint;
        let hi = lo;
        for (const v of vals) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        return hi - lo;
      }
      const xs = vals.map((v) => num(v, loc));
      return Math.max(...xs) - Math.min(...xs);
    }),
    integral: builtin('integral', { params: ['column', 'unit', 'timeColumn', 'interpolate'], pipe: 'tables' }, (args, loc) => {
      const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
      const timeColumn = args.timeColumn === undefined ? '_time' : str(args.timeColumn, 'timeColumn', loc);
      const unit = unitNs(args, loc);
      return op('integral', loc, args.tables!, (tables) =>
        tables.map((table) => {
          let total = 0;
          let prev: { t: number; v: number } | undefined;
          for (const row of table.rows) {
            const t = row[timeColumn];
            const v = row[column];
            if (!(t instanceof FluxTime) || v === null || v === undefined) continue;
            const cur = { t: Number(t.ns), v: num(v, loc) };
            if (prev !== undefined) total += ((prev.v + cur.v) / 2) * ((cur.t - prev.t) / unit);
            prev = cur;
          }
          return { key: table.key, keyValues: table.keyValues, rows: [{ ...keyRecord(table.key, table.keyValues), [column]: total }] };
        }),
      );
    }),
    derivative: runningOp('derivative', ['unit', 'nonNegative', 'columns', 'timeColumn', 'initialZero'], (args, loc) => {
      const unit = unitNs(args, loc);
      const nonNegative = args.nonNegative === true;
      const columns = args.columns === undefined ? ['_value'] : stringArray(args.columns, 'columns', loc);
      const timeColumn = args.timeColumn === undefined ? '_time' : str(args.timeColumn, 'timeColumn', loc);
      return (table) => {
        const out: FluxRecord[] = [];
        let prev: FluxRecord | undefined;
        for (const row of table.rows) {
          const t = row[timeColumn];
          if (!(t instanceof FluxTime)) continue;
          if (prev !== undefined) {
            const pt = (prev[timeColumn] as FluxTime).ns;
            if (t.ns === pt) continue;
            const result: FluxRecord = { ...row };
            let drop = false;
            for (const column of columns) {
              const v = row[column];
              const p = prev[column];
              if (v === null || v === undefined || p === null || p === undefined) {
                result[column] = null;
                continue;
              }
              // InfluxQL's order of operations (difference / (elapsed / unit)), so results match it exactly
              const d = (num(v, loc) - num(p, loc)) / (Number(t.ns - pt) / unit);
              if (nonNegative && d < 0) drop = true;
              result[column] = d;
            }
            if (!drop) out.push(result);
          }
          prev = row;
        }
        return out;
      };
    }),
    difference: runningOp('difference', ['nonNegative', 'columns', 'keepFirst', 'initialZero'], (args, loc) => {
      const nonNegative = args.nonNegative === true;
      const keepFirst = args.keepFirst === true;
      const columns = args.columns === undefined ? ['_value'] : stringArray(args.columns, 'columns', loc);
      return (table) => {
        const out: FluxRecord[] = [];
        let prev: FluxRecord | undefined;
        for (const row of table.rows) {
          if (prev === undefined) {
            if (keepFirst) out.push({ ...row, ...Object.fromEntries(columns.map((c) => [c, null])) });
            prev = row;
            continue;
          }
          const result: FluxRecord = { ...row };
          for (const column of columns) {
            const v = row[column] ?? null;
            const p = prev[column] ?? null;
            if (v === null || p === null) {
              result[column] = null;
              continue;
            }
            let d: Value;
            if (typeof v === 'bigint' && typeof p === 'bigint') d = v - p;
            else if (v instanceof FluxUint && p instanceof FluxUint) d = v.value - p.value;
            else d = num(v, loc) - num(p, loc);
            if (nonNegative && d < 0) d = null;
            result[column] = d;
          }
          out.push(result);
          prev = row;
        }
        return out;
      };
    }),
    cumulativeSum: runningOp('cumulativeSum', ['columns'], (args, loc) => {
      const columns = args.columns === undefined ? ['_value'] : stringArray(args.columns, 'columns', loc);
      return (table) => {
        const totals: Record<string, Value> = {};
        return table.rows.map((row) => {
          const result: FluxRecord = { ...row };
          for (const column of columns) {
            const v = row[column] ?? null;
            if (v === null) {
              result[column] = totals[column] ?? null;
              continue;
            }
            const t = totals[column] ?? null;
            totals[column] = t === null ? v : typeof v === 'bigint' && typeof t === 'bigint' ? t + v : num(t, loc) + num(v, loc);
            result[column] = totals[column]!;
          }
          return result;
        });
      };
    }),
    movingAverage: runningOp('movingAverage', ['n'], (args, loc) => {
      const n = int(args.n!, 'n', loc);
      if (n < 1) throw runtimeError('argument "n" must be at least 1', loc);
      return (table) => {
        const out: FluxRecord[] = [];
        const window: number[] = [];
        for (const row of table.rows) {
          const v = row._value;
          if (v === null || v === undefined) continue;
          window.push(num(v, loc));
          if (window.length > n) window.shift();
          if (window.length === n) out.push({ ...row, _value: window.reduce((a, b) => a + b, 0) / n });
        }
        return out;
      };
    }),
    elapsed: runningOp('elapsed', ['unit', 'timeColumn', 'columnName'], (args, loc) => {
      const unit = BigInt(unitNs(args, loc));
      const timeColumn = args.timeColumn === undefined ? '_time' : str(args.timeColumn, 'timeColumn', loc);
      const columnName = args.columnName === undefined ? 'elapsed' : str(args.columnName, 'columnName', loc);
      return (table) => {
        const out: FluxRecord[] = [];
        let prev: bigint | undefined;
        for (const row of table.rows) {
          const t = row[timeColumn];
          if (!(t instanceof FluxTime)) continue;
          if (prev !== undefined) out.push({ ...row, [columnName]: (t.ns - prev) / unit });
          prev = t.ns;
        }
        return out;
      };
    }),
    top: builtin('top', { params: ['n', 'columns'], required: ['n'], pipe: 'tables' }, (args, loc) => topBottom('top', args, loc, true)),
    bottom: builtin('bottom', { params: ['n', 'columns'], required: ['n'], pipe: 'tables' }, (args, loc) => topBottom('bottom', args, loc, false)),
    aggregateWindow: builtin(
      'aggregateWindow',
      {
        params: ['every', 'period', 'fn', 'offset', 'column', 'timeSrc', 'timeDst', 'createEmpty', 'location'],
        required: ['every', 'fn'],
        pipe: 'tables',
      },
      (args, loc) => {
        const every = duration(args.every!, 'every', loc);
        const period = args.period === undefined ? every : duration(args.period, 'period', loc);
        const offset = args.offset === undefined ? new FluxDuration(0, 0n) : duration(args.offset, 'offset', loc);
        const calendar = calendarOf(every, period, offset, loc);
        const fn = fnArg(args.fn!, 'fn', loc);
        const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
        const timeSrc = args.timeSrc === undefined ? '_stop' : str(args.timeSrc, 'timeSrc', loc);
        const timeDst = args.timeDst === undefined ? '_time' : str(args.timeDst, 'timeDst', loc);
        const createEmpty = args.createEmpty === undefined ? true : args.createEmpty === true;
        return op('aggregateWindow', loc, args.tables!, (tables) => {
          const output: Table[] = [];
          for (const table of tables) {
            const windows = windowTables(
              [table],
              {
                every: every.ns,
                period: period.ns,
                offset: offset.ns,
                createEmpty,
                calendar,
                timeColumn: '_time',
                startColumn: '_start',
                stopColumn: '_stop',
              },
              loc,
              false,
            );
            const result = callFunction(fn, fn.params.includes('column') ? { tables: tableStream(windows), column } : { tables: tableStream(windows) }, loc);
            const aggregated = ctx.materialize(result as never);
            const rows: FluxRecord[] = [];
            for (const t of aggregated) {
              const windowTime = t.keyValues[timeSrc];
              for (const row of t.rows) {
                const out: FluxRecord = { ...row, [timeDst]: windowTime ?? row[timeSrc] ?? null };
                if ('_start' in table.keyValues) out._start = table.keyValues._start!;
                if ('_stop' in table.keyValues) out._stop = table.keyValues._stop!;
                rows.push(out);
              }
            }
            output.push({ key: table.key, keyValues: table.keyValues, rows });
          }
          return output;
        });
      },
    ),
  };
  return aggregates;

  function quantileCall(args: FluxRecord, q: number, loc: Location) {
    const column = args.column === undefined ? '_value' : str(args.column, 'column', loc);
    const method = args.method === undefined ? 'estimate_tdigest' : str(args.method, 'method', loc);
    if (!['estimate_tdigest', 'exact_mean', 'exact_selector'].includes(method)) throw runtimeError(`unknown quantile method ${JSON.stringify(method)}`, loc);
    return op('quantile', loc, args.tables!, (tables) =>
      tables.map((table) => {
        if (method === 'exact_selector') {
          const rows = table.rows.filter((r) => r[column] !== null && r[column] !== undefined).sort((a, b) => compareValues(a[column]!, b[column]!));
          const index = Math.max(Math.ceil(q * rows.length) - 1, 0);
          return { key: table.key, keyValues: table.keyValues, rows: rows.length === 0 ? [] : [rows[index]!] };
        }
        const sorted = values(table, column)
          .map((v) => num(v, loc))
          .sort((a, b) => a - b);
        return { key: table.key, keyValues: table.keyValues, rows: [{ ...keyRecord(table.key, table.keyValues), [column]: quantileOf(sorted, q, method) }] };
      }),
    );
  }

  function topBottom(name: string, args: FluxRecord, loc: Location, desc: boolean) {
    const n = int(args.n!, 'n', loc);
    const columns = args.columns === undefined ? ['_value'] : stringArray(args.columns, 'columns', loc);
    return op(name, loc, args.tables!, (tables) =>
      tables.map((table) => {
        const rows = [...table.rows].sort((a, b) => {
          for (const c of columns) {
            const r = compareValues(a[c] ?? null, b[c] ?? null);
            if (r !== 0) return desc ? -r : r;
          }
          return 0;
        });
        return { key: table.key, keyValues: table.keyValues, rows: rows.slice(0, n) };
      }),
    );
  }
}

export { columnsOf };
