// Runs a parsed template against data: field chains, variables, pipelines, control structures
// and functions, Go's semantics. Per event: no parsing, no closures created per node.

import type { Command, Operand, Pipeline, TemplateNode } from './ast.js';
import { TemplateError } from './errors.js';
import { FUNCTIONS } from './functions.js';
import { callMethod } from './methods.js';
import { GoDuration, GoTime, StringMap, isTrue, printValue } from './values.js';

/** How action output is escaped: text/template (none) or html/template (HTML-escaped). */
export type EscapeMode = 'text' | 'html';

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
type Flow = typeof BREAK | typeof CONTINUE | undefined;

/** html/template's escaper for the HTML text context. */
function htmlTextEscape(text: string): string {
  return text.replace(/[&'<>"+\0]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case "'":
        return '&#39;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&#34;';
      case '+':
        return '&#43;';
      default:
        return '\uFFFD';
    }
  });
}

class Execution {
  out = '';
  private readonly names: string[] = [];
  private readonly values: unknown[] = [];

  constructor(
    private readonly templateName: string,
    private readonly mode: EscapeMode,
    root: unknown,
  ) {
    this.names.push('$');
    this.values.push(root);
  }

  fail(message: string): never {
    throw new TemplateError(`template: ${this.templateName}: ${message}`);
  }

  list(nodes: readonly TemplateNode[], dot: unknown): Flow {
    const mark = this.names.length;
    try {
      for (const node of nodes) {
        const flow = this.node(node, dot);
        if (flow !== undefined) return flow;
      }
      return undefined;
    } finally {
      this.names.length = mark;
      this.values.length = mark;
    }
  }

