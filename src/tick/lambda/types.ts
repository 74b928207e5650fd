// Runtime values and value types of lambda expressions, mirroring Kapacitor's ast.ValueType.
// Ints are bigint (int64), floats number; durations, times, regexes and "missing" are small
// classes so evaluation can tell them apart with one instanceof check.

import type { GoRegex } from './regex.js';

/** Value types, numbered as Kapacitor's ast.ValueType (they index the operator tables). */
export const T_INVALID = 0;
export const T_FLOAT = 1;
export const T_INT = 2;
export const T_STRING = 3;
export const T_BOOL = 4;
export const T_REGEX = 5;
export const T_TIME = 6;
export const T_DURATION = 7;
export const T_MISSING = 11;
export type ValueType = number;

const TYPE_NAMES: Record<number, string> = {
  [T_FLOAT]: 'float',
  [T_INT]: 'int',
  [T_STRING]: 'string',
  [T_BOOL]: 'boolean',
  [T_REGEX]: 'regex',
  [T_TIME]: 'time',
  [T_DURATION]: 'duration',
  [T_MISSING]: 'missing',
};

export function typeName(type: ValueType): string {
  return TYPE_NAMES[type] ?? 'invalid type';
}

/** A time.Duration value: nanoseconds, kept apart from ints as TICKscript types them. */
export class Duration {
  constructor(readonly ns: bigint) {}
}

/** A time.Time value (the "time" reference, now()): epoch nanoseconds. */
export class TimeValue {
  constructor(public ns: bigint) {}
}

/** The value of a reference that is neither a field nor a tag of the point. */
export class Missing {
  private constructor() {}
  static readonly value = new Missing();
}

export const MISSING = Missing.value;

export type LambdaValue = number | bigint | string | boolean | Duration | TimeValue | GoRegex | Missing;

export function typeOfValue(value: LambdaValue): ValueType {
  switch (typeof value) {
    case 'number':
      return T_FLOAT;
    case 'bigint':
      return T_INT;
    case 'string':
      return T_STRING;
    case 'boolean':
      return T_BOOL;
    default:
      if (value instanceof Duration) return T_DURATION;
      if (value instanceof TimeValue) return T_TIME;
      if (value instanceof Missing) return T_MISSING;
      return T_REGEX;
  }
}

/** Wraps an int64 result as Go does on overflow. */
export function int64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}
