// Canonical TICKscript formatting, as Kapacitor's `script-format=formatted` and
// `kapacitor show` print scripts: 4-space indents (8 for property calls), one blank line
// between statements, `// ` comments, literals in their normalised forms.

import type { CommentNode, Node, ProgramNode } from './ast.js';
import { formatFloatF } from '../gofmt/float.js';
import { formatInfluxqlDuration } from '../gofmt/influxql-duration.js';

const STEP = '    ';

class Formatter {
  out = '';

  private indentIf(indent: string, onNewLine: boolean): void {
    if (onNewLine) this.out += indent;
  }

  comment(node: CommentNode, indent: string, onNewLine: boolean): void {
    if (!onNewLine) this.out += '\n';
    for (const line of node.comments) {
      if (line === '\n') {
        this.out += '\n';
        continue;
      }
      this.out += `${indent}//${line.length > 0 ? ` ${line}` : ''}\n`;
    }
  }

  node(node: Node, indent: string, onNewLine: boolean): void {
    if (node.kind === 'program') return this.program(node);
    if (node.kind === 'comment') return this.comment(node, indent, onNewLine);
    if (node.kind === 'binary' && (node.operator === '|' || node.operator === '.' || node.operator === '@')) {
      return this.chain(node.operator, node.left, node.right, node.comment, indent, onNewLine);
    }
    if (node.kind === 'declaration' || node.kind === 'typeDeclaration' || node.kind === 'dbrp') {
      if (node.comment !== undefined) this.comment(node.comment, indent, onNewLine);
      return this.statement(node, indent);
    }
    if (node.comment !== undefined) {
      this.comment(node.comment, indent, onNewLine);
      onNewLine = true;
    }
    this.indentIf(indent, onNewLine);
    switch (node.kind) {
      case 'number':
        this.out += formatNumber(node.isInt, node.int64, node.float64, node.literal);
        return;
      case 'duration':
        this.out += node.literal !== '' ? node.literal : formatInfluxqlDuration(node.duration);
        return;
      case 'bool':
        this.out += node.value ? 'TRUE' : 'FALSE';
        return;
      case 'string':
        this.out += node.tripleQuotes ? `'''${node.literal}'''` : `'${node.literal.replace(/'/g, "\\'")}'`;
        return;
      case 'regex':
        this.out += `/${node.literal.replace(/\//g, '\\/')}/`;
        return;
      case 'star':
        this.out += '*';
        return;
      case 'identifier':
        this.out += node.ident;
        return;
      case 'reference':
        this.out += `"${node.reference.replace(/"/g, '\\"')}"`;
        return;
      case 'unary':
        this.out += node.operator;
        this.node(node.node, indent, false);
        return;
      case 'list':
        this.out += '[';
        node.nodes.forEach((item, i) => {
          if (i !== 0) this.out += ', ';
          this.node(item, indent, onNewLine);
        });
        this.out += ']';
        return;
      case 'lambda':
        this.out += 'lambda: ';
        this.node(node.expression, indent, false);
        return;
      case 'function': {
        this.out += `${node.func}(`;
        const argIndent = indent + STEP;
        node.args.forEach((arg, i) => {
          if (i !== 0) this.out += node.multiLine ? ',' : ', ';
          if (node.multiLine) this.out += '\n';
          this.node(arg, argIndent, node.multiLine);
        });
        if (node.multiLine && node.args.length > 0) this.out += `\n${indent}`;
        this.out += ')';
        return;
      }
      case 'binary': {
        let inner = indent;
        if (node.parens) {
          this.out += '(';
          inner += STEP;
        }
        this.node(node.left, inner, false);
        this.out += ` ${node.operator}${node.multiLine ? '\n' : ' '}`;
        this.node(node.right, inner, node.multiLine);
        if (node.parens) this.out += ')';
        return;
      }
    }
  }

  private chain(operator: string, left: Node, right: Node, comment: CommentNode | undefined, indent: string, onNewLine: boolean): void {
    this.node(left, indent, onNewLine);
    this.out += '\n';
    const inner = indent + STEP + (operator === '.' ? STEP : '');
    if (comment !== undefined) this.comment(comment, inner, true);
    this.out += inner + operator;
    this.node(right, inner, false);
  }

  private statement(node: Node, indent: string): void {
    switch (node.kind) {
      case 'declaration':
        this.out += 'var ';
        this.node(node.left, indent, false);
        this.out += ' = ';
        this.node(node.right, indent, false);
        return;
      case 'typeDeclaration':
        this.out += 'var ';
        this.node(node.node, indent, false);
        this.out += ' ';
        this.node(node.type, indent, false);
        return;
      case 'dbrp':
        this.out += `${indent}dbrp "${node.db.reference}"."${node.rp.reference}"`;
        return;
      default:
        break;
    }
  }

  program(node: ProgramNode): void {
    node.nodes.forEach((statement, i) => {
      if (i !== 0) this.out += '\n';
      this.node(statement, '', true);
      this.out += '\n';
    });
  }
}

function formatNumber(isInt: boolean, int64: bigint, float64: number, literal: string): string {
  if (isInt) {
    const octal = literal.length > 1 && literal.startsWith('0');
    return octal ? `0${int64.toString(8)}` : int64.toString(10);
  }
  const text = formatFloatF(float64);
  return text.includes('.') ? text : `${text}.0`;
}

/** The canonical text of a parsed script. */
export function format(program: ProgramNode): string {
  const formatter = new Formatter();
  formatter.program(program);
  return formatter.out;
}

/** The canonical text of any AST node (a lambda expression, an argument). */
export function formatNode(node: Node, indent = '', onNewLine = false): string {
  const formatter = new Formatter();
  formatter.node(node, indent, onNewLine);
  return formatter.out;
}
