// Tables and lazy table streams. A Table is a group key plus rows (plain records); a Stream is
// a node of the query plan, computed only when a result or a write needs it, so that `from`,
// `range` and pushable `filter`s fold into one InfluxDB query first. Rows are never copied
// where a transformation can share them.

import type { Location } from '../flux/errors.js';
import { display, FluxTime, type FluxRecord } from './values.js';

export interface Table {
  /** Group key column names, in order. */
  key: string[];
  /** The group key's values. */
  keyValues: FluxRecord;
  rows: FluxRecord[];
}

/** What `from` reads: a bucket, a time range and the predicates InfluxQL can evaluate. */
export interface FromSpec {
  bucket: string;
  loc: Location;
  start?: bigint;
  stop?: bigint;
  measurements: Array<{ op: '==' | '=~'; value: string }>;
  fields: Array<{ op: '==' | '=~'; value: string }>;
  /** Conjunction of tag conditions; each entry is a disjunction of (tag op value). */
  tags: Array<Array<{ tag: string; op: '==' | '=~'; value: string }>>;
}

export type PlanNode =
  | { kind: 'from'; spec: FromSpec }
  | { kind: 'tables'; tables: Table[] }
  | { kind: 'op'; name: string; loc: Location; inputs: Stream[]; run: (inputs: Table[][]) => Table[] };

export class Stream {
  readonly __stream = true as const;
  constructor(readonly node: PlanNode) {}
}

export function isStream(value: unknown): value is Stream {
  return value instanceof Stream;
}

export function tableStream(tables: Table[]): Stream {
  return new Stream({ kind: 'tables', tables });
}

/** A string that identifies a group key's values (for grouping). */
export function keyString(key: string[], row: FluxRecord): string {
  let text = '';
  for (const column of key) {
    const value = row[column] ?? null;
    text += `${column}\u0000${value instanceof FluxTime ? value.ns.toString() : display(value)}\u0001`;
  }
  return text;
}

export function keyRecord(key: string[], row: FluxRecord): FluxRecord {
  const record: FluxRecord = {};
  for (const column of key) record[column] = row[column] ?? null;
  return record;
}

/** Regroups rows under a new key, keeping first-seen order of groups. */
export function regroup(rowsList: Iterable<FluxRecord>, key: string[]): Table[] {
  const groups = new Map<string, Table>();
  for (const row of rowsList) {
    const id = keyString(key, row);
    let table = groups.get(id);
    if (table === undefined) {
      table = { key, keyValues: keyRecord(key, row), rows: [] };
      groups.set(id, table);
    }
    table.rows.push(row);
  }
  return [...groups.values()];
}

/** Column names of a table: key columns first, then the others in first-seen order. */
export function columnsOf(table: Table): string[] {
  const seen = new Set(table.key);
  const columns = [...table.key];
  for (const row of table.rows) {
    for (const column in row) {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  return columns;
}
