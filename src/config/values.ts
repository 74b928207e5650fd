// Turns one raw value (from TOML, or the text of a KAPACITOR_* variable) into the typed value
// its key kind calls for. Throws ValueProblem with a message naming what was expected; the
// caller adds where the value came from.

import { GoDurationError, nanosToMs, parseGoDuration } from '../gofmt/duration.js';
import { parseGoBool, parseGoFloat, parseGoInt } from '../gofmt/strconv.js';
import type { AnyKeyDef, KeyKind } from './schema.js';

export class ValueProblem extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(message);
    this.name = 'ValueProblem';
  }
}

/** A short description of a TOML value for messages: `12`, `"yes"`, `an array`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  return 'a table';
}

const EXPECTED: Record<KeyKind, string> = {
  string: 'a string',
  bool: 'a boolean (true or false)',
  int: 'an integer',
  float: 'a number',
  duration: 'a duration such as "10s" or "1m30s"',
  'string-list': 'an array of strings',
  'string-map': 'a table of strings',
  'string-list-map': 'a table of string arrays',
  credentials: 'a table with username and password',
  table: 'a table',
};

function mismatch(kind: KeyKind, value: unknown, path = ''): ValueProblem {
  return new ValueProblem(`expected ${EXPECTED[kind]}, got ${describeValue(value)}`, path);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Converts a parsed TOML value; the result is checked with the key's validate. */
export function fromToml(def: AnyKeyDef, raw: unknown): unknown {
  const value = convertToml(def.kind, raw);
  check(def, value);
  return value;
}

function convertToml(kind: KeyKind, raw: unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof raw !== 'string') throw mismatch(kind, raw);
      return raw;
    case 'bool':
      if (typeof raw !== 'boolean') throw mismatch(kind, raw);
      return raw;
    case 'int':
      if (typeof raw === 'bigint') return Number(raw);
      if (typeof raw !== 'number' || !Number.isInteger(raw)) throw mismatch(kind, raw);
      return raw;
    case 'float':
      if (typeof raw === 'bigint') return Number(raw);
      if (typeof raw !== 'number') throw mismatch(kind, raw);
      return raw;
    case 'duration':
      if (typeof raw === 'number' && Number.isInteger(raw)) return nanosToMs(BigInt(raw));
      if (typeof raw === 'bigint') return nanosToMs(raw);
      if (typeof raw !== 'string') throw mismatch(kind, raw);
      return durationMs(raw);
    case 'string-list':
      return stringArray(kind, raw, '');
    case 'string-map':
      return tableOf(kind, raw, (value, path) => {
        if (typeof value !== 'string') throw new ValueProblem(`expected a string, got ${describeValue(value)}`, path);
        return value;
      });
    case 'string-list-map':
      return tableOf(kind, raw, (value, path) => stringArray(kind, value, path));
    case 'table':
      if (!isTable(raw)) throw mismatch(kind, raw);
      return plainTable(raw);
    case 'credentials': {
      if (!isTable(raw)) throw mismatch(kind, raw);
      const credentials = { username: '', password: '' };
      for (const field of ['username', 'password'] as const) {
        const value = raw[field];
        if (value === undefined) continue;
        if (typeof value !== 'string') throw new ValueProblem(`expected a string, got ${describeValue(value)}`, `.${field}`);
        credentials[field] = value;
      }
      return credentials;
    }
  }
}

function stringArray(kind: KeyKind, raw: unknown, path: string): string[] {
  if (!Array.isArray(raw)) throw mismatch(kind, raw, path);
  return raw.map((item, index) => {
    if (typeof item !== 'string') throw new ValueProblem(`expected a string, got ${describeValue(item)}`, `${path}[${index}]`);
    return item;
  });
}

function tableOf<T>(kind: KeyKind, raw: unknown, convert: (value: unknown, path: string) => T): Record<string, T> {
  if (!isTable(raw)) throw mismatch(kind, raw);
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(raw)) out[name] = convert(value, `.${name}`);
  return out;
}

function durationMs(text: string): number {
  try {
    return nanosToMs(parseGoDuration(text));
  } catch (error) {
    if (!(error instanceof GoDurationError)) throw error;
    const detail = error.message.replace(/^time: /, '').replace(/ in duration ".*"$/, '');
    throw new ValueProblem(detail.startsWith('invalid duration') ? detail : `invalid duration ${JSON.stringify(text)}: ${detail}`);
  }
}

/** Converts the text of an environment variable for a scalar kind, as Kapacitor parses it. */
export function fromEnvText(def: AnyKeyDef, text: string): unknown {
  const value = convertText(def.kind, text);
  check(def, value);
  return value;
}

function convertText(kind: KeyKind, text: string): unknown {
  try {
    switch (kind) {
      case 'bool':
        return parseGoBool(text);
      case 'int':
        return parseGoInt(text);
      case 'float':
        return parseGoFloat(text);
      case 'duration':
        return durationMs(text);
      default:
        return text;
    }
  } catch (error) {
    if (error instanceof ValueProblem) throw error;
    throw mismatch(kind, text);
  }
}

function check(def: AnyKeyDef, value: unknown): void {
  const problem = (def.validate as ((value: unknown) => string | undefined) | undefined)?.(value);
  if (problem !== undefined) throw new ValueProblem(problem);
}

/** A parsed TOML table as plain objects (the parser's tables have no prototype). */
function plainTable(table: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(table)) out[name] = plainValue(value);
  return out;
}

function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  return isTable(value) ? plainTable(value) : value;
}
