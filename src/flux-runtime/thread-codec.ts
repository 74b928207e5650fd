// Flux values across a thread boundary: structured clone keeps plain data (numbers, bigints,
// strings, arrays, plain objects, RegExps) but drops class prototypes, so times, durations,
// uints and dictionaries travel as tagged objects and are rebuilt on the other side.
// Never used on the table hot path of a run that stays on one thread.

import type { Table } from './table.js';
import { FluxDict, FluxDuration, FluxTime, FluxUint, isRecord, type FluxRecord, type Value } from './values.js';

const TAG = '\u0000flux';

type Encoded = unknown;

export function encodeValue(value: Value): Encoded {
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value;
  if (value instanceof FluxTime) return { [TAG]: 't', ns: value.ns };
  if (value instanceof FluxDuration) return { [TAG]: 'd', months: value.months, ns: value.ns };
  if (value instanceof FluxUint) return { [TAG]: 'u', value: value.value };
  if (value instanceof FluxDict) return { [TAG]: 'm', entries: [...value.entries].map(([k, v]) => [k, encodeValue(v)]), keys: value.keys.map(encodeValue) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isRecord(value)) return encodeRecord(value);
  throw new Error('functions and streams cannot leave a run thread');
}

function encodeRecord(record: FluxRecord): Record<string, Encoded> {
  const out: Record<string, Encoded> = {};
  for (const key in record) out[key] = encodeValue(record[key]!);
  return out;
}

export function decodeValue(value: Encoded): Value {
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value as Value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const tagged = value as Record<string, unknown>;
  switch (tagged[TAG]) {
    case 't':
      return new FluxTime(tagged.ns as bigint);
    case 'd':
      return new FluxDuration(tagged.months as number, tagged.ns as bigint);
    case 'u':
      return new FluxUint(tagged.value as bigint);
    case 'm':
      return new FluxDict(
        new Map((tagged.entries as Array<[string, Encoded]>).map(([k, v]) => [k, decodeValue(v)])),
        (tagged.keys as Encoded[]).map(decodeValue),
      );
  }
  const out: FluxRecord = {};
  for (const key in tagged) out[key] = decodeValue(tagged[key]);
  return out;
}

export interface EncodedTable {
  key: string[];
  keyValues: Encoded;
  rows: Encoded[];
}

export function encodeTables(tables: Table[]): EncodedTable[] {
  return tables.map((t) => ({ key: t.key, keyValues: encodeRecord(t.keyValues), rows: t.rows.map(encodeRecord) }));
}

export function decodeTables(tables: EncodedTable[]): Table[] {
  return tables.map((t) => ({ key: t.key, keyValues: decodeValue(t.keyValues) as FluxRecord, rows: t.rows.map((r) => decodeValue(r) as FluxRecord) }));
}
