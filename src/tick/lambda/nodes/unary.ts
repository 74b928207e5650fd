// Unary `!` (boolean not) and `-` (negation of ints, floats and durations; on a boolean it
// negates it, as Kapacitor does).

import type { CompiledNode, EvalContext } from '../node.js';
import { Duration, int64, typeOfValue, T_BOOL, T_INVALID, T_MISSING, type LambdaValue, type ValueType } from '../types.js';
import { guardErrorFor, missingReferenceError, typeGuardError } from './guard.js';

export class NotNode implements CompiledNode {
  readonly kind = 'unary';
  readonly dynamic = false;
  readonly constType = T_BOOL;
  readonly text: string;

  constructor(private readonly operand: CompiledNode) {
    this.text = '!' + operand.text;
  }

  typeOf(): ValueType {
    return T_BOOL;
  }

  eval(ctx: EvalContext): LambdaValue {
    const value = this.operand.eval(ctx);
    if (typeof value !== 'boolean') throw guardErrorFor(this.operand, T_BOOL, typeOfValue(value));
    return !value;
  }
}

export class NegateNode implements CompiledNode {
  readonly kind = 'unary';
  readonly constType: ValueType;
  readonly dynamic: boolean;
  readonly text: string;

  constructor(private readonly operand: CompiledNode) {
    this.constType = operand.constType;
    this.dynamic = this.constType === T_INVALID && operand.dynamic;
    this.text = '-' + operand.text;
  }

  typeOf(ctx: EvalContext): ValueType {
    return this.constType === T_INVALID ? this.operand.typeOf(ctx) : this.constType;
  }

  eval(ctx: EvalContext): LambdaValue {
    const value = this.operand.eval(ctx);
    switch (typeof value) {
      case 'number':
        return -value;
      case 'bigint':
        return int64(-value);
      case 'boolean':
        return !value;
      default: {
        if (value instanceof Duration) return new Duration(int64(-value.ns));
        const type = typeOfValue(value);
        if (type === T_MISSING && this.operand.kind === 'reference') {
          throw missingReferenceError(this.operand.text.slice(1, -1));
        }
        throw typeGuardError(type, this.constType);
      }
    }
  }
}
