// Template variables: the var types TICKscript declares (`var x duration`), user-supplied vars
// in Kapacitor's JSON shape ({"type": "int", "value": 4}) converted to script values, and
// script values turned back into that JSON for the API's `vars` field.

import { formatNode } from '../tick/formatter.js';
import { parseLambda } from '../tick/parser.js';
import { TickEvalError } from './errors.js';
import { formatInfluxqlDuration, parseInfluxqlDuration } from '../gofmt/influxql-duration.js';
import type { PropertyValue } from './types.js';
import type { EvalValue } from './values.js';

/** A var as the API carries it. */
export interface TemplateVar {
  type: string;
  value?: unknown;
  description?: string;
}

/** A var as the API shows it (value null when a typed declaration has no value). */
export interface TemplateVarJSON {
  type: string;
  value: unknown;
  description: string;
}

export const VAR_TYPES = ['bool', 'int', 'float', 'string', 'regex', 'duration', 'lambda', 'list', 'star'] as const;
export type VarType = (typeof VAR_TYPES)[number];

export function isVarType(name: string): name is VarType {
  return (VAR_TYPES as readonly string[]).includes(name);
}

/** Kapacitor's ValueType names, as "invalid type supplied" prints them. */
export function valueTypeName(type: VarType): string {
  return type === 'bool' ? 'boolean' : type;
}

/** The var type of a script value, or undefined for nodes and other non-var values. */
export function varTypeOf(value: EvalValue): VarType | undefined {
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (Array.isArray(value)) return 'list';
  switch (value.kind) {
    case 'duration':
    case 'regex':
    case 'lambda':
    case 'star':
      return value.kind;
    default:
      return undefined;
  }
}

/** The zero value of a type, used when a template is compiled without its vars. */
export function zeroValue(type: VarType): EvalValue {
  switch (type) {
    case 'bool':
      return false;
    case 'int':
      return 0n;
    case 'float':
      return 0;
    case 'string':
      return '';
    case 'regex':
      return { kind: 'regex', source: '' };
    case 'duration':
      return { kind: 'duration', ns: 0n, literal: '0s' };
    case 'lambda':
      return { kind: 'lambda', expression: { kind: 'bool', position: { pos: 0, line: 1, char: 1 }, value: false } };
    case 'list':
      return [];
    case 'star':
      return { kind: 'star' };
  }
}

function goJsonType(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}

function wrongValue(name: string, type: string, value: unknown): TickEvalError {
  return new TickEvalError(`invalid var ${name}: expected value of type ${type}, got ${goJsonType(value)}`);
}

/** Converts a user-supplied var to a script value, checking its JSON value against its type. */
export function userVarValue(name: string, spec: TemplateVar): EvalValue {
  const { type, value } = spec;
  if (!isVarType(type)) throw new TickEvalError(`invalid var ${name}: unknown var type ${JSON.stringify(type)}`);
  switch (type) {
    case 'bool':
      if (typeof value !== 'boolean') throw wrongValue(name, type, value);
      return value;
    case 'int':
      if (typeof value === 'bigint') return value;
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongValue(name, type, value);
      return BigInt(value);
    case 'float':
      if (typeof value !== 'number') throw wrongValue(name, type, value);
      return value;
    case 'string':
      if (typeof value !== 'string') throw wrongValue(name, type, value);
      return value;
    case 'regex':
      if (typeof value !== 'string') throw wrongValue(name, type, value);
      return { kind: 'regex', source: value };
    case 'duration':
      return durationVar(name, value);
    case 'lambda':
      if (typeof value !== 'string') throw wrongValue(name, type, value);
      return lambdaVar(name, value);
    case 'star':
      return { kind: 'star' };
    case 'list':
      if (!Array.isArray(value)) throw wrongValue(name, type, value);
      return value.map((item, i) => userVarValue(`${name}[${i}]`, item as TemplateVar));
  }
}

function durationVar(name: string, value: unknown): EvalValue {
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'duration', ns: BigInt(value), literal: formatInfluxqlDuration(BigInt(value)) };
  if (typeof value !== 'string') throw wrongValue(name, 'duration', value);
  const ns = parseInfluxqlDuration(value);
  if (ns === undefined) throw new TickEvalError(`invalid var ${name}: invalid duration string ${JSON.stringify(value)}`);
  return { kind: 'duration', ns, literal: value };
}

function lambdaVar(name: string, text: string): EvalValue {
  // Kapacitor parses a lambda var as a bare expression, without the `lambda:` keyword.
  try {
    return { kind: 'lambda', expression: parseLambda(text).expression };
  } catch (error) {
    throw new TickEvalError(`invalid var ${name}: invalid lambda expression: ${(error as Error).message}`);
  }
}

/** A script value as the API's vars JSON shows it. */
export function varJSONValue(value: EvalValue | PropertyValue): unknown {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (Array.isArray(value)) return value.map((v) => ({ type: varTypeOf(v) ?? 'invalid', value: varJSONValue(v) }));
  switch (value.kind) {
    case 'duration':
      return formatInfluxqlDuration(value.ns);
    case 'regex':
      return value.source;
    // Kapacitor shows a lambda var as its expression in canonical formatting.
    case 'lambda':
      return formatNode(value.expression, '', true);
    default:
      return null;
  }
}
