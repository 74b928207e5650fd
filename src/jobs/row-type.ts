// SeaTunnel's data types and row types: parsed from `schema.fields` ("string", "int",
// "decimal(10,2)", "array<int>", "map<string,int>", a nested object for row), with the
// conversions every connector shares. Never does I/O.

import { JobDefineError } from './errors.js';

export type TypeKind =
  | 'string'
  | 'boolean'
  | 'tinyint'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'float'
  | 'double'
  | 'decimal'
  | 'null'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'bytes'
  | 'array'
  | 'map'
  | 'row';

export interface DataType {
  kind: TypeKind;
  precision?: number;
  scale?: number;
  element?: DataType;
  key?: DataType;
  value?: DataType;
  row?: RowType;
}

export interface RowType {
  names: string[];
  types: DataType[];
}

const SIMPLE: Record<string, TypeKind> = {
  string: 'string',
  varchar: 'string',
  text: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  tinyint: 'tinyint',
  smallint: 'smallint',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  long: 'bigint',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  null: 'null',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  bytes: 'bytes',
  binary: 'bytes',
};

export const INTEGER_KINDS: ReadonlySet<TypeKind> = new Set(['tinyint', 'smallint', 'int', 'bigint']);
export const NUMERIC_KINDS: ReadonlySet<TypeKind> = new Set(['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal']);

export function parseDataType(spec: unknown, field = ''): DataType {
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
    return { kind: 'row', row: parseRowType(spec as Record<string, unknown>) };
  }
  if (typeof spec !== 'string') throw new JobDefineError(`Unsupported data type of field '${field}': ${JSON.stringify(spec)}`);
  const text = spec.trim();
  const lower = text.toLowerCase();
  if (SIMPLE[lower] !== undefined) {
    return SIMPLE[lower] === 'decimal' ? { kind: 'decimal', precision: 38, scale: 18 } : { kind: SIMPLE[lower] };
  }
  let match = /^decimal\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(text);
  if (match) return { kind: 'decimal', precision: Number(match[1]), scale: Number(match[2]) };
  match = /^array\s*<(.*)>$/i.exec(text);
  if (match) return { kind: 'array', element: parseDataType(match[1]!, field) };
  match = /^map\s*<(.*)>$/i.exec(text);
  if (match) {
    const [keyText, valueText] = splitTopLevel(match[1]!);
    if (valueText === undefined) throw new JobDefineError(`Unsupported data type of field '${field}': ${text}`);
    return { kind: 'map', key: parseDataType(keyText!, field), value: parseDataType(valueText, field) };
  }
  match = /^row\s*[<{(](.*)[>})]$/i.exec(text);
  if (match) {
    const names: string[] = [];
    const types: DataType[] = [];
    for (const part of splitTopLevel(match[1]!)) {
      const m = /^\s*`?([\w.]+)`?\s*:?\s+(.*)$/.exec(part);
      if (!m) throw new JobDefineError(`Unsupported data type of field '${field}': ${text}`);
      names.push(m[1]!);
      types.push(parseDataType(m[2]!, m[1]));
    }
    return { kind: 'row', row: { names, types } };
  }
  throw new JobDefineError(`Unsupported data type of field '${field}': ${text}`);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '(' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

export function parseRowType(fields: Record<string, unknown>): RowType {
  const names: string[] = [];
  const types: DataType[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    names.push(name);
    types.push(parseDataType(spec, name));
  }
  return { names, types };
}

/** The row type of a plugin's `schema` option (`schema.fields`), or undefined when absent. */
export function schemaRowType(options: Record<string, unknown>): RowType | undefined {
  const schema = options.schema as Record<string, unknown> | undefined;
  if (schema === undefined || schema === null || typeof schema !== 'object') return undefined;
  const fields = schema.fields;
  if (fields === undefined || fields === null || typeof fields !== 'object') return undefined;
  return parseRowType(fields as Record<string, unknown>);
}

export function typeName(type: DataType): string {
  switch (type.kind) {
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'array':
      return `ARRAY<${typeName(type.element!)}>`;
    case 'map':
      return `MAP<${typeName(type.key!)}, ${typeName(type.value!)}>`;
    case 'row':
      return `ROW<${type.row!.names.map((n, i) => `${n} ${typeName(type.row!.types[i]!)}`).join(', ')}>`;
    default:
      return type.kind.toUpperCase();
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date value as SeaTunnel prints it (YYYY-MM-DD), from a Date in UTC. */
export function formatDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function formatTime(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** A timestamp as Java's LocalDateTime prints it (2024-01-02T03:04:05[.SSS]). */
export function formatTimestamp(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return `${formatDate(date)}T${formatTime(date)}${ms === 0 ? '' : `.${pad(ms, 3)}`}`;
}

/** Parses a timestamp text (ISO, or "YYYY-MM-DD HH:MM:SS") as UTC; undefined when it is not one. */
export function parseTimestamp(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Converts a loosely typed value (JSON, CSV text) to the field's type; null when it cannot. */
export function convertValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') return value.toLowerCase() === 'true' ? true : value.toLowerCase() === 'false' ? false : null;
      return Boolean(value);
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      if (value === '') return null;
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? Math.trunc(n) : null;
    }
    case 'float':
    case 'double':
    case 'decimal': {
      if (value === '') return null;
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return null;
      return type.kind === 'decimal' && type.scale !== undefined ? Number(n.toFixed(type.scale)) : n;
    }
    case 'timestamp':
      if (value instanceof Date) return value;
      if (typeof value === 'number') return new Date(value);
      return parseTimestamp(String(value)) ?? null;
    case 'date':
      if (value instanceof Date) return formatDate(value);
      return String(value);
    case 'time':
      if (value instanceof Date) return formatTime(value);
      return String(value);
    case 'bytes':
      return typeof value === 'string' ? value : String(value);
    case 'array':
      return Array.isArray(value) ? value.map((element) => convertValue(element, type.element!)) : null;
    case 'map':
      if (typeof value !== 'object') return null;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(v, type.value!)]));
    case 'row': {
      if (typeof value !== 'object') return null;
      const record = value as Record<string, unknown>;
      return type.row!.names.map((name, i) => convertValue(record[name], type.row!.types[i]!));
    }
    default:
      return null;
  }
}

/** A field value as plain JSON (timestamps as text, nested rows as objects). */
export function toJsonValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return formatTimestamp(value);
  if (type.kind === 'row' && Array.isArray(value)) {
    return Object.fromEntries(type.row!.names.map((name, i) => [name, toJsonValue(value[i], type.row!.types[i]!)]));
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** A field value as text (Console, text/CSV files). */
export function toText(value: unknown, type: DataType): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return formatTimestamp(value);
  if (typeof value === 'object') return JSON.stringify(toJsonValue(value, type));
  return String(value);
}

/** The approximate byte size of a row, for the Bytes metrics. */
export function rowBytes(fields: unknown[]): number {
  let bytes = 0;
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i];
    if (typeof value === 'string') bytes += value.length;
    else if (typeof value === 'number') bytes += 8;
    else if (typeof value === 'boolean') bytes += 1;
    else if (value !== null && value !== undefined) bytes += 16;
  }
  return bytes;
}
