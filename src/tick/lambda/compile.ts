// Compiles a lambda's AST once into a tree of evaluator nodes: literals become constants,
// references get a slot, regexes are translated, functions are looked up, and operators with
// constant operand types are type-checked here (Kapacitor reports those when the task starts).

import type { Node } from '../ast.js';
import { LambdaError } from './errors.js';
import { lookupFunction } from './functions/index.js';
import { formatGoDuration } from '../../gofmt/duration.js';
import { formatFloatV } from '../../gofmt/float.js';
import type { CompiledNode } from './node.js';
import { BinaryNode } from './nodes/binary.js';
import { FunctionCallNode } from './nodes/function-call.js';
import { LiteralNode } from './nodes/literal.js';
import { ReferenceNode } from './nodes/reference.js';
import { NegateNode, NotNode } from './nodes/unary.js';
import { isExprOperator } from './operators.js';
import { GoRegex } from './regex.js';
import { Duration, T_BOOL, T_DURATION, T_FLOAT, T_INT, T_REGEX, T_STRING } from './types.js';

/** What compiling collects besides the tree: reference slots and stateful function states. */
export interface CompileResult {
  readonly root: CompiledNode;
  readonly references: string[];
  readonly stateFactories: Array<() => unknown>;
}

class Compiler {
  readonly references: string[] = [];
  readonly stateFactories: Array<() => unknown> = [];
  private readonly stateSlots = new Map<string, number>();

  compile(node: Node): CompiledNode {
    switch (node.kind) {
      case 'lambda':
        return this.compile(node.expression);
      case 'number':
        return node.isInt ? new LiteralNode(node.int64, T_INT, node.int64.toString()) : new LiteralNode(node.float64, T_FLOAT, formatFloatV(node.float64));
      case 'duration':
        return new LiteralNode(new Duration(node.duration), T_DURATION, formatGoDuration(node.duration));
      case 'string':
        return new LiteralNode(node.literal, T_STRING, node.literal);
      case 'bool':
        return new LiteralNode(node.value, T_BOOL, node.value ? 'true' : 'false');
      case 'regex':
        return new LiteralNode(new GoRegex(node.literal), T_REGEX, node.literal);
      case 'reference':
        return new ReferenceNode(node.reference, this.slotOf(node.reference));
      case 'unary':
        return this.unary(node.operator, node.node);
      case 'binary':
        return this.binary(node.operator, node.left, node.right);
      case 'function':
        return this.call(node.func, node.args);
      default:
        throw new LambdaError(`Given node type is not valid evaluation node: ${node.kind}`);
    }
  }

  private slotOf(reference: string): number {
    const existing = this.references.indexOf(reference);
    if (existing >= 0) return existing;
    this.references.push(reference);
    return this.references.length - 1;
  }

  private unary(operator: string, operand: Node): CompiledNode {
    let compiled: CompiledNode;
    try {
      compiled = this.compile(operand);
    } catch (err) {
      throw new LambdaError(`Failed to handle node: ${(err as Error).message}`);
    }
    return operator === '!' ? new NotNode(compiled) : new NegateNode(compiled);
  }

  private binary(operator: string, left: Node, right: Node): CompiledNode {
    if (!isExprOperator(operator)) throw new LambdaError(`unknown binary operator ${operator}`);
    let compiledLeft: CompiledNode;
    let compiledRight: CompiledNode;
    try {
      compiledLeft = this.compile(left);
    } catch (err) {
      throw new LambdaError(`Failed to handle left node: ${(err as Error).message}`);
    }
    try {
      compiledRight = this.compile(right);
    } catch (err) {
      throw new LambdaError(`Failed to handle right node: ${(err as Error).message}`);
    }
    return new BinaryNode(operator, compiledLeft, compiledRight);
  }

  private call(name: string, args: Node[]): CompiledNode {
    const compiledArgs = args.map((arg, index) => {
      try {
        return this.compile(arg);
      } catch (err) {
        throw new LambdaError(`Failed to handle ${index + 1} argument: ${(err as Error).message}`);
      }
    });
    const def = lookupFunction(name);
    let stateSlot = -1;
    if (def?.newState !== undefined) {
      stateSlot = this.stateSlots.get(name) ?? this.stateFactories.length;
      if (!this.stateSlots.has(name)) {
        this.stateSlots.set(name, stateSlot);
        this.stateFactories.push(def.newState);
      }
    }
    return new FunctionCallNode(name, def, compiledArgs, stateSlot);
  }
}

export function compileTree(expression: Node): CompileResult {
  const compiler = new Compiler();
  const root = compiler.compile(expression);
  return { root, references: compiler.references, stateFactories: compiler.stateFactories };
}
