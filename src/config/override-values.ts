// Converts a JSON value from a config API override into the typed value its key kind calls
// for, as loosely as Kapacitor does (numbers into ints, numeric strings into numbers) and with
// Kapacitor's wording when it cannot. Pure: throws OverrideValueProblem, never touches config.

import { GoDurationError, nanosToMs, parseGoDuration } from '../gofmt/duration.js';
import type { AnyKeyDef } from './schema.js';

export class OverrideValueProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideValueProblem';
  }
}

/** The Go reflect kind a decoded JSON value has (float64 for every number, as Go decodes it). */
export function goKind(value: unknown): string {
  if (value === null || value === undefined) return 'invalid';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || typeof value === 'bigint') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  return 'map';
}

/** The Go type name (%T) of a decoded JSON value. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  const kind = goKind(value);
  return kind === 'map' ? 'map[string]interface {}' : kind;
}

function wrongKind(value: unknown, expected: string): OverrideValueProblem {
  return new OverrideValueProblem(`wrong kind ${goKind(value)}, expected value of kind ${expected}: false`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fromOverride(def: AnyKeyDef, value: unknown): unknown {
  switch (def.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongKind(value, 'string');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw wrongKind(value, 'bool');
      return value;
    case 'int':
      return toNumber(value, 'int', (text) => /^[+-]?\d+$/.test(text), Math.trunc);
    case 'float':
      return toNumber(
        value,
        'float64',
        (text) => text.trim() !== '' && !Number.isNaN(Number(text)),
        (number) => number,
      );
    case 'duration':
      if (typeof value !== 'string') throw new OverrideValueProblem(`cannot unmarshal ${goKind(value)} into int64`);
      try {
        return nanosToMs(parseGoDuration(value));
      } catch (error) {
        if (error instanceof GoDurationError) throw new OverrideValueProblem(`failed to unmarshal text: ${error.message}`);
        throw error;
      }
    case 'string-list':
      return stringList(value, 'failed to copy slice value');
    case 'string-map':
      return mapOf(value, (item) => {
        if (typeof item !== 'string') throw wrongKind(item, 'string');
        return item;
      });
    case 'string-list-map':
      return mapOf(value, (item) => stringList(item, 'failed to copy slice value'));
    case 'credentials':
      return credentials(value);
    case 'table':
      if (!isObject(value)) throw wrongKind(value, 'map');
      return value;
  }
}

function toNumber(value: unknown, goType: string, valid: (text: string) => boolean, convert: (number: number) => number): number {
  if (typeof value === 'number') return convert(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    if (valid(value)) return convert(Number(value));
    throw new OverrideValueProblem(`cannot convert string ${JSON.stringify(value)} into ${goType}`);
  }
  throw new OverrideValueProblem(`cannot convert ${goKind(value)} into ${goType}`);
}

function stringList(value: unknown, context: string): string[] {
  if (!Array.isArray(value)) throw wrongKind(value, 'slice');
  return value.map((item) => {
    if (typeof item !== 'string') throw new OverrideValueProblem(`${context}: ${wrongKind(item, 'string').message}`);
    return item;
  });
}

function mapOf<T>(value: unknown, convert: (item: unknown) => T): Record<string, T> {
  if (!isObject(value)) throw wrongKind(value, 'map');
  const out: Record<string, T> = {};
  for (const [name, item] of Object.entries(value)) {
    try {
      out[name] = convert(item);
    } catch (error) {
      if (error instanceof OverrideValueProblem) throw new OverrideValueProblem(`failed to copy map value: ${error.message}`);
      throw error;
    }
  }
  return out;
}

function credentials(value: unknown): { username: string; password: string } {
  if (!isObject(value)) throw wrongKind(value, 'struct');
  const unknown = Object.keys(value)
    .filter((name) => name !== 'username' && name !== 'password')
    .sort();
  if (unknown.length > 0) throw new OverrideValueProblem(`failed to decode options: '' has invalid keys: ${unknown.join(', ')}`);
  const out = { username: '', password: '' };
  for (const field of ['username', 'password'] as const) {
    const item = value[field];
    if (item === undefined || item === null) continue;
    if (typeof item !== 'string') {
      throw new OverrideValueProblem(`failed to decode options: '${field}' expected type 'string', got unconvertible type '${goTypeName(item)}'`);
    }
    out[field] = item;
  }
  return out;
}
