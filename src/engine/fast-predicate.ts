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
    if (ref.kind === 'string' && lit.kind === 'reference') { ref = node.right; lit = node.left; }
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
