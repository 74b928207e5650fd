// TICKscript parser: a recursive-descent parser over the lexer's tokens producing the AST of
// ./ast.ts, with Kapacitor's grammar (two-token lookahead, comments attached to the following
// node), operator precedence and error texts (`parser: unexpected X line N char M in "..."`).

import type {
  BinaryOperator,
  CommentNode,
  DBRPNode,
  FunctionNode,
  FunctionType,
  IdentifierNode,
  LambdaNode,
  Node,
  Position,
  ProgramNode,
  ReferenceNode,
  UnaryOperator,
} from './ast.js';
import { parseInfluxqlDuration } from '../gofmt/influxql-duration.js';
import { parseGoFloat } from '../gofmt/strconv.js';
import { GoRegex } from './lambda/regex.js';
import { isExprOperator, lex, operatorText, T, tokenName, type Token } from './lexer.js';
import { SourceMap } from './source-map.js';

/** A script that does not parse; the message is Kapacitor's. */
export class TickParseError extends Error {
  constructor(message: string) {
    super(`parser: ${message}`);
    this.name = 'TickParseError';
  }
}

const PRECEDENCE: Partial<Record<T, number>> = {
  [T.Or]: 0,
  [T.And]: 1,
  [T.Equal]: 2,
  [T.NotEqual]: 2,
  [T.RegexEqual]: 2,
  [T.RegexNotEqual]: 2,
  [T.Greater]: 3,
  [T.GreaterEqual]: 3,
  [T.Less]: 3,
  [T.LessEqual]: 3,
  [T.Plus]: 4,
  [T.Minus]: 4,
  [T.Mult]: 5,
  [T.Div]: 5,
  [T.Mod]: 5,
};

const PRIMARY_EXPECTED = [T.Number, T.String, T.Duration, T.Ident, T.True, T.False, T.Equal, T.LParen, T.Minus, T.Not];

/** What a closed token stream yields once exhausted (Go's zero token). */
const ZERO_TOKEN: Token = { type: T.Error, start: 0, value: '' };

type Mutable<N> = { -readonly [K in keyof N]: N[K] };

function precedenceOf(type: T): number {
  return PRECEDENCE[type] ?? -1;
}

