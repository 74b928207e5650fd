// Binary operators. With constant operand types the implementation is chosen at compile time
// (and a bad combination is a compile error); otherwise both operand types are taken first,
// as Kapacitor does, then the implementation for that pair runs (AND/OR short-circuit in it).

import type { CompiledNode, EvalContext } from '../node.js';
import { isBooleanOperator, lookupOperator, operatorTypeError, type ExprOperator, type OperatorEntry } from '../operators.js';
import { T_BOOL, T_INVALID, type LambdaValue, type ValueType } from '../types.js';

export class BinaryNode implements CompiledNode {
  readonly kind = 'binary';
  readonly constType: ValueType;
  readonly dynamic: boolean;
  readonly text: string;
  /** The implementation when both operand types are constant. */
  private readonly fixed: OperatorEntry | undefined;

  constructor(
    private readonly op: ExprOperator,
    private readonly left: CompiledNode,
    private readonly right: CompiledNode,
  ) {
    this.text = `${left.text} ${op} ${right.text}`;
    if (!left.dynamic && !right.dynamic) {
      this.fixed = lookupOperator(op, left.constType, right.constType);
      if (this.fixed === undefined) throw operatorTypeError(op, left.constType, right.constType);
    }
    if (isBooleanOperator(op)) this.constType = T_BOOL;
    else this.constType = this.fixed?.returns ?? T_INVALID;
    this.dynamic = this.constType === T_INVALID;
  }

  private entryFor(ctx: EvalContext): OperatorEntry {
    const leftType = this.left.typeOf(ctx);
    const rightType = this.right.typeOf(ctx);
    const entry = lookupOperator(this.op, leftType, rightType);
    if (entry === undefined) throw operatorTypeError(this.op, leftType, rightType);
    return entry;
  }

  typeOf(ctx: EvalContext): ValueType {
    return this.constType === T_INVALID ? this.entryFor(ctx).returns : this.constType;
  }

  eval(ctx: EvalContext): LambdaValue {
    const entry = this.fixed ?? this.entryFor(ctx);
    return entry.impl(this.left, this.right, ctx);
  }
}
