// Values the TICKscript evaluator passes around: property values plus nodes, alert handlers
// and double-quoted references, with the Go type names Kapacitor's messages print for them
// and the assignability rule of Go's reflect package.

import { goTypeName, type GoType, type HandlerSpec } from './catalogue/index.js';
import type { BuildCall, BuildNode } from './graph.js';
import type { PropertyValue } from './types.js';

export interface NodeRef {
  readonly kind: 'node';
  readonly node: BuildNode;
}

/** An alert handler opened by e.g. `.post(url)`: its properties go to `call.children`. */
export interface HandlerRef {
  readonly kind: 'handler';
  readonly node: BuildNode;
  readonly call: BuildCall;
  readonly spec: HandlerSpec;
}

/** A double-quoted reference outside a lambda (usually a quoting mistake). */
export interface ReferenceRef {
  readonly kind: 'reference';
  readonly reference: string;
}

export type EvalValue = PropertyValue | NodeRef | HandlerRef | ReferenceRef | EvalValue[];

export function isNodeLike(value: EvalValue): value is NodeRef | HandlerRef {
  return typeof value === 'object' && !Array.isArray(value) && (value.kind === 'node' || value.kind === 'handler');
}

/** The Go type Kapacitor would report for a value (`int64`, `*ast.LambdaNode`, ...). */
export function goTypeOf(value: EvalValue): string {
  switch (typeof value) {
    case 'bigint':
      return 'int64';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (Array.isArray(value)) return '[]interface {}';
  switch (value.kind) {
    case 'duration':
      return 'time.Duration';
    case 'regex':
      return '*regexp.Regexp';
    case 'lambda':
      return '*ast.LambdaNode';
    case 'star':
      return '*ast.StarNode';
    case 'time':
      return 'kapacitor.TimeDimension';
    case 'reference':
      return '*ast.ReferenceNode';
    case 'node':
      return goTypeName(value.node.spec.goType);
    case 'handler':
      return goTypeName(value.spec.goType);
  }
}

export function assignable(value: EvalValue, target: GoType): boolean {
  if (target === 'interface {}') return typeof value !== 'object' || Array.isArray(value) || (!isNodeLike(value) && value.kind !== 'reference');
  if (target === 'pipeline.Node') return isNodeLike(value);
  return goTypeOf(value) === target;
}

/** Narrows an argument already checked assignable to a plain property value. */
export function asPropertyValue(value: EvalValue): PropertyValue {
  if (Array.isArray(value)) return value.map(asPropertyValue);
  if (typeof value === 'object' && (value.kind === 'node' || value.kind === 'handler' || value.kind === 'reference')) {
    throw new Error(`not a property value: ${goTypeOf(value)}`);
  }
  return value;
}
