// The compiled form of a lambda: a tree of evaluator objects built once per expression.
// Hot path: evaluation reads reference values from the per-instance slot array and never
// allocates Maps or closures per point.

import type { LambdaValue, ValueType } from './types.js';

/** Per-instance evaluation state, reused for every point. */
export interface EvalContext {
  /** Values of the program's references for the current point, by reference index. */
  readonly slots: LambdaValue[];
  /** State of stateful functions (sigma, count, spread), by state index. */
  readonly state: unknown[];
  /** The program's reference names (for "values in scope" messages). */
  readonly references: readonly string[];
}

export type CompiledKind = 'literal' | 'reference' | 'unary' | 'binary' | 'function';

export interface CompiledNode {
  readonly kind: CompiledKind;
  /** The type known without a point (Kapacitor's constant type); T_INVALID when dynamic. */
  readonly constType: ValueType;
  /** Whether the type can change from point to point (Kapacitor's IsDynamic). */
  readonly dynamic: boolean;
  /** Kapacitor's String() of the node, used in function-signature messages. */
  readonly text: string;
  /** The node's type for the current point, without evaluating it (Kapacitor's Type). */
  typeOf(ctx: EvalContext): ValueType;
  eval(ctx: EvalContext): LambdaValue;
}
