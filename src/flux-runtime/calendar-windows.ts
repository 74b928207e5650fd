// Calendar windows for window() and aggregateWindow() with `every: 1mo`, `3mo`, `1y`: windows
// start at whole months since 1970-01 (UTC) shifted by `offset`, and a month-based `period`
// ends them at the same day and time of a later month, as Flux's interval windows do. Also the
// rule both the checker and the runtime apply to interval durations. Only window functions
// whose `every` counts months come here; fixed-length windows stay on the bigint path.

import type { Location } from '../flux/errors.js';
import { runtimeError } from './interpreter.js';
import type { Table } from './table.js';
import { addDuration, FluxDuration, FluxTime, type FluxRecord } from './values.js';

export interface CalendarWindow {
  /** every, in months (> 0). */
  months: number;
  period: FluxDuration;
  offset: FluxDuration;
}

/** Why a duration cannot be a window's every or period, or undefined when it can. */
export function intervalProblem(d: FluxDuration): string | undefined {
  if (d.months !== 0 && d.ns !== 0n) return 'cannot mix month and nanosecond units';
  if (d.months < 0 || d.ns < 0n) return 'must be positive';
  if (d.months === 0 && d.ns === 0n) return 'must not be zero';
  return undefined;
}

/** Checks every and period; undefined for fixed-length windows, the calendar otherwise. */
export function calendarOf(every: FluxDuration, period: FluxDuration, offset: FluxDuration, loc: Location): CalendarWindow | undefined {
  for (const [name, d] of [
    ['every', every],
    ['period', period],
  ] as const) {
    const problem = intervalProblem(d);
    if (problem !== undefined) throw runtimeError(`window ${name} ${problem}`, loc);
  }
  if (every.months === 0) {
    if (period.months !== 0) throw runtimeError('a window period in months needs an every in months', loc);
    if (offset.months !== 0) throw runtimeError('a window offset in months needs an every in months', loc);
    return undefined;
  }
  return { months: every.months, period, offset };
}

function monthNumber(ns: bigint): number {
  const d = new Date(Number(ns / 1_000_000n));
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

class Calendar {
  private readonly zero: bigint;
  private readonly zeroMonth: number;
  constructor(private readonly window: CalendarWindow) {
    this.zero = addDuration(0n, window.offset);
    this.zeroMonth = monthNumber(this.zero);
  }
  start(index: number): bigint {
    return addDuration(this.zero, new FluxDuration(this.window.months * index, 0n));
  }
  stop(index: number): bigint {
    return addDuration(this.start(index), this.window.period);
  }
  /** The index of the last window starting at or before t. */
  lastIndex(t: bigint): number {
    let index = Math.floor((monthNumber(t) - this.zeroMonth) / this.window.months);
    while (this.start(index) > t) index--;
    while (this.start(index + 1) <= t) index++;
    return index;
  }
}

/** windowTables for calendar windows: same output shape, one table per (key, window). */
export function calendarWindowTables(
  tables: Table[],
  window: CalendarWindow,
  columns: { timeColumn: string; startColumn: string; stopColumn: string; createEmpty: boolean },
  key: (table: Table) => string[],
  copyRows: boolean,
): Table[] {
  const calendar = new Calendar(window);
  const { timeColumn, startColumn, stopColumn } = columns;
  const output: Table[] = [];
  for (const table of tables) {
    const lowerValue = table.keyValues[startColumn];
    const upperValue = table.keyValues[stopColumn];
    const lower = lowerValue instanceof FluxTime ? lowerValue.ns : undefined;
    const upper = upperValue instanceof FluxTime ? upperValue.ns : undefined;
    const windows = new Map<number, FluxRecord[]>();
    if (columns.createEmpty && lower !== undefined && upper !== undefined) {
      let first = calendar.lastIndex(lower);
      while (calendar.stop(first - 1) > lower) first--;
      for (let i = first; calendar.start(i) < upper; i++) windows.set(i, []);
    }
    // rows come in time order: the last window found usually holds the next row too
    let cached = Number.NaN;
    let cachedStart = 0n;
    let cachedNext = 0n;
    for (const row of table.rows) {
      const time = row[timeColumn];
      if (!(time instanceof FluxTime)) continue;
      let last: number;
      if (!Number.isNaN(cached) && time.ns >= cachedStart && time.ns < cachedNext) last = cached;
      else {
        last = calendar.lastIndex(time.ns);
        cached = last;
        cachedStart = calendar.start(last);
        cachedNext = calendar.start(last + 1);
      }
      for (let i = last; calendar.stop(i) > time.ns; i--) {
        let rows = windows.get(i);
        if (rows === undefined) {
          rows = [];
          windows.set(i, rows);
        }
        rows.push(row);
      }
    }
    const outKey = key(table);
    for (const i of [...windows.keys()].sort((a, b) => a - b)) {
      const s = calendar.start(i);
      const e = calendar.stop(i);
      const start = new FluxTime(lower !== undefined && s < lower ? lower : s);
      const stop = new FluxTime(upper !== undefined && e > upper ? upper : e);
      const rows = copyRows ? windows.get(i)!.map((row) => ({ ...row, [startColumn]: start, [stopColumn]: stop })) : windows.get(i)!;
      output.push({ key: outKey, keyValues: { ...table.keyValues, [startColumn]: start, [stopColumn]: stop }, rows });
    }
  }
  return output;
}
