// A "field or tag" reference: reads the value the instance put in its slot for this point.

import type { CompiledNode, EvalContext } from '../node.js';
import { typeOfValue, T_INVALID, type LambdaValue, type ValueType } from '../types.js';

export class ReferenceNode implements CompiledNode {
  readonly kind = 'reference';
  readonly dynamic = true;
  readonly constType = T_INVALID;
  readonly text: string;

  constructor(
    readonly reference: string,
    private readonly slot: number,
  ) {
    this.text = `"${reference}"`;
  }

  typeOf(ctx: EvalContext): ValueType {
    return typeOfValue(ctx.slots[this.slot]!);
  }

  eval(ctx: EvalContext): LambdaValue {
    return ctx.slots[this.slot]!;
  }
}
