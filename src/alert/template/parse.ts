// Parses Go text/template source into nodes: text, {{actions}} with pipelines, if/else if/else,
// range, with, variables, comments and {{- -}} trimming. Runs once per template, never per event.

import type { Command, Operand, Pipeline, TemplateNode } from './ast.js';
import { TemplateError } from './errors.js';

type Token =
  | { kind: 'field'; name: string }
  | { kind: 'variable'; name: string }
  | { kind: 'identifier'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number | bigint }
  | { kind: 'char'; value: bigint }
  | { kind: 'punct'; text: '(' | ')' | '|' | ':=' | '=' | ',' }
  | { kind: 'space' }
  | { kind: 'end' };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'nil', 'true', 'false', 'template', 'define', 'block']);

/** One action's tokens, lexed from the source between {{ and }}. */
class ActionLexer {
  readonly tokens: Token[] = [];
  constructor(private readonly fail: (message: string) => never) {}

  lex(source: string, start: number): { end: number; trimRight: boolean } {
    let i = start;
    for (;;) {
      if (i >= source.length) this.fail('unclosed action');
      const ch = source[i]!;
      if (source.startsWith('}}', i)) {
        this.tokens.push({ kind: 'end' });
        return { end: i + 2, trimRight: false };
      }
      if (isSpace(ch)) {
        let j = i;
        while (j < source.length && isSpace(source[j]!)) j++;
        if (source.startsWith('-}}', j)) {
          this.tokens.push({ kind: 'end' });
          return { end: j + 3, trimRight: true };
        }
        if (source.startsWith('}}', j)) {
          this.tokens.push({ kind: 'end' });
          return { end: j + 2, trimRight: false };
        }
        this.tokens.push({ kind: 'space' });
        i = j;
        continue;
      }
      if (ch === '.' && i + 1 < source.length && isAlpha(source[i + 1]!)) {
        let j = i + 1;
        while (j < source.length && isAlnum(source[j]!)) j++;
        this.tokens.push({ kind: 'field', name: source.slice(i + 1, j) });
        i = j;
        continue;
      }
      if (ch === '.' && !isDigit(source[i + 1] ?? '')) {
        this.tokens.push({ kind: 'field', name: '' });
        i++;
        continue;
      }
      if (ch === '$') {
        let j = i + 1;
        while (j < source.length && isAlnum(source[j]!)) j++;
        this.tokens.push({ kind: 'variable', name: source.slice(i, j) });
        i = j;
        continue;
      }
      if (ch === '"') {
        i = this.quoted(source, i);
        continue;
      }
      if (ch === '`') {
        const close = source.indexOf('`', i + 1);
        if (close < 0) this.fail('unterminated raw quoted string');
        this.tokens.push({ kind: 'string', value: source.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
      if (ch === "'") {
        const match = /^'(\\.|[^'\\])'/u.exec(source.slice(i));
        if (match === null) this.fail('unterminated character constant');
        const text = match[1]!;
        const decoded = text.startsWith('\\') ? unescapeChar(text[1]!) : text;
        this.tokens.push({ kind: 'char', value: BigInt(decoded.codePointAt(0)!) });
        i += match[0].length;
        continue;
      }
      if (isDigit(ch) || ((ch === '-' || ch === '+' || ch === '.') && isDigit(source[i + 1] ?? ''))) {
        const match = /^[+-]?(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?)/.exec(source.slice(i))!;
        const text = match[0].replace(/_/g, '');
        const isFloat = /[.eE]/.test(text) && !/^[+-]?0[xX]/.test(text);
        this.tokens.push({ kind: 'number', value: isFloat ? Number(text) : BigInt(text.startsWith('+') ? text.slice(1) : text) });
        i += match[0].length;
        continue;
      }
      if (isAlpha(ch)) {
        let j = i;
        while (j < source.length && isAlnum(source[j]!)) j++;
        this.tokens.push({ kind: 'identifier', name: source.slice(i, j) });
        i = j;
        continue;
      }
      if (source.startsWith(':=', i)) {
        this.tokens.push({ kind: 'punct', text: ':=' });
        i += 2;
        continue;
      }
      if (ch === '(' || ch === ')' || ch === '|' || ch === '=' || ch === ',') {
        this.tokens.push({ kind: 'punct', text: ch });
        i++;
        continue;
      }
      this.fail(`unexpected ${JSON.stringify(ch)} in command`);
    }
  }

  private quoted(source: string, start: number): number {
    let value = '';
    let i = start + 1;
    while (i < source.length && source[i] !== '"') {
      const ch = source[i]!;
      if (ch === '\n') this.fail('unterminated quoted string');
      if (ch !== '\\') {
        value += ch;
        i++;
        continue;
      }
      const next = source[i + 1] ?? '';
      if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.slice(i + 2, i + 2 + width);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) this.fail('invalid syntax');
        value += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + width;
        continue;
      }
      value += unescapeChar(next);
      i += 2;
    }
    if (i >= source.length) this.fail('unterminated quoted string');
    this.tokens.push({ kind: 'string', value });
    return i + 1;
  }
}

