// Compiling a node's lambda properties once, with errors worded as Kapacitor reports them when
// a task starts.

import type { PipelineNode, PropertyValue } from '../pipeline/types.js';
import { compileLambda, type LambdaProgram } from '../tick/lambda/index.js';

export function isLambda(value: PropertyValue | undefined): value is Extract<PropertyValue, { kind: 'lambda' }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'lambda';
}

/** Compiles a lambda argument; throws with the node named, as at task start. */
export function compileArg(node: PipelineNode, value: PropertyValue | undefined): LambdaProgram {
  if (!isLambda(value)) throw new Error(`${node.name}: expected a lambda expression`);
  try {
    return compileLambda(value.expression);
  } catch (error) {
    throw new Error(`Failed to compile expression: ${(error as Error).message}`, { cause: error });
  }
}
