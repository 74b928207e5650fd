// A lambda expression written back as TICKscript text (`"value" > 2.0`), for the vars JSON
// of lambda template variables. Minimal parentheses: operands that are binary expressions
// are parenthesised.

import type { Node } from '../tick/ast.js';

function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function expressionText(node: Node): string {
  switch (node.kind) {
    case 'number': case 'duration': return node.literal;
    case 'bool': return node.value ? 'TRUE' : 'FALSE';
    case 'string': return quoteString(node.literal);
    case 'regex': return `/${node.literal.replace(/\//g, '\\/')}/`;
    case 'star': return '*';
    case 'reference': return `"${node.reference.replace(/"/g, '\\"')}"`;
    case 'identifier': return node.ident;
    case 'unary': return `${node.operator}${operand(node.node)}`;
    case 'binary': return `${operand(node.left)} ${node.operator} ${operand(node.right)}`;
    case 'function': return `${node.func}(${node.args.map(expressionText).join(', ')})`;
    case 'lambda': return `lambda: ${expressionText(node.expression)}`;
    case 'list': return `[${node.nodes.map(expressionText).join(', ')}]`;
    default: return '';
  }
}

function operand(node: Node): string {
  return node.kind === 'binary' ? `(${expressionText(node)})` : expressionText(node);
}