function withComment<N extends Node>(node: N, comment: CommentNode | null): N {
  if (comment !== null) (node as Mutable<N> & { comment?: CommentNode }).comment = comment;
  return node;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private readonly map: SourceMap;
  /** Two-token lookahead, with the comment that preceded each token. */
  private readonly token: [Token, Token] = [ZERO_TOKEN, ZERO_TOKEN];
  private readonly comments: [CommentNode | null, CommentNode | null] = [null, null];
  private peekCount = 0;

  constructor(private readonly text: string) {
    this.tokens = lex(text);
    this.map = new SourceMap(text);
  }

  // ---- token stream ----

  private readToken(): [Token, CommentNode | null] {
    let token = this.tokens[this.index++] ?? ZERO_TOKEN;
    const lines: string[] = [];
    let first = -1;
    while (token.type === T.Comment) {
      if (first === -1) first = token.start;
      lines.push(token.value);
      token = this.tokens[this.index++] ?? ZERO_TOKEN;
    }
    return [token, lines.length > 0 ? this.commentNode(first, lines) : null];
  }

  private next(): Token {
    if (this.peekCount > 0) {
      this.peekCount--;
    } else {
      [this.token[0], this.comments[0]] = this.readToken();
    }
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[1] = this.token[0];
    this.comments[1] = this.comments[0];
    [this.token[0], this.comments[0]] = this.readToken();
    return this.token[0];
  }

  /** Takes the comment that preceded the token last returned by next(). */
  private consumeComment(): CommentNode | null {
    const comment = this.comments[this.peekCount]!;
    this.comments[this.peekCount] = null;
    return comment;
  }

  private expect(type: T): Token {
    const token = this.next();
    if (token.type !== type) this.unexpected(token, type);
    return token;
  }

  private unexpected(token: Token, ...expected: T[]): never {
    const bytes = new TextEncoder().encode(this.text);
    const pos = this.map.byteOffset(token.start);
    let start = Math.max(0, pos - 10);
    const before = bytes.subarray(start, pos).lastIndexOf(0x0a);
    if (before !== -1) start += before + 1;
    let stop = Math.min(bytes.length, pos + 10);
    const after = bytes.subarray(pos, stop).indexOf(0x0a);
    if (after !== -1) stop = pos + after;
    const { line, char } = this.position(token.start);
    const name = token.type === T.Error ? token.value : tokenName(token.type);
    const wanted = expected.map((type) => JSON.stringify(tokenName(type))).join(',');
    throw new TickParseError(`unexpected ${name} line ${line} char ${char} in "${new TextDecoder().decode(bytes.subarray(start, stop))}". expected: ${wanted}`);
  }

  /** A bad literal: Kapacitor's text, then where it is (Kapacitor gives no position here). */
  private literalError(message: string, start: number): TickParseError {
    const { line, char } = this.position(start);
    return new TickParseError(`${message} at line ${line} char ${char}`);
  }

  private position(index: number): Position {
    return this.map.position(index);
  }

  private hasNewLine(from: Position, to: Position): boolean {
    return to.line > from.line;
  }

  private commentNode(start: number, tokens: string[]): CommentNode {
    const lines: string[] = [];
    tokens.forEach((token, i) => {
      if (i !== 0) lines.push('\n');
      for (const raw of token.split('\n')) {
        const trimmed = raw.trim();
        if (trimmed === '') continue;
        const text = trimmed.startsWith('//') ? trimmed.slice(2) : trimmed;
        lines.push(text.startsWith(' ') ? text.slice(1) : text);
      }
    });
    return { kind: 'comment', position: this.position(start), comments: lines };
  }

  // ---- grammar ----

  /** A bare lambda expression (no `lambda:` keyword), as lambda vars and match expressions use. */
  lambdaExpression(): LambdaNode {
    const expression = this.primaryExpr();
    this.expect(T.EOF);
    return { kind: 'lambda', position: this.position(0), expression };
  }

  program(): ProgramNode {
    const nodes: Node[] = [];
    for (;;) {
      if (this.peek().type === T.EOF) {
        if (this.comments[1] !== null) nodes.push(this.comments[1]);
        if (this.comments[0] !== null) nodes.push(this.comments[0]);
        this.expect(T.EOF);
        return { kind: 'program', position: this.position(0), nodes };
      }
      nodes.push(this.statement());
    }
  }

  private statement(): Node {
    switch (this.peek().type) {
      case T.Var:
        return this.declaration();
      case T.DBRP:
        return this.dbrp();
      default:
        return this.expression();
    }
  }

  private declaration(): Node {
    const varToken = this.expect(T.Var);
    const comment = this.consumeComment();
    const name = this.identifier();
    if (this.peek().type === T.Asgn) {
      this.expect(T.Asgn);
      const right = this.expression();
      return withComment({ kind: 'declaration', position: this.position(varToken.start), left: name, right }, comment);
    }
    const type = this.identifier();
    return withComment({ kind: 'typeDeclaration', position: this.position(varToken.start), node: name, type }, comment);
  }

  private dbrp(): DBRPNode {
    const dbrpToken = this.expect(T.DBRP);
    const comment = this.consumeComment();
    const db = this.reference();
    this.expect(T.Dot);
    const rp = this.reference();
    return withComment({ kind: 'dbrp', position: this.position(dbrpToken.start), db, rp }, comment);
  }

  private expression(): Node {
    switch (this.peek().type) {
      case T.Ident: {
        this.next();
        const following = this.peek().type;
        this.backup();
        if (following === T.LParen) {
          const term = this.function('global');
          const after = this.peek().type;
          if (after === T.Dot || after === T.Pipe || after === T.At || after === T.Var || after === T.Ident) return this.chain(term);
          return this.precedence(term, 0);
        }
        if (following === T.Dot || following === T.At || following === T.Pipe || following === T.Var || following === T.Ident) {
          return this.chain(this.identifier());
        }
        return this.primaryExpr();
      }
      case T.Lambda:
        return this.lambda();
      case T.LSBracket:
        return this.stringList();
      default:
        return this.primaryExpr();
    }
  }

  /** `|` chain, `.` property and `@` UDF calls, left-associative. */
  private chain(lhs: Node): Node {
    let left = lhs;
    for (;;) {
      const type = this.peek().type;
      if (type !== T.Dot && type !== T.Pipe && type !== T.At) return left;
      const op = this.next();
      const comment = this.consumeComment();
      const funcType: FunctionType = type === T.Dot ? 'property' : type === T.Pipe ? 'chain' : 'dynamic';
      const operator: BinaryOperator = type === T.Dot ? '.' : type === T.Pipe ? '|' : '@';
      const right = this.funcOrIdent(funcType);
      left = withComment(
        {
          kind: 'binary',
          position: this.position(op.start),
          operator,
          left,
          right,
          parens: false,
          multiLine: false,
        },
        comment,
      );
    }
  }

  private funcOrIdent(type: FunctionType): Node {
    this.next();
    const isCall = type === 'chain' || this.peek().type === T.LParen;
    this.backup();
    return isCall ? this.function(type) : this.identifier();
  }

  private identifier(): IdentifierNode {
    const token = this.expect(T.Ident);
    return withComment({ kind: 'identifier', position: this.position(token.start), ident: token.value }, this.consumeComment());
  }

  private function(type: FunctionType): FunctionNode {
    const ident = this.expect(T.Ident);
    const comment = this.consumeComment();
    this.expect(T.LParen);
    const args = this.parameters(() => this.expression());
    this.expect(T.RParen);
    return this.functionNode(ident, type, args, comment);
  }

  private functionNode(ident: Token, type: FunctionType, args: Node[], comment: CommentNode | null): FunctionNode {
    const position = this.position(ident.start);
    const last = args[args.length - 1];
    const multiLine = last !== undefined && this.hasNewLine(position, last.position);
    return withComment({ kind: 'function', position, type, func: ident.value, args, multiLine }, comment);
  }

  private parameters(parameter: () => Node): Node[] {
    const args: Node[] = [];
    for (;;) {
      if (this.peek().type === T.RParen) return args;
      args.push(parameter());
      if (this.next().type !== T.Comma) {
        this.backup();
        return args;
      }
    }
  }

  private stringList(): Node {
    const open = this.expect(T.LSBracket);
    const comment = this.consumeComment();
    const nodes: Node[] = [];
    for (;;) {
      if (this.peek().type === T.RSBracket) break;
      nodes.push(this.stringItem());
      if (this.next().type !== T.Comma) {
        this.backup();
        break;
      }
    }
    this.expect(T.RSBracket);
    return withComment({ kind: 'list', position: this.position(open.start), nodes }, comment);
  }

  private stringItem(): Node {
    const token = this.peek();
    switch (token.type) {
      case T.Ident:
        return this.identifier();
      case T.String:
        return this.string();
      case T.Star:
        return this.star();
      default:
        return this.unexpected(token, T.Ident, T.String, T.Star);
    }
  }

  private lambda(): LambdaNode {
    const token = this.next();
    const comment = this.consumeComment();
    const expression = this.primaryExpr();
    return withComment({ kind: 'lambda', position: this.position(token.start), expression }, comment);
  }

  private primaryExpr(): Node {
    return this.precedence(this.primary(), 0);
  }

  /** Operator-precedence climbing; all operators are left-associative. */
  private precedence(lhs: Node, minPrecedence: number): Node {
    let left = lhs;
    let look = this.peek();
    while (isExprOperator(look.type) && precedenceOf(look.type) >= minPrecedence) {
      const op = this.next();
      const comment = this.consumeComment();
      let right = this.primary();
      look = this.peek();
      while (isExprOperator(look.type) && precedenceOf(look.type) > precedenceOf(op.type)) {
        right = this.precedence(right, precedenceOf(look.type));
        look = this.peek();
      }
      const multiLine = this.hasNewLine(left.position, right.position);
      left = withComment(
        {
          kind: 'binary',
          position: this.position(op.start),
          operator: operatorText(op.type) as BinaryOperator,
          left,
          right,
          parens: false,
          multiLine,
        },
        comment,
      );
    }
    return left;
  }

  /** A function call inside a lambda expression. */
  private lambdaFunction(): Node {
    const ident = this.expect(T.Ident);
    this.expect(T.LParen);
    const args = this.parameters(() => {
      const node = this.primary();
      return isExprOperator(this.peek().type) ? this.precedence(node, 0) : node;
    });
    this.expect(T.RParen);
    return this.functionNode(ident, 'global', args, null);
  }

  private primary(): Node {
    const token = this.peek();
    switch (token.type) {
      case T.LParen: {
        this.next();
        const comment = this.consumeComment();
        const node = this.primaryExpr() as Mutable<Node>;
        if (node.kind === 'binary') node.parens = true;
        if (node.kind !== 'program' && node.kind !== 'comment') {
          if (comment === null) delete node.comment;
          else node.comment = comment;
        }
        this.expect(T.RParen);
        return node;
      }
      case T.Number:
        return this.number();
      case T.String:
        return this.string();
      case T.True:
      case T.False: {
        this.next();
        return withComment({ kind: 'bool', position: this.position(token.start), value: token.type === T.True }, this.consumeComment());
      }
      case T.Duration:
        return this.duration();
      case T.Regex:
        return this.regex();
      case T.Star:
        return this.star();
      case T.Reference:
        return this.reference();
      case T.Ident: {
        this.next();
        const isCall = this.peek().type === T.LParen;
        this.backup();
        return isCall ? this.lambdaFunction() : this.identifier();
      }
      case T.Minus:
      case T.Not: {
        this.next();
        const operand = this.primary();
        const operator: UnaryOperator = token.type === T.Minus ? '-' : '!';
        return withComment({ kind: 'unary', position: this.position(token.start), operator, node: operand }, this.consumeComment());
      }
      default:
        return this.unexpected(token, ...PRIMARY_EXPECTED);
    }
  }

  private duration(): Node {
    const token = this.expect(T.Duration);
    const ns = parseInfluxqlDuration(token.value);
    if (ns === undefined) throw this.literalError('invalid duration', token.start);
    return withComment({ kind: 'duration', position: this.position(token.start), duration: ns, literal: token.value }, this.consumeComment());
  }

  private number(): Node {
    const token = this.expect(T.Number);
    const text = token.value;
    const position = this.position(token.start);
    const comment = this.consumeComment();
    if (text.includes('.')) {
      const value = /^[0-9]*\.[0-9]*$/.test(text) && text !== '.' ? parseGoFloatSafe(text) : undefined;
      if (value === undefined) throw this.literalError(`illegal number syntax: ${JSON.stringify(text)}`, token.start);
      return withComment({ kind: 'number', position, isInt: false, int64: 0n, float64: value, literal: text }, comment);
    }
    const octal = text.length > 1 && text.startsWith('0');
    const valid = octal ? /^[0-7]+$/.test(text) : /^[0-9]+$/.test(text);
    const value = valid ? BigInt(octal ? `0o${text}` : text) : undefined;
    if (value === undefined || value > 0x7fffffffffffffffn) throw this.literalError(`illegal number syntax: ${JSON.stringify(text)}`, token.start);
    return withComment({ kind: 'number', position, isInt: true, int64: value, float64: Number(value), literal: text }, comment);
  }

  private string(): Node {
    const token = this.expect(T.String);
    const text = token.value;
    const triple = text.length >= 6 && text.startsWith("'''");
    const literal = triple ? text.slice(3, -3) : unescape(text.slice(1, -1), "'");
    return withComment({ kind: 'string', position: this.position(token.start), literal, tripleQuotes: triple }, this.consumeComment());
  }

  private regex(): Node {
    const token = this.expect(T.Regex);
    const literal = unescape(token.value.slice(1, -1), '/');
    try {
      new GoRegex(literal);
    } catch (error) {
      throw this.literalError((error as Error).message, token.start);
    }
    return withComment({ kind: 'regex', position: this.position(token.start), literal }, this.consumeComment());
  }

  private star(): Node {
    const token = this.expect(T.Star);
    return withComment({ kind: 'star', position: this.position(token.start) }, this.consumeComment());
  }

  private reference(): ReferenceNode {
    const token = this.expect(T.Reference);
    const reference = unescape(token.value.slice(1, -1), '"');
    return withComment({ kind: 'reference', position: this.position(token.start), reference }, this.consumeComment());
  }
}

function parseGoFloatSafe(text: string): number | undefined {
  try {
    const value = parseGoFloat(text);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the backslash of `\<quote>` escapes. */
function unescape(text: string, quote: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      out += text.slice(last, i);
      i++;
      last = i;
    }
  }
  return out + text.slice(last);
}

/** Parses a complete TICKscript; throws TickParseError with Kapacitor's message. */
export function parse(script: string): ProgramNode {
  return new Parser(script).program();
}

/**
 * Parses a lambda expression written without its `lambda:` keyword (`"cpu" > 80`), as
 * Kapacitor parses lambda template vars and alert handler `match` expressions.
 */
export function parseLambda(text: string): LambdaNode {
  return new Parser(text).lambdaExpression();
}
