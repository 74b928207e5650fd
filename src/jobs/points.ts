// Rows to points and times to nanoseconds, shared by the sinks that write time series (the
// Kapacitor sink, the InfluxDB sink). Pure; hot path: one pass per row, no per-row closures.

import { INTEGER_KINDS, parseTimestamp, type RowType } from './row-type.js';
import type { RowBatch } from './rows.js';
import type { FieldValue, Fields, Point, Tags } from '../models/point.js';
import { nowNs } from '../models/time.js';

export interface PointTarget {
  database: string;
  retentionPolicy: string;
  measurement: string;
  /** The field holding each row's time; '' for the time of writing. */
  timeField: string;
  tagFields: string[];
  /** Unit of numeric times: ns, us, ms or s. */
  precision: string;
}

/** Converts a time value (Date, epoch number in the given precision, or text) to nanoseconds. */
export function timeToNs(value: unknown, precision: string): bigint | undefined {
  if (value instanceof Date) return BigInt(value.getTime()) * 1_000_000n;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const scale: Record<string, bigint> = { ns: 1n, us: 1_000n, ms: 1_000_000n, s: 1_000_000_000n };
    return BigInt(Math.trunc(value)) * (scale[precision] ?? 1_000_000n);
  }
  if (typeof value === 'string') {
    if (/^-?\d+$/.test(value)) return timeToNs(Number(value), precision);
    const date = parseTimestamp(value);
    return date === undefined ? undefined : BigInt(date.getTime()) * 1_000_000n;
  }
  return undefined;
}

/** Builds points from rows: tag columns, a time column, every other non-null column a field. */
export function rowsToPoints(batch: RowBatch, rowType: RowType, target: PointTarget): Point[] {
  const timeIndex = target.timeField === '' ? -1 : rowType.names.indexOf(target.timeField);
  const tagIndexes = target.tagFields.map((name) => rowType.names.indexOf(name));
  const points: Point[] = [];
  const now = nowNs();
  for (const row of batch) {
    if (row.kind === '-D' || row.kind === '-U') continue;
    const tags: Tags = {};
    for (let t = 0; t < tagIndexes.length; t++) {
      const value = row.fields[tagIndexes[t]!];
      if (value !== null && value !== undefined && value !== '') tags[target.tagFields[t]!] = String(value);
    }
    const fields: Fields = {};
    let count = 0;
    for (let i = 0; i < rowType.names.length; i++) {
      if (i === timeIndex || tagIndexes.includes(i)) continue;
      const value = row.fields[i];
      if (value === null || value === undefined) continue;
      const kind = rowType.types[i]!.kind;
      let field: FieldValue;
      if (INTEGER_KINDS.has(kind) && typeof value === 'number') field = BigInt(Math.trunc(value));
      else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') field = value;
      else if (value instanceof Date) field = value.toISOString();
      else field = JSON.stringify(value);
      fields[rowType.names[i]!] = field;
      count++;
    }
    if (count === 0) continue;
    const time = timeIndex < 0 ? now : (timeToNs(row.fields[timeIndex], target.precision) ?? now);
    points.push({ name: target.measurement, tags: Object.freeze(tags), fields, time, database: target.database, retentionPolicy: target.retentionPolicy });
  }
  return points;
}
