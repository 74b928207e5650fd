// Public API of lambda expressions: compile an expression once (static type errors surface
// here, as when Kapacitor starts a task), instantiate it per group (stateful functions keep
// their state in the instance), evaluate it per point. Hot path: eval/evalBool allocate nothing
// beyond the values they compute.

import type { Node } from '../ast.js';
import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { compileTree } from './compile.js';
import { LambdaError } from './errors.js';
import type { CompiledNode, EvalContext } from './node.js';
import { guardErrorFor } from './nodes/guard.js';
import { Duration, MISSING, TimeValue, typeOfValue, typeName, T_BOOL, T_MISSING, type LambdaValue } from './types.js';

export { LambdaError } from './errors.js';

export interface LambdaScope {
  time: bigint;
  fields: Fields;
  tags: Tags;
}

export interface LambdaProgram {
  /** Field/tag names the expression reads (in order of first use; "time" included). */
  readonly references: string[];
  /** Uses sigma/count/spread: instances keep state between points. */
  readonly stateful: boolean;
  /** A fresh instance (fresh state); the engine makes one per group. */
  instantiate(): LambdaInstance;
}

export interface LambdaInstance {
  /** The expression's value; a duration comes out as its int64 nanoseconds (as Kapacitor stores it). */
  eval(scope: LambdaScope): FieldValue;
  /** For where/alert conditions: the boolean value, or a LambdaError for any other type. */
  evalBool(scope: LambdaScope): boolean;
}

/** A field value as a lambda sees it; anything that is not a FieldValue counts as absent. */
function present(value: unknown): value is Exclude<FieldValue, null> {
  const type = typeof value;
  return type === 'number' || type === 'bigint' || type === 'string' || type === 'boolean';
}

class Instance implements LambdaInstance {
  private readonly ctx: EvalContext;
  private readonly time = new TimeValue(0n);

  constructor(
    private readonly root: CompiledNode,
    private readonly references: readonly string[],
    stateFactories: ReadonlyArray<() => unknown>,
  ) {
    this.ctx = {
      slots: new Array<LambdaValue>(references.length).fill(MISSING),
      state: stateFactories.map((factory) => factory()),
      references,
    };
  }

  /** Kapacitor's fillScope: "time" is the point time; a name both field and tag is an error. */
  private fill(scope: LambdaScope): void {
    const slots = this.ctx.slots;
    for (let index = 0; index < this.references.length; index++) {
      const name = this.references[index]!;
      if (name === 'time') {
        this.time.ns = scope.time;
        slots[index] = this.time;
        continue;
      }
      const field = scope.fields[name];
      const tag = scope.tags[name];
      const hasField = present(field);
      const hasTag = typeof tag === 'string';
      if (hasField && hasTag) throw new LambdaError(`cannot have field and tags with same name "${name}"`);
      slots[index] = hasField ? field : hasTag ? tag : MISSING;
    }
  }

  eval(scope: LambdaScope): FieldValue {
    this.fill(scope);
    const root = this.root;
    if (root.kind === 'function') root.typeOf(this.ctx);
    const value = root.eval(this.ctx);
    switch (typeof value) {
      case 'number':
      case 'bigint':
      case 'string':
      case 'boolean':
        return value;
      default:
        break;
    }
    if (value instanceof Duration) return value.ns;
    const type = typeOfValue(value);
    if (type === T_MISSING && root.kind === 'reference') throw new LambdaError(`missing value: ${root.text}`);
    throw new LambdaError(`expression returned unexpected type ${typeName(type)}`);
  }

  evalBool(scope: LambdaScope): boolean {
    this.fill(scope);
    const root = this.root;
    const type = root.typeOf(this.ctx);
    if (type === T_BOOL) return root.eval(this.ctx) as boolean;
    if (root.kind === 'binary' || root.kind === 'function') {
      const value = root.eval(this.ctx);
      throw guardErrorFor(root, T_BOOL, typeOfValue(value));
    }
    throw guardErrorFor(root, T_BOOL, type);
  }
}

/** Compiles a lambda expression; throws LambdaError for errors Kapacitor reports at task start. */
export function compileLambda(expression: Node): LambdaProgram {
  const { root, references, stateFactories } = compileTree(expression);
  return {
    references,
    stateful: stateFactories.length > 0,
    instantiate: () => new Instance(root, references, stateFactories),
  };
}
