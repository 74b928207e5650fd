// Kapacitor's type-guard errors: what a node says when asked for a value of a type it does not
// have (for example a where() condition that is not boolean).

import { LambdaError } from '../errors.js';
import type { CompiledNode } from '../node.js';
import { typeName, T_FLOAT, T_INT, T_MISSING, type ValueType } from '../types.js';

export function typeGuardError(requested: ValueType, actual: ValueType): LambdaError {
  return new LambdaError(`TypeGuard: expression returned unexpected type ${typeName(actual)}, expected ${typeName(requested)}`);
}

export function missingReferenceError(reference: string): LambdaError {
  return new LambdaError(`reference "${reference}" is missing value`);
}

/** The error of asking `node` for a `requested` value when its value has type `actual`. */
export function guardErrorFor(node: CompiledNode, requested: ValueType, actual: ValueType): LambdaError {
  if (node.kind === 'reference' && actual === T_MISSING) return missingReferenceError(node.text.slice(1, -1));
  if (node.kind === 'binary') {
    const goType = actual === T_INT ? 'int64' : actual === T_FLOAT ? 'float64' : '<nil>';
    return new LambdaError(`expression returned unexpected type ${goType}`);
  }
  return typeGuardError(requested, actual);
}