  private node(node: TemplateNode, dot: unknown): Flow {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return undefined;
      case 'action': {
        const value = this.pipeline(node.pipeline, dot);
        if (node.pipeline.variables.length === 0) {
          const text = printValue(value);
          const last = node.pipeline.commands[node.pipeline.commands.length - 1]!.args[0]!;
          const preEscaped = last.kind === 'function' && last.name === 'html';
          this.out += this.mode === 'html' && !preEscaped ? htmlTextEscape(text) : text;
        }
        return undefined;
      }
      case 'if':
      case 'with': {
        const mark = this.names.length;
        const value = this.pipeline(node.pipeline, dot);
        let flow: Flow;
        if (isTrue(value)) flow = this.list(node.list, node.kind === 'with' ? value : dot);
        else if (node.elseList !== undefined) flow = this.list(node.elseList, dot);
        this.names.length = mark;
        this.values.length = mark;
        return flow;
      }
      case 'range':
        return this.range(node.pipeline, node.list, node.elseList, dot);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
    }
  }

  private range(pipeline: Pipeline, list: readonly TemplateNode[], elseList: readonly TemplateNode[] | undefined, dot: unknown): Flow {
    const mark = this.names.length;
    const value = this.pipeline({ ...pipeline, variables: [] }, dot);
    let entries: Array<[unknown, unknown]>;
    if (Array.isArray(value)) entries = value.map((item, i) => [BigInt(i), item]);
    else if (typeof value === 'bigint' || typeof value === 'number') entries = Array.from({ length: Number(value) }, (_, i) => [BigInt(i), BigInt(i)]);
    else if (value instanceof StringMap)
      entries = Object.keys(value.entries)
        .sort()
        .map((key) => [key, value.entries[key]]);
    else if (value !== null && typeof value === 'object' && !(value instanceof GoTime) && !(value instanceof GoDuration)) {
      const record = value as Record<string, unknown>;
      entries = Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]);
    } else if (value === undefined || value === null) entries = [];
    else this.fail(`range can't iterate over ${printValue(value)}`);
    try {
      if (entries.length === 0) {
        if (elseList !== undefined) return this.list(elseList, dot);
        return undefined;
      }
      for (const [key, item] of entries) {
        const inner = this.names.length;
        if (pipeline.variables.length === 1) this.declare(pipeline.variables[0]!, item);
        else if (pipeline.variables.length === 2) {
          this.declare(pipeline.variables[0]!, key);
          this.declare(pipeline.variables[1]!, item);
        }
        const flow = this.list(list, item);
        this.names.length = inner;
        this.values.length = inner;
        if (flow === BREAK) break;
      }
      return undefined;
    } finally {
      this.names.length = mark;
      this.values.length = mark;
    }
  }

  private declare(name: string, value: unknown): void {
    this.names.push(name);
    this.values.push(value);
  }

  private variable(name: string): unknown {
    for (let i = this.names.length - 1; i >= 0; i--) if (this.names[i] === name) return this.values[i];
    this.fail(`undefined variable: ${name}`);
  }

  pipeline(pipeline: Pipeline, dot: unknown): unknown {
    let value: unknown;
    let hasFinal = false;
    for (const command of pipeline.commands) {
      value = this.command(command, dot, value, hasFinal);
      hasFinal = true;
    }
    for (const name of pipeline.variables) {
      if (pipeline.assign) {
        for (let i = this.names.length - 1; i >= 0; i--) {
          if (this.names[i] === name) {
            this.values[i] = value;
            break;
          }
        }
      } else this.declare(name, value);
    }
    return value;
  }

  private command(command: Command, dot: unknown, final: unknown, hasFinal: boolean): unknown {
    const first = command.args[0]!;
    const rest = command.args.slice(1);
    switch (first.kind) {
      case 'function':
        return this.call(first.name, rest, dot, final, hasFinal);
      case 'field':
        return this.chain(dot, first.names, rest, dot, final, hasFinal);
      case 'variable':
        return this.chain(this.variable(first.name), first.names, rest, dot, final, hasFinal);
      case 'pipeline':
        if (first.names.length > 0) return this.chain(this.pipeline(first.pipeline, dot), first.names, rest, dot, final, hasFinal);
        break;
      default:
        break;
    }
    if (rest.length > 0 || hasFinal) this.fail(`can't give argument to non-function ${describe(first)}`);
    return this.operand(first, dot);
  }

  private operand(operand: Operand, dot: unknown): unknown {
    switch (operand.kind) {
      case 'dot':
        return dot;
      case 'string':
        return operand.value;
      case 'number':
        return operand.value;
      case 'bool':
        return operand.value;
      case 'nil':
        return null;
      case 'field':
        return this.chain(dot, operand.names, [], dot, undefined, false);
      case 'variable':
        return this.chain(this.variable(operand.name), operand.names, [], dot, undefined, false);
      case 'pipeline': {
        const value = this.pipeline(operand.pipeline, dot);
        return operand.names.length > 0 ? this.chain(value, operand.names, [], dot, undefined, false) : value;
      }
      case 'function':
        return this.call(operand.name, [], dot, undefined, false);
    }
  }

  /** Walks .A.B.C from receiver; the last name may be a method taking the command's arguments. */
  private chain(receiver: unknown, names: readonly string[], args: readonly Operand[], dot: unknown, final: unknown, hasFinal: boolean): unknown {
    let value = receiver;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const isLast = i === names.length - 1;
      const methodArgs = isLast ? args.map((arg) => this.operand(arg, dot)) : [];
      if (isLast && hasFinal) methodArgs.push(final);
      const method = callMethod(value, name, methodArgs);
      if (method !== undefined) {
        value = method.value;
        continue;
      }
      if (isLast && methodArgs.length > 0) this.fail(`${name} has arguments but cannot be invoked as function`);
      value = this.field(value, name);
    }
    if (names.length === 0 && (args.length > 0 || hasFinal)) this.fail(`can't give argument to non-function`);
    return value;
  }

  private field(value: unknown, name: string): unknown {
    if (value instanceof StringMap) return value.entries[name] ?? '';
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof GoTime) && !(value instanceof GoDuration)) {
      return (value as Record<string, unknown>)[name];
    }
    if (value === undefined || value === null) this.fail(`nil pointer evaluating .${name}`);
    this.fail(`can't evaluate field ${name} in type ${typeof value}`);
  }

  private call(name: string, args: readonly Operand[], dot: unknown, final: unknown, hasFinal: boolean): unknown {
    if (name === 'and' || name === 'or') {
      if (args.length + (hasFinal ? 1 : 0) === 0) this.fail(`wrong number of args for ${name}: want at least 1 got 0`);
      let value: unknown;
      for (const arg of args) {
        value = this.operand(arg, dot);
        if (isTrue(value) === (name === 'or')) return value;
      }
      return hasFinal ? final : value;
    }
    const fn = FUNCTIONS[name];
    if (fn === undefined) this.fail(`function "${name}" not defined`);
    const values = args.map((arg) => this.operand(arg, dot));
    if (hasFinal) values.push(final);
    try {
      return fn(values);
    } catch (err) {
      if (err instanceof TemplateError) this.fail(`error calling ${name}: ${err.message}`);
      throw err;
    }
  }
}

function describe(operand: Operand): string {
  switch (operand.kind) {
    case 'string':
      return JSON.stringify(operand.value);
    case 'number':
      return String(operand.value);
    case 'bool':
      return String(operand.value);
    case 'nil':
      return 'nil';
    case 'dot':
      return '.';
    default:
      return operand.kind;
  }
}

/** Executes nodes with data as dot and $; returns the output text. */
export function executeTemplate(name: string, nodes: readonly TemplateNode[], data: unknown, mode: EscapeMode): string {
  const execution = new Execution(name, mode, data);
  execution.list(nodes, data);
  return execution.out;
}
