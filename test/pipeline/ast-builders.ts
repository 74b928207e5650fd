// Small builders for TICKscript ASTs in pipeline tests, so the builder is tested without the
// parser. Positions are given as [line, char] where a test checks an error position.

import type { FunctionType, Node, Position, ProgramNode } from '../../src/tick/ast.js';

export function at(line = 1, char = 1): Position {
  return { pos: 0, line, char };
}

export const P = at();

export function program(...nodes: Node[]): ProgramNode {
  return { kind: 'program', position: P, nodes };
}

export const ident = (name: string): Node => ({ kind: 'identifier', position: P, ident: name });
export const str = (value: string): Node => ({ kind: 'string', position: P, literal: value, tripleQuotes: false });
export const ref = (name: string): Node => ({ kind: 'reference', position: P, reference: name });
export const int = (value: number): Node => ({ kind: 'number', position: P, isInt: true, int64: BigInt(value), float64: 0, literal: String(value) });
export const float = (value: number): Node => ({ kind: 'number', position: P, isInt: false, int64: 0n, float64: value, literal: String(value) });
export const bool = (value: boolean): Node => ({ kind: 'bool', position: P, value });
export const star = (): Node => ({ kind: 'star', position: P });
export const list = (...nodes: Node[]): Node => ({ kind: 'list', position: P, nodes });

const UNITS: Record<string, bigint> = { ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
export function dur(literal: string): Node {
  const match = /^(\d+)(ms|s|m|h)$/.exec(literal)!;
  return { kind: 'duration', position: P, duration: BigInt(match[1]!) * UNITS[match[2]!]!, literal };
}

export function lambda(expression: Node): Node {
  return { kind: 'lambda', position: P, expression };
}

export function bin(operator: '>' | '<' | '*' | '+' | 'AND' | '==', left: Node, right: Node): Node {
  return { kind: 'binary', position: P, operator, left, right, parens: false, multiLine: false };
}

function call(type: FunctionType, operator: '|' | '.' | '@', left: Node, name: string, args: Node[], position: Position): Node {
  const right: Node = { kind: 'function', position, type, func: name, args, multiLine: false };
  return { kind: 'binary', position, operator, left, right, parens: false, multiLine: false };
}

/** A fluent chain: `c(ident('stream')).chain('from').prop('measurement', str('cpu')).node`. */
export class Chain {
  constructor(readonly node: Node) {}
  chain(name: string, ...args: Node[]): Chain {
    return new Chain(call('chain', '|', this.node, name, args, P));
  }
  prop(name: string, ...args: Node[]): Chain {
    return new Chain(call('property', '.', this.node, name, args, P));
  }
  udf(name: string, ...args: Node[]): Chain {
    return new Chain(call('dynamic', '@', this.node, name, args, P));
  }
  chainAt(position: Position, name: string, ...args: Node[]): Chain {
    return new Chain(call('chain', '|', this.node, name, args, position));
  }
  propAt(position: Position, name: string, ...args: Node[]): Chain {
    return new Chain(call('property', '.', this.node, name, args, position));
  }
}

export const from = (source: string): Chain => new Chain(ident(source));

export function declare(name: string, value: Node, comment?: string): Node {
  return {
    kind: 'declaration',
    position: P,
    left: { kind: 'identifier', position: P, ident: name },
    right: value,
    ...(comment === undefined ? {} : { comment: { kind: 'comment', position: P, comments: [comment] } }),
  };
}

export function declareType(name: string, type: string): Node {
  return {
    kind: 'typeDeclaration',
    position: P,
    node: { kind: 'identifier', position: P, ident: name },
    type: { kind: 'identifier', position: P, ident: type },
  };
}

export function dbrp(db: string, rp: string): Node {
  return { kind: 'dbrp', position: P, db: { kind: 'reference', position: P, reference: db }, rp: { kind: 'reference', position: P, reference: rp } };
}
