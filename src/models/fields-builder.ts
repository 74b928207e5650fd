// Compiled makers of fields objects for one list of keys, and the check that an object has
// exactly a list's keys. A builder returns `{"k0": v[0], "k1": v[1], ...}` as one object
// literal, so every fields object of that key list has one hidden class and is made without a
// property-by-property growth. Used where many points share their keys (the line-protocol
// parser, the engine workers' point codec, window buffers). Keys are written as JSON string
// literals, so any text is safe; never compiles a list holding `__proto__` (a literal would
// set the prototype), a repeated key or more than MAX_BUILDER_FIELDS keys.

import type { Fields, FieldValue } from './point.js';

export type FieldsBuilder = (values: readonly FieldValue[]) => Fields;

/** Key lists longer than this get no builder. */
export const MAX_BUILDER_FIELDS = 64;

/** Whether code may be compiled for this key list (see the header). */
export function canCompileFields(keys: readonly string[]): boolean {
  return keys.length <= MAX_BUILDER_FIELDS && !keys.includes('__proto__') && new Set(keys).size === keys.length;
}

/** The builder for these keys, or undefined where plainFields must assign one by one. */
export function compileFieldsBuilder(keys: readonly string[]): FieldsBuilder | undefined {
  if (!canCompileFields(keys)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a generated literal builder keeps field objects monomorphic
  return new Function('v', `return {${keys.map((key, k) => `${JSON.stringify(key)}: v[${k}]`).join(', ')}};`) as FieldsBuilder;
}

/** Builders by key list (JSON text), for callers without a cache of their own; cleared when full. */
const builders = new Map<string, FieldsBuilder | undefined>();
const BUILDERS_SIZE = 10_000;

/** compileFieldsBuilder, compiled once per key list. */
export function fieldsBuilderFor(keys: readonly string[]): FieldsBuilder | undefined {
  const id = JSON.stringify(keys);
  if (builders.has(id)) return builders.get(id);
  const builder = compileFieldsBuilder(keys);
  if (builders.size >= BUILDERS_SIZE) builders.clear();
  builders.set(id, builder);
  return builder;
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
