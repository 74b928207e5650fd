// Literal nodes (numbers, durations, strings, booleans, regexes): a constant value and type.

import type { CompiledNode } from '../node.js';
import type { LambdaValue, ValueType } from '../types.js';

export class LiteralNode implements CompiledNode {
  readonly kind = 'literal';
  readonly dynamic = false;

  constructor(
    private readonly value: LambdaValue,
    readonly constType: ValueType,
    readonly text: string,
  ) {}

  typeOf(): ValueType {
    return this.constType;
  }

  eval(): LambdaValue {
    return this.value;
  }
}
