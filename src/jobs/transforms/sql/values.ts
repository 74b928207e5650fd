// Value helpers shared by the SQL evaluator: comparison, truthiness, casts and date parsing,
// with SQL's null rules (null in, null out). Never throws on a value: bad casts give null
// only where SeaTunnel gives null, and a TransformError where it fails the row.

import { formatDate, formatTime, formatTimestamp, parseTimestamp, type DataType } from '../../row-type.js';
import { JobRuntimeError } from '../../errors.js';

export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (a instanceof Date) return compare(a, toTimestamp(b));
  if (b instanceof Date) return compare(toTimestamp(a), b);
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && Number.isFinite(Number(b))) return compare(a, Number(b));
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a))) return compare(Number(a), b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equals(a: unknown, b: unknown): boolean {
  return compare(a, b) === 0;
}

export function toTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  if (/^\d{2}:\d{2}(:\d{2})?$/.test(text)) return parseTimestamp(`1970-01-01T${text}`) ?? null;
  return parseTimestamp(text) ?? null;
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  const text = String(value).trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return formatTimestamp(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function castFailed(value: unknown, type: DataType): never {
  throw new JobRuntimeError(
    `ErrorCode:[TRANSFORM_COMMON-03], ErrorDescription:[The expression cannot be converted] - Cannot cast ${JSON.stringify(toText(value))} to ${type.kind.toUpperCase()}`,
  );
}

export function castValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return toText(value);
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      const text = String(value).trim().toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return castFailed(value, type);
    }
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      const n = toNumber(value);
      return n === null ? castFailed(value, type) : Math.trunc(n);
    }
    case 'float':
    case 'double': {
      const n = toNumber(value);
      return n === null ? castFailed(value, type) : type.kind === 'float' ? Math.fround(n) : n;
    }
    case 'decimal': {
      const n = toNumber(value);
      return n === null ? castFailed(value, type) : Number(n.toFixed(type.scale ?? 0));
    }
    case 'timestamp':
      return toTimestamp(value) ?? castFailed(value, type);
    case 'date': {
      const date = toTimestamp(value);
      return date === null ? castFailed(value, type) : formatDate(date);
    }
    case 'time': {
      const date = toTimestamp(value);
      return date === null ? castFailed(value, type) : formatTime(date);
    }
    default:
      return value;
  }
}

/** Compiles a SQL LIKE pattern (% and _) to an anchored regular expression. */
export function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (const c of pattern) {
    if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
