// A call of a built-in function. Arguments are typed and evaluated in order, the argument
// types must match one of the function's signatures, then the implementation runs; every
// failure carries Kapacitor's text ("Cannot call function ...", "error calling ...").

import { LambdaError } from '../errors.js';
import { domainKey, type RegisteredFunction } from '../functions/index.js';
import type { CompiledNode, EvalContext } from '../node.js';
import { typeName, T_INVALID, T_MISSING, type LambdaValue, type ValueType } from '../types.js';

function argumentError(index: number, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new LambdaError(`Failed to handle ${index + 1} argument: ${message}`);
}

export class FunctionCallNode implements CompiledNode {
  readonly kind = 'function';
  readonly dynamic = true;
  readonly constType = T_INVALID;
  readonly text: string;
  /** Scratch space reused by every call (evaluation is synchronous and never re-enters a node). */
  private readonly argTypes: ValueType[];
  private readonly argValues: LambdaValue[];

  constructor(
    private readonly name: string,
    private readonly def: RegisteredFunction | undefined,
    private readonly args: readonly CompiledNode[],
    private readonly stateSlot: number,
  ) {
    this.text = `${name}(${args.map((arg) => arg.text).join(', ')})`;
    this.argTypes = new Array<ValueType>(args.length).fill(T_INVALID);
    this.argValues = new Array<LambdaValue>(args.length).fill(false);
  }

  private definition(): RegisteredFunction {
    if (this.def === undefined) throw new LambdaError(`undefined function: "${this.name}"`);
    return this.def;
  }

  private checkSignature(def: RegisteredFunction, ctx: EvalContext): ValueType {
    const returns = def.returns.get(domainKey(this.argTypes, this.args.length));
    if (returns === undefined) throw this.signatureError(def, ctx);
    return returns;
  }

  private signatureError(def: RegisteredFunction, ctx: EvalContext): LambdaError {
    const missing: string[] = [];
    const literals: string[] = [];
    this.args.forEach((arg, index) => {
      const type = this.argTypes[index]!;
      if (type === T_MISSING) missing.push(arg.text);
      literals.push(`${arg.text}: ${typeName(type)}`);
    });
    if (missing.length > 0) {
      const scope = ctx.references.map((name) => `"${name}"`);
      for (const name of missing) {
        const at = scope.indexOf(name);
        if (at >= 0) scope.splice(at, 1);
      }
      const what = missing.length > 1 ? `arguments ${missing.join(', ')} are` : `argument ${missing[0]} is`;
      return new LambdaError(`Cannot call function "${this.name}" ${what} missing, values in scope are [${scope.join(', ')}]`);
    }
    return new LambdaError(`Cannot call function "${this.name}" with args (${literals.join(',')}), available signatures are ${def.signatureText}.`);
  }

  typeOf(ctx: EvalContext): ValueType {
    const def = this.definition();
    for (let index = 0; index < this.args.length; index++) {
      try {
        this.argTypes[index] = this.args[index]!.typeOf(ctx);
      } catch (err) {
        throw argumentError(index, err);
      }
    }
    return this.checkSignature(def, ctx);
  }

  eval(ctx: EvalContext): LambdaValue {
    const def = this.definition();
    for (let index = 0; index < this.args.length; index++) {
      const arg = this.args[index]!;
      try {
        this.argTypes[index] = arg.typeOf(ctx);
        this.argValues[index] = arg.eval(ctx);
      } catch (err) {
        throw argumentError(index, err);
      }
    }
    this.checkSignature(def, ctx);
    try {
      return def.call(this.argValues, ctx.state[this.stateSlot]);
    } catch (err) {
      throw new LambdaError(`error calling "${this.name}": ${(err as Error).message}`);
    }
  }
}
