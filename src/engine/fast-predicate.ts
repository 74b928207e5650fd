// A shortcut for the most common where lambdas: comparisons of a tag/field with a string literal
// (`"host" == 'a'`, `!=`), combined with AND / OR. Evaluated straight on the point's tags and
// fields; whenever the shortcut cannot decide exactly as the compiled lambda would (value
// missing, not a string, or both a field and a tag), it answers UNDECIDED and the caller runs
// the full lambda, so results and errors stay Kapacitor's.

import type { Fields, Tags } from '../models/point.js';
import type { Node } from '../tick/ast.js';

export const UNDECIDED = 2;
/** 1 true, 0 false, UNDECIDED: evaluate the lambda. */
export type Tri = 0 | 1 | typeof UNDECIDED;
export type FastPredicate = (fields: Fields, tags: Readonly<Tags>) => Tri;

function value(name: string, fields: Fields, tags: Readonly<Tags>): string | undefined {
  const tag = tags[name];
  const field = fields[name];
  if (tag !== undefined) return field === undefined ? tag : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** The shortcut for an expression, or undefined when it has none. */
export function fastPredicate(node: Node): FastPredicate | undefined {
  if (node.kind !== 'binary') return undefined;
  const op = node.operator;
  if (op === '==' || op === '!=') {
    let ref: Node = node.left;
    let lit: Node = node.right;
    if (ref.kind === 'string' && lit.kind === 'reference') {
      ref = node.right;
      lit = node.left;
    }
    if (ref.kind !== 'reference' || lit.kind !== 'string' || ref.reference === 'time') return undefined;
    const name = ref.reference;
    const literal = lit.literal;
    const equal = op === '==';
    return (fields, tags) => {
      const v = value(name, fields, tags);
      if (v === undefined) return UNDECIDED;
      return (v === literal) === equal ? 1 : 0;
    };
  }
  if (op === 'AND' || op === 'OR') {
    const left = fastPredicate(node.left);
    const right = fastPredicate(node.right);
    if (left === undefined || right === undefined) return undefined;
    const and = op === 'AND';
    return (fields, tags) => {
      const a = left(fields, tags);
      if (a === UNDECIDED) return UNDECIDED;
      if (and ? a === 0 : a === 1) return a;
      return right(fields, tags);
    };
  }
  return undefined;
}

/**
 * A tag equality that decides an expression alone: `"tag" == 'literal'` itself, or the leftmost
 * comparison of an AND chain the shortcut fully covers. Whenever the point has that tag (and no
 * field of that name) with another value, the shortcut answers false without evaluating
 * anything else, so the point can be skipped without changing results or error counts.
 */
export function decidingEquality(node: Node): { name: string; literal: string } | undefined {
  if (fastPredicate(node) === undefined) return undefined;
  let leftmost: Node = node;
  while (leftmost.kind === 'binary' && leftmost.operator === 'AND') leftmost = leftmost.left;
  if (leftmost.kind !== 'binary' || leftmost.operator !== '==') return undefined;
  const { left, right } = leftmost;
  if (left.kind === 'reference' && right.kind === 'string') return { name: left.reference, literal: right.literal };
  if (right.kind === 'reference' && left.kind === 'string') return { name: right.reference, literal: left.literal };
  return undefined;
}
