// The Flux parser: tokens to a Program, by recursive descent following the precedence table of
// the Flux spec (postfix, pipe, ^, * / %, + -, comparisons, not/exists, and, or, if/then/else).
// Errors say what was expected and what was found, at line:column. Never returns a partial tree.

import type * as A from './ast.js';
import { FluxError, type Location, type Position } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { parseRFC3339 } from '../models/time.js';

const COMPARISON = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', '!~']);
/** Nesting deeper than this is refused (a stack overflow is not an answer). */
const MAX_DEPTH = 200;

export function parse(source: string): A.Program {
  return new Parser(tokenize(source)).program();
}

/** Parses one expression (used for `${}` interpolations). */
export function parseExpression(source: string, at: Position): A.Expression {
  const parser = new Parser(tokenize(source, at));
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return 'string literal';
    case 'punct':
      return JSON.stringify(token.text);
    case 'keyword':
      return `keyword ${JSON.stringify(token.text)}`;
    case 'ident':
      return `identifier ${JSON.stringify(token.text)}`;
    default:
      return `${token.kind} literal ${JSON.stringify(token.text)}`;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return (token.kind === 'punct' || token.kind === 'keyword') && token.text === text;
  }

  private fail(expected: string, token = this.peek()): never {
    throw new FluxError(`expected ${expected}, got ${describe(token)}`, { start: token.start, end: token.end });
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.fail(JSON.stringify(text));
    return this.next();
  }

  private identifier(): A.Identifier {
    const token = this.peek();
    if (token.kind !== 'ident') this.fail('identifier');
    this.next();
    return { kind: 'Identifier', name: token.text, loc: { start: token.start, end: token.end } };
  }

  private span(start: Position): Location {
    return { start, end: this.tokens[Math.max(this.pos - 1, 0)]!.end };
  }

  expectEnd(): void {
    if (this.peek().kind !== 'eof') this.fail('end of expression');
  }

  program(): A.Program {
    const start = this.peek().start;
    let packageName: string | undefined;
    if (this.is('package')) {
      this.next();
      packageName = this.identifier().name;
    }
    const imports: A.ImportDeclaration[] = [];
    while (this.is('import')) {
      const importStart = this.next().start;
      let as: string | undefined;
      if (this.peek().kind === 'ident') as = this.identifier().name;
      const pathToken = this.peek();
      if (pathToken.kind !== 'string' || pathToken.parts?.length !== 1 || !('text' in pathToken.parts[0]!)) this.fail('import path string');
      this.next();
      imports.push({ kind: 'ImportDeclaration', as, path: pathToken.parts[0].text, loc: this.span(importStart) });
    }
    const body: A.Statement[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.is('import')) this.fail('a statement (imports go before every other statement)');
      body.push(this.statement());
    }
    return { kind: 'Program', packageName, imports, body, loc: this.span(start) };
  }

  private statement(): A.Statement {
    const token = this.peek();
    if (this.is('option')) {
      this.next();
      const id = this.identifier();
      if (this.is('.')) {
        this.next();
        const property = this.identifier();
        this.expect('=');
        const init = this.expression();
        const member: A.MemberExpression = { kind: 'MemberExpression', object: id, property: property.name, loc: this.span(id.loc.start) };
        return { kind: 'OptionStatement', assignment: { kind: 'MemberAssignment', member, init, loc: this.span(id.loc.start) }, loc: this.span(token.start) };
      }
      this.expect('=');
      const init = this.expression();
      return { kind: 'OptionStatement', assignment: { kind: 'VariableAssignment', id, init, loc: this.span(id.loc.start) }, loc: this.span(token.start) };
    }
    if (this.is('builtin') || this.is('testcase')) {
      this.next();
      const id = this.identifier();
      return { kind: token.text === 'builtin' ? 'BuiltinStatement' : 'TestcaseStatement', id, loc: this.span(token.start) };
    }
    if (this.is('return')) {
      this.next();
      return { kind: 'ReturnStatement', argument: this.expression(), loc: this.span(token.start) };
    }
    if (token.kind === 'ident' && this.is('=', 1)) {
      const id = this.identifier();
      this.next();
      const init = this.expression();
      return { kind: 'VariableAssignment', id, init, loc: this.span(token.start) };
    }
    const expression = this.expression();
    return { kind: 'ExpressionStatement', expression, loc: expression.loc };
  }

  expression(): A.Expression {
    if (++this.depth > MAX_DEPTH) this.fail('a less deeply nested expression');
    try {
      return this.conditional();
    } finally {
      this.depth--;
    }
  }

  private conditional(): A.Expression {
    if (this.is('if')) {
      const start = this.next().start;
      const test = this.expression();
      this.expect('then');
      const consequent = this.expression();
      this.expect('else');
      const alternate = this.expression();
      return { kind: 'ConditionalExpression', test, consequent, alternate, loc: this.span(start) };
    }
    return this.logical();
  }

  private logical(): A.Expression {
    let left = this.unaryLogical();
    while (this.is('and') || this.is('or')) {
      const operator = this.next().text as 'and' | 'or';
      const right = this.unaryLogical();
      left = { kind: 'LogicalExpression', operator, left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
    return left;
  }

  private unaryLogical(): A.Expression {
    if (this.is('not') || this.is('exists')) {
      const token = this.next();
      if (++this.depth > MAX_DEPTH) this.fail('a less deeply nested expression');
      const argument = this.unaryLogical();
      this.depth--;
      return { kind: 'UnaryExpression', operator: token.text as 'not' | 'exists', argument, loc: { start: token.start, end: argument.loc.end } };
    }
    return this.comparison();
  }

  private comparison(): A.Expression {
    let left = this.additive();
    while (this.peek().kind === 'punct' && COMPARISON.has(this.peek().text)) {
      const operator = this.next().text as A.BinaryOperator;
      const right = this.additive();
      left = { kind: 'BinaryExpression', operator, left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
    return left;
  }

  private additive(): A.Expression {
    let left = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const operator = this.next().text as A.BinaryOperator;
      const right = this.multiplicative();
      left = { kind: 'BinaryExpression', operator, left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
    return left;
  }

  private multiplicative(): A.Expression {
    let left = this.exponent();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const operator = this.next().text as A.BinaryOperator;
      const right = this.exponent();
      left = { kind: 'BinaryExpression', operator, left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
    return left;
  }

  private exponent(): A.Expression {
    let left = this.pipe();
    while (this.is('^')) {
      this.next();
      const right = this.pipe();
      left = { kind: 'BinaryExpression', operator: '^', left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
    return left;
  }

  private pipe(): A.Expression {
    let left = this.unary();
    while (this.is('|>')) {
      const bar = this.next();
      const call = this.unary();
      if (call.kind !== 'CallExpression') {
        throw new FluxError('pipe destination must be a function call', { start: bar.start, end: call.loc.end });
      }
      left = { kind: 'PipeExpression', argument: left, call, loc: { start: left.loc.start, end: call.loc.end } };
    }
    return left;
  }

  private unary(): A.Expression {
    if (this.is('-') || this.is('+')) {
      const token = this.next();
      if (++this.depth > MAX_DEPTH) this.fail('a less deeply nested expression');
      const argument = this.unary();
      this.depth--;
      return { kind: 'UnaryExpression', operator: token.text as '-' | '+', argument, loc: { start: token.start, end: argument.loc.end } };
    }
    return this.postfix();
  }

  private postfix(): A.Expression {
    let expression = this.primary();
    for (;;) {
      if (this.is('.')) {
        this.next();
        const property = this.identifier();
        expression = { kind: 'MemberExpression', object: expression, property: property.name, loc: { start: expression.loc.start, end: property.loc.end } };
      } else if (this.is('[')) {
        this.next();
        const token = this.peek();
        const index = this.expression();
        const end = this.expect(']').end;
        expression =
          token.kind === 'string' && index.kind === 'StringLiteral'
            ? { kind: 'MemberExpression', object: expression, property: index.value, loc: { start: expression.loc.start, end } }
            : { kind: 'IndexExpression', array: expression, index, loc: { start: expression.loc.start, end } };
      } else if (this.is('(')) {
        const open = this.next();
        let args: A.RecordExpression | undefined;
        if (!this.is(')')) args = this.recordBody(open.start, ')');
        const end = this.expect(')').end;
        if (args !== undefined) args.loc = { start: open.start, end };
        expression = { kind: 'CallExpression', callee: expression, args, loc: { start: expression.loc.start, end } };
      } else {
        return expression;
      }
    }
  }

  private primary(): A.Expression {
    const token = this.peek();
    const loc = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'ident':
        this.next();
        return { kind: 'Identifier', name: token.text, loc };
      case 'int': {
        this.next();
        const value = BigInt(token.text);
        if (value > 9223372036854775807n) throw new FluxError(`integer literal ${token.text} overflows int`, loc);
        return { kind: 'IntegerLiteral', value, loc };
      }
      case 'float':
        this.next();
        return { kind: 'FloatLiteral', value: Number(token.text), loc };
      case 'duration':
        this.next();
        return { kind: 'DurationLiteral', values: token.durations!, loc };
      case 'time': {
        this.next();
        const text = token.text.length === 10 ? `${token.text}T00:00:00Z` : token.text;
        const value = parseRFC3339(text);
        if (value === undefined) throw new FluxError(`invalid date time literal ${JSON.stringify(token.text)}`, loc);
        return { kind: 'DateTimeLiteral', value, loc };
      }
      case 'regex':
        this.next();
        try {
          new RegExp(token.text);
        } catch (error) {
          throw new FluxError(`invalid regex literal /${token.text}/: ${(error as Error).message}`, loc);
        }
        return { kind: 'RegexpLiteral', source: token.text, loc };
      case 'string': {
        this.next();
        const parts = token.parts!;
        if (parts.every((p) => 'text' in p)) {
          return { kind: 'StringLiteral', value: parts.map((p) => p.text).join(''), loc };
        }
        return {
          kind: 'StringExpression',
          parts: parts.map((p) => ('text' in p ? p.text : parseExpression(p.source, p.at))),
          loc,
        };
      }
      case 'punct':
        switch (token.text) {
          case '<-':
            this.next();
            return { kind: 'PipeLiteral', loc };
          case '[':
            return this.arrayOrDict();
          case '{': {
            this.next();
            if (this.is('}')) {
              this.next();
              return { kind: 'RecordExpression', properties: [], loc: this.span(token.start) };
            }
            const record = this.recordBody(token.start, '}');
            this.expect('}');
            record.loc = this.span(token.start);
            return record;
          }
          case '(':
            return this.parenOrFunction();
        }
        break;
      default:
        break;
    }
    return this.fail('an expression');
  }

  private arrayOrDict(): A.Expression {
    const start = this.expect('[').start;
    if (this.is(':') && this.is(']', 1)) {
      this.next();
      this.next();
      return { kind: 'DictExpression', elements: [], loc: this.span(start) };
    }
    if (this.is(']')) {
      this.next();
      return { kind: 'ArrayExpression', elements: [], loc: this.span(start) };
    }
    const first = this.expression();
    if (this.is(':')) {
      this.next();
      const elements = [{ key: first, value: this.expression() }];
      while (this.is(',')) {
        this.next();
        if (this.is(']')) break;
        const key = this.expression();
        this.expect(':');
        elements.push({ key, value: this.expression() });
      }
      this.expect(']');
      return { kind: 'DictExpression', elements, loc: this.span(start) };
    }
    const elements = [first];
    while (this.is(',')) {
      this.next();
      if (this.is(']')) break;
      elements.push(this.expression());
    }
    this.expect(']');
    return { kind: 'ArrayExpression', elements, loc: this.span(start) };
  }

  /** Properties up to (not including) the closing token; `{r with ...}` when close is '}'. */
  private recordBody(start: Position, close: string): A.RecordExpression {
    let withId: A.Identifier | undefined;
    if (close === '}' && this.peek().kind === 'ident' && this.peek(1).kind === 'ident' && this.peek(1).text === 'with') {
      withId = this.identifier();
      this.next();
    }
    const properties: A.Property[] = [];
    for (;;) {
      const keyToken = this.peek();
      let key: string;
      if (keyToken.kind === 'ident') key = keyToken.text;
      else if (keyToken.kind === 'string' && keyToken.parts!.every((p) => 'text' in p)) key = keyToken.parts.map((p) => p.text).join('');
      else this.fail('property key (identifier or string)');
      this.next();
      let value: A.Expression | undefined;
      if (this.is(':')) {
        this.next();
        value = this.expression();
      } else if (keyToken.kind === 'string') {
        this.fail('":" after a string property key');
      }
      properties.push({ key: key!, value, loc: this.span(keyToken.start) });
      if (!this.is(',')) break;
      this.next();
      if (this.is(close)) break;
    }
    if (!this.is(close)) this.fail(`"," or ${JSON.stringify(close)}`);
    return { kind: 'RecordExpression', with: withId, properties, loc: this.span(start) };
  }

  private parenOrFunction(): A.Expression {
    const start = this.peek().start;
    const mark = this.pos;
    const params = this.tryParams();
    if (params !== undefined) {
      this.expect('=>');
      let body: A.Expression | A.Block;
      if (this.is('{')) {
        const open = this.next();
        const statements: A.Statement[] = [];
        while (!this.is('}')) {
          if (this.peek().kind === 'eof') this.fail('"}"');
          statements.push(this.statement());
        }
        this.next();
        body = { kind: 'Block', body: statements, loc: this.span(open.start) };
      } else {
        body = this.expression();
      }
      return { kind: 'FunctionExpression', params, body, loc: this.span(start) };
    }
    this.pos = mark;
    this.expect('(');
    const inner = this.expression();
    this.expect(')');
    return inner;
  }

  /** Reads `(a, b=1, c=<-)` when followed by `=>`; undefined (position restored by caller) otherwise. */
  private tryParams(): A.Parameter[] | undefined {
    this.expect('(');
    const params: A.Parameter[] = [];
    if (this.is(')')) {
      this.next();
      return this.is('=>') ? params : undefined;
    }
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'ident') return undefined;
      this.next();
      let defaultValue: A.Expression | undefined;
      let pipe = false;
      if (this.is('=')) {
        this.next();
        if (this.is('<-')) {
          this.next();
          pipe = true;
        } else {
          defaultValue = this.expression();
        }
      }
      params.push({ key: token.text, defaultValue, pipe, loc: this.span(token.start) });
      if (this.is(',')) {
        this.next();
        if (this.is(')')) break;
        continue;
      }
      break;
    }
    if (!this.is(')')) return undefined;
    this.next();
    return this.is('=>') ? params : undefined;
  }
}