function unescapeChar(ch: string): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'a':
      return '\x07';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '0':
      return '\0';
    default:
      return ch;
  }
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
function isAlpha(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || ch.charCodeAt(0) > 127;
}
function isAlnum(ch: string): boolean {
  return isAlpha(ch) || isDigit(ch);
}

type Frame = { kind: 'if' | 'with' | 'range'; pipeline: Pipeline; list: TemplateNode[]; elseList: TemplateNode[] | undefined; chained: boolean };

/** Parses a whole template; throws TemplateError with Go's "template: NAME:LINE: ..." wording. */
export function parseTemplate(name: string, source: string): TemplateNode[] {
  return new TemplateParser(name, source).parse();
}

class TemplateParser {
  private line = 1;
  private tokens: Token[] = [];
  private index = 0;
  private readonly variables: string[][] = [['$']];

  constructor(
    private readonly name: string,
    private readonly source: string,
  ) {}

  private fail(message: string): never {
    throw new TemplateError(`template: ${this.name}:${this.line}: ${message}`);
  }

  parse(): TemplateNode[] {
    const root: TemplateNode[] = [];
    const stack: Frame[] = [];
    const current = () => {
      const top = stack[stack.length - 1];
      if (top === undefined) return root;
      return top.elseList ?? top.list;
    };
    const source = this.source;
    let pos = 0;
    let trimNextText = false;
    while (pos <= source.length) {
      const open = source.indexOf('{{', pos);
      let text = source.slice(pos, open < 0 ? source.length : open);
      if (trimNextText) text = text.replace(/^[ \t\r\n]+/, '');
      let actionStart = open + 2;
      if (open >= 0 && source.startsWith('{{-', open) && isSpace(source[open + 3] ?? '')) {
        text = text.replace(/[ \t\r\n]+$/, '');
        actionStart = open + 3;
      }
      if (text !== '') current().push({ kind: 'text', text });
      this.line += countLines(source.slice(pos, open < 0 ? source.length : open));
      if (open < 0) break;
      const interior = source.slice(actionStart).replace(/^[ \t\r\n]+/, '');
      if (interior.startsWith('/*')) {
        const close = source.indexOf('*/', actionStart);
        if (close < 0) this.fail('unclosed comment');
        const after = source.slice(close + 2);
        const trimmed = /^[ \t\r\n]+-}}/.exec(after);
        const plain = /^[ \t\r\n]*}}/.exec(after);
        if (trimmed === null && plain === null) this.fail('comment ends before closing delimiter');
        this.line += countLines(source.slice(actionStart, close + 2));
        pos = close + 2 + (trimmed ?? plain)![0].length;
        trimNextText = trimmed !== null;
        continue;
      }
      const lexer = new ActionLexer((message) => this.fail(message));
      const { end, trimRight } = lexer.lex(source, actionStart);
      this.tokens = lexer.tokens.filter((token, i, all) => token.kind !== 'space' || (i > 0 && all[i - 1]!.kind !== 'space'));
      this.index = 0;
      this.action(stack, current);
      this.line += countLines(source.slice(actionStart, end));
      pos = end;
      trimNextText = trimRight;
    }
    if (stack.length > 0) this.fail(`unexpected EOF`);
    return root;
  }

  private action(stack: Frame[], current: () => TemplateNode[]): void {
    this.skipSpace();
    const first = this.peek();
    if (first.kind === 'identifier' && KEYWORDS.has(first.name) && first.name !== 'nil' && first.name !== 'true' && first.name !== 'false') {
      this.index++;
      switch (first.name) {
        case 'if':
        case 'with':
        case 'range': {
          this.variables.push([]);
          const pipeline = this.pipeline(first.name === 'range');
          const frame: Frame = { kind: first.name, pipeline, list: [], elseList: undefined, chained: false };
          current().push({
            kind: first.name,
            pipeline,
            list: frame.list,
            get elseList() {
              return frame.elseList;
            },
          });
          stack.push(frame);
          return;
        }
        case 'else': {
          const top = stack[stack.length - 1];
          if (top === undefined || top.elseList !== undefined) this.fail('unexpected {{else}}');
          this.skipSpace();
          const next = this.peek();
          top.elseList = [];
          if (next.kind === 'identifier' && (next.name === 'if' || next.name === 'with')) {
            this.index++;
            this.variables.push([]);
            const pipeline = this.pipeline(false);
            const frame: Frame = { kind: next.name, pipeline, list: [], elseList: undefined, chained: true };
            top.elseList.push({
              kind: next.name,
              pipeline,
              list: frame.list,
              get elseList() {
                return frame.elseList;
              },
            });
            stack.push(frame);
            return;
          }
          this.expectEnd('else');
          return;
        }
        case 'end': {
          this.expectEnd('end');
          for (;;) {
            const frame = stack.pop();
            if (frame === undefined) this.fail('unexpected {{end}}');
            this.variables.pop();
            if (!frame.chained) return;
          }
        }
        case 'break':
        case 'continue': {
          if (!stack.some((frame) => frame.kind === 'range')) this.fail(`{{${first.name}}} outside {{range}}`);
          this.expectEnd(first.name);
          current().push({ kind: first.name });
          return;
        }
        default:
          this.fail(`{{${first.name}}} is not supported`);
      }
    }
    const pipeline = this.pipeline(false);
    current().push({ kind: 'action', pipeline });
  }

  private expectEnd(context: string): void {
    this.skipSpace();
    if (this.peek().kind !== 'end') this.fail(`unexpected token in ${context}`);
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: 'end' };
  }

  private skipSpace(): void {
    while (this.peek().kind === 'space') this.index++;
  }

  private declared(name: string): boolean {
    return this.variables.some((scope) => scope.includes(name));
  }

  private pipeline(allowTwoVariables: boolean, closer: 'end' | ')' = 'end'): Pipeline {
    this.skipSpace();
    const variables: string[] = [];
    let assign = false;
    const save = this.index;
    const first = this.peek();
    if (first.kind === 'variable') {
      this.index++;
      this.skipSpace();
      let next = this.peek();
      const names = [first.name];
      if (next.kind === 'punct' && next.text === ',' && allowTwoVariables) {
        this.index++;
        this.skipSpace();
        const second = this.peek();
        if (second.kind !== 'variable') this.fail('range can only initialize variables');
        names.push(second.name);
        this.index++;
        this.skipSpace();
        next = this.peek();
      }
      if (next.kind === 'punct' && (next.text === ':=' || next.text === '=')) {
        this.index++;
        assign = next.text === '=';
        for (const name of names) {
          if (assign && !this.declared(name)) this.fail(`undefined variable "${name}"`);
          variables.push(name);
        }
      } else {
        this.index = save;
      }
    }
    const commands: Command[] = [];
    for (;;) {
      this.skipSpace();
      commands.push(this.command(closer));
      this.skipSpace();
      const next = this.peek();
      if (next.kind === 'punct' && next.text === '|') {
        this.index++;
        continue;
      }
      if (closer === 'end' && next.kind === 'end') break;
      if (closer === ')' && next.kind === 'punct' && next.text === ')') break;
      this.fail(`unexpected token in operand`);
    }
    if (!assign) this.variables[this.variables.length - 1]!.push(...variables);
    return { variables, assign, commands };
  }

  private command(closer: 'end' | ')'): Command {
    const args: Operand[] = [];
    for (;;) {
      this.skipSpace();
      const token = this.peek();
      if (token.kind === 'end' || (token.kind === 'punct' && (token.text === '|' || (token.text === ')' && closer === ')')))) break;
      args.push(this.operand());
      const after = this.peek();
      if (after.kind !== 'space' && after.kind !== 'end' && !(after.kind === 'punct' && (after.text === '|' || after.text === ')'))) {
        this.fail('missing space?');
      }
    }
    if (args.length === 0) this.fail('missing value for command');
    return { args };
  }

  private fieldChain(): string[] {
    const names: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'field' || token.name === '') return names;
      names.push(token.name);
      this.index++;
    }
  }

  private operand(): Operand {
    const token = this.peek();
    this.index++;
    switch (token.kind) {
      case 'field': {
        if (token.name === '') return { kind: 'dot' };
        return { kind: 'field', names: [token.name, ...this.fieldChain()] };
      }
      case 'variable':
        if (!this.declared(token.name)) this.fail(`undefined variable "${token.name}"`);
        return { kind: 'variable', name: token.name, names: this.fieldChain() };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'char':
        return { kind: 'number', value: token.value };
      case 'identifier':
        if (token.name === 'true' || token.name === 'false') return { kind: 'bool', value: token.name === 'true' };
        if (token.name === 'nil') return { kind: 'nil' };
        if (KEYWORDS.has(token.name)) this.fail(`unexpected <${token.name}> in command`);
        return { kind: 'function', name: token.name };
      case 'punct':
        if (token.text === '(') {
          const pipeline = this.pipeline(false, ')');
          this.index++;
          return { kind: 'pipeline', pipeline, names: this.fieldChain() };
        }
        return this.fail(`unexpected "${token.text}" in operand`);
      default:
        this.fail('unexpected token in operand');
    }
  }
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}
