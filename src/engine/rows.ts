// Messages as InfluxDB result rows ({name, tags, columns, values}), the form httpOut serves
// and httpPost sends: a point is one row; a batch is one row per point with the fields, plus
// the point tags that are not group tags, as columns (sorted, after "time").

import { formatRFC3339Nano } from '../models/time.js';
import type { FieldValue } from '../models/point.js';
import type { BatchMessage, PointMessage } from './messages.js';

export interface Row {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: Array<Array<FieldValue | string | null>>;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A row with Kapacitor's JSON key order (models.Row: name, tags, columns, values) and its tags
 * in Go's map order (sorted); no tags member when there are none (omitempty).
 */
function newRow(name: string, tags: Readonly<Record<string, string>>): Row {
  const keys = Object.keys(tags);
  if (keys.length === 0) return { name, columns: [], values: [] };
  keys.sort(byteOrder);
  const sorted: Record<string, string> = {};
  for (const key of keys) sorted[key] = tags[key]!;
  return { name, tags: sorted, columns: [], values: [] };
}

export function pointToRow(point: PointMessage): Row {
  const keys = Object.keys(point.fields).sort(byteOrder);
  const values: Array<FieldValue | string | null> = [formatRFC3339Nano(point.time)];
  for (const key of keys) values.push(point.fields[key]!);
  const row = newRow(point.name, point.tags);
  row.columns = ['time', ...keys];
  row.values = [values];
  return row;
}

export function batchToRow(batch: BatchMessage): Row {
  const row = newRow(batch.name, batch.tags);
  if (batch.points.length === 0) return row;
  const first = batch.points[0]!;
  const columns = Object.keys(first.fields);
  for (const tag of Object.keys(first.tags)) if (!(tag in batch.tags)) columns.push(tag);
  columns.sort(byteOrder);
  row.columns = ['time', ...columns];
  for (const point of batch.points) {
    const values: Array<FieldValue | string | null> = [formatRFC3339Nano(point.time)];
    for (const column of columns) {
      const field = point.fields[column];
      values.push(field !== undefined ? field : (point.tags[column] ?? null));
    }
    row.values.push(values);
  }
  return row;
}

/** A row as JSON shows it: empty columns and values are left out, as Kapacitor does. */
export function rowJSON(row: Row): Partial<Row> {
  if (row.columns.length > 0) return row;
  return row.tags === undefined ? { name: row.name } : { name: row.name, tags: row.tags };
}
