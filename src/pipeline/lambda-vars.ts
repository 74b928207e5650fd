// Substitutes script vars into a lambda: each identifier becomes the literal of its value, as
// Kapacitor resolves them when the lambda is evaluated at define time. Returns new AST nodes;
// the parsed program is never modified.

import type { Node, Position } from '../tick/ast.js';
import { positioned } from './errors.js';
import type { Scope } from './scope.js';
import { goTypeOf, type EvalValue } from './values.js';

export function resolveLambdaVars(node: Node, scope: Scope): Node {
  switch (node.kind) {
    case 'identifier':
      return literalNode(node.position, scope.get(node.ident));
    case 'unary':
      return { ...node, node: resolveLambdaVars(node.node, scope) };
    case 'binary':
      return { ...node, left: resolveLambdaVars(node.left, scope), right: resolveLambdaVars(node.right, scope) };
    case 'function':
      return { ...node, args: node.args.map((arg) => resolveLambdaVars(arg, scope)) };
    case 'lambda':
      return { ...node, expression: resolveLambdaVars(node.expression, scope) };
    default:
      return node;
  }
}

/** The AST literal for a var's value (Kapacitor's ValueToLiteralNode). */
export function literalNode(position: Position, value: EvalValue): Node {
  switch (typeof value) {
    case 'bigint':
      return { kind: 'number', position, isInt: true, int64: value, float64: 0, literal: value.toString() };
    case 'number':
      return { kind: 'number', position, isInt: false, int64: 0n, float64: value, literal: floatLiteral(value) };
    case 'string':
      return { kind: 'string', position, literal: value, tripleQuotes: false };
    case 'boolean':
      return { kind: 'bool', position, value };
    default:
      break;
  }
  if (!Array.isArray(value)) {
    switch (value.kind) {
      case 'duration':
        return { kind: 'duration', position, duration: value.ns, literal: value.literal };
      case 'regex':
        return { kind: 'regex', position, literal: value.source };
      case 'lambda':
        return value.expression;
      case 'star':
        return { kind: 'star', position };
      default:
        break;
    }
  }
  throw positioned(position, `unsupported literal type ${goTypeOf(value)}`);
}

export function floatLiteral(value: number): string {
  const text = String(value);
  return /[.eE]|Infinity|NaN/.test(text) ? text : `${text}.0`;
}
