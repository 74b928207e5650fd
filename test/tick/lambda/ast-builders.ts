// Hand-built TICKscript AST nodes for lambda tests (the parser is written separately), and a
// scope helper for evaluating against one point.

import type { BinaryOperator, Node } from '../../../src/tick/ast.js';
import type { Fields, Tags } from '../../../src/models/point.js';
import { compileLambda, type LambdaScope } from '../../../src/tick/lambda/index.js';

const position = { pos: 0, line: 1, char: 1 };

export const int = (value: bigint): Node => ({
  kind: 'number',
  position,
  isInt: true,
  int64: value,
  float64: 0,
  literal: value.toString(),
});
export const float = (value: number): Node => ({
  kind: 'number',
  position,
  isInt: false,
  int64: 0n,
  float64: value,
  literal: String(value),
});
export const dur = (ns: bigint, literal = `${ns}ns`): Node => ({ kind: 'duration', position, duration: ns, literal });
export const seconds = (count: bigint): Node => dur(count * 1_000_000_000n, `${count}s`);
export const minutes = (count: bigint): Node => dur(count * 60_000_000_000n, `${count}m`);
export const str = (literal: string): Node => ({ kind: 'string', position, literal, tripleQuotes: false });
export const bool = (value: boolean): Node => ({ kind: 'bool', position, value });
export const regex = (literal: string): Node => ({ kind: 'regex', position, literal });
export const ref = (reference: string): Node => ({ kind: 'reference', position, reference });
export const neg = (node: Node): Node => ({ kind: 'unary', position, operator: '-', node });
export const not = (node: Node): Node => ({ kind: 'unary', position, operator: '!', node });
export const bin = (left: Node, operator: BinaryOperator, right: Node): Node => ({
  kind: 'binary',
  position,
  operator,
  left,
  right,
  parens: false,
  multiLine: false,
});
export const call = (func: string, ...args: Node[]): Node => ({
  kind: 'function',
  position,
  type: 'global',
  func,
  args,
  multiLine: false,
});

/** 2019-03-15T13:45:30Z, a Friday. */
export const POINT_TIME = 1_552_657_530_000_000_000n;

export const FIELDS: Fields = {
  value: 10.5,
  i: 7n,
  n: -3n,
  f: 2.5,
  s: 'Hello, World',
  b: true,
  z: 0n,
  bytes: 1536n,
};
export const TAGS: Tags = { host: 'serverA', region: 'us-west' };

export function scope(fields: Fields = FIELDS, tags: Tags = TAGS, time = POINT_TIME): LambdaScope {
  return { time, fields, tags };
}

/** Compiles and evaluates an expression once against the default point. */
export function evalOnce(node: Node, point: LambdaScope = scope()) {
  return compileLambda(node).instantiate().eval(point);
}
