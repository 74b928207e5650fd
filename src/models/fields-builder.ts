// Compiled makers of fields objects for one list of keys (and the check that an object has
// exactly a list's keys): `{"k0": v[0], "k1": v[1], ...}` as one object literal, so every fields object of that key list has one hidden class and is made
// without a property-by-property growth. Used where many points share their keys (the
// line-protocol parser, the engine workers' point decoder). Keys are written as JSON string
// literals, so any text is safe; never compiles a list holding `__proto__` (a literal would
// set the prototype), a repeated key or more than MAX_BUILDER_FIELDS keys.

import type { Fields, FieldValue } from './point.js';

export type FieldsBuilder = (values: readonly FieldValue[]) => Fields;

/** Key lists longer than this get no builder. */
export const MAX_BUILDER_FIELDS = 64;

/** The builder for these keys, or undefined where fieldsOf must assign one by one. */
export function compileFieldsBuilder(keys: readonly string[]): FieldsBuilder | undefined {
  if (keys.length > MAX_BUILDER_FIELDS || new Set(keys).size !== keys.length || keys.includes('__proto__')) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a generated literal builder keeps field objects monomorphic
  return new Function('v', `return {${keys.map((key, k) => `${JSON.stringify(key)}: v[${k}]`).join(', ')}};`) as FieldsBuilder;
}

/** The fields object of keys[0, count) and values[0, count), assigned one by one. */
export function plainFields(keys: readonly string[], values: readonly FieldValue[], count: number): Fields {
  const fields: Fields = {};
  for (let k = 0; k < count; k++) fields[keys[k]!] = values[k]!;
  return fields;
}

/**
 * Whether the fields have exactly these keys, in this order. Reads keys only: a float read by a
 * computed key is boxed, so callers that copy values use code that reads them by name.
 */
export function hasFieldKeys(fields: Fields, keys: readonly string[]): boolean {
  let k = 0;
  for (const key in fields) {
    if (k >= keys.length || key !== keys[k]) return false;
    k++;
  }
  return k === keys.length;
}
