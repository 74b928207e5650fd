// TICKscript lexer: turns a script into tokens the way Kapacitor's tick/ast lexer does,
// including its context rules (binary operators are only recognised after an operand) and
// its error texts. A lexing error becomes an `error` token and ends the token stream.

export const enum T {
  Error,
  EOF,
  Var,
  DBRP,
  Asgn,
  Dot,
  Pipe,
  At,
  Ident,
  Reference,
  Lambda,
  Number,
  String,
  Duration,
  LParen,
  RParen,
  LSBracket,
  RSBracket,
  Comma,
  Not,
  True,
  False,
  Regex,
  Comment,
  Star,
  Plus,
  Minus,
  Mult,
  Div,
  Mod,
  And,
  Or,
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  RegexEqual,
  RegexNotEqual,
}

export interface Token {
  readonly type: T;
  /** Index into the script string (UTF-16 units) where the token starts. */
  readonly start: number;
  /** Token text; for error tokens the error message. */
  readonly value: string;
}

const OPERATOR_TEXT: Partial<Record<T, string>> = {
  [T.Not]: '!',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Mult]: '*',
  [T.Div]: '/',
  [T.Mod]: '%',
  [T.Equal]: '==',
  [T.NotEqual]: '!=',
  [T.Less]: '<',
  [T.Greater]: '>',
  [T.LessEqual]: '<=',
  [T.GreaterEqual]: '>=',
  [T.RegexEqual]: '=~',
  [T.RegexNotEqual]: '!~',
  [T.And]: 'AND',
  [T.Or]: 'OR',
};

const TEXT_OPERATOR: Record<string, T> = {
  '!': T.Not,
  '+': T.Plus,
  '-': T.Minus,
  '*': T.Mult,
  '/': T.Div,
  '%': T.Mod,
  '==': T.Equal,
  '!=': T.NotEqual,
  '<': T.Less,
  '>': T.Greater,
  '<=': T.LessEqual,
  '>=': T.GreaterEqual,
  '=~': T.RegexEqual,
  '!~': T.RegexNotEqual,
};

const KEYWORDS: Record<string, T> = {
  AND: T.And,
  OR: T.Or,
  TRUE: T.True,
  FALSE: T.False,
  var: T.Var,
  lambda: T.Lambda,
  dbrp: T.DBRP,
};

const TOKEN_NAMES: Partial<Record<T, string>> = {
  [T.Error]: 'ERR',
  [T.EOF]: 'EOF',
  [T.Var]: 'var',
  [T.DBRP]: 'dbrp',
  [T.Ident]: 'identifier',
  [T.Reference]: 'reference',
  [T.Duration]: 'duration',
  [T.Lambda]: 'lambda',
  [T.Number]: 'number',
  [T.String]: 'string',
  [T.Regex]: 'regex',
  [T.Comment]: '//',
  [T.Star]: '*',
  [T.Dot]: '.',
  [T.Pipe]: '|',
  [T.At]: '@',
  [T.Asgn]: '=',
  [T.LParen]: '(',
  [T.RParen]: ')',
  [T.LSBracket]: '[',
  [T.RSBracket]: ']',
  [T.Comma]: ',',
  [T.True]: 'TRUE',
  [T.False]: 'FALSE',
};

/** Operators of lambda expressions (math, logic, comparison). */
export function isExprOperator(type: T): boolean {
  return type >= T.Plus && type <= T.RegexNotEqual;
}

/** The text Kapacitor prints for a token type in parser errors. */
export function tokenName(type: T): string {
  return TOKEN_NAMES[type] ?? OPERATOR_TEXT[type] ?? String(type);
}

export function operatorText(type: T): string {
  return OPERATOR_TEXT[type] ?? tokenName(type);
}

const EOF = '';
const DURATION_UNITS = 'uµsmhdw';

function isDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

function isSpace(ch: string): boolean {
  return ch !== EOF && /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

function isIdentChar(ch: string): boolean {
  return ch === '_' || isDigit(ch) || isLetter(ch);
}

/** Go's %q of a single rune, as the unknown-character error prints it. */
function quoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) {
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
    return `'${named[code] ?? `\\x${code.toString(16).padStart(2, '0')}`}'`;
  }
  return `'${ch}'`;
}

type State = ((lx: Lexer) => State) | null;

class Lexer {
  readonly tokens: Token[] = [];
  start = 0;
  pos = 0;
  width = 0;

  constructor(readonly input: string) {}

  next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const code = this.input.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(code);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }

  backup(): void {
    this.pos -= this.width;
  }

  peek(): string {
    const ch = this.next();
    this.backup();
    return ch;
  }

  current(): string {
    return this.input.slice(this.start, this.pos);
  }

  emit(type: T): void {
    this.tokens.push({ type, start: this.start, value: this.current() });
    this.start = this.pos;
  }

  ignore(): void {
    this.start = this.pos;
  }

  ignoreSpace(): void {
    while (isSpace(this.next())) this.ignore();
    this.backup();
  }

  errorf(message: string): State {
    this.tokens.push({ type: T.Error, start: this.start, value: message });
    return null;
  }
}

function lexToken(lx: Lexer): State {
  for (;;) {
    const ch = lx.next();
    if (ch === '-' || ch === '!') {
      lx.backup();
      return lexUnaryOperator;
    }
    if (ch === '.' || isDigit(ch)) {
      lx.backup();
      return lexNumberOrDurationOrDot;
    }
    if (isLetter(ch)) return lexIdentOrKeyword;
    if (isSpace(ch)) {
      lx.ignore();
      continue;
    }
    switch (ch) {
      case '"':
        return lexReference;
      case "'":
        lx.backup();
        return lexString;
      case '(':
        lx.emit(T.LParen);
        return lexToken;
      case ')':
        lx.emit(T.RParen);
        return tryLexBinaryOperator;
      case '[':
        lx.emit(T.LSBracket);
        return lexToken;
      case ']':
        lx.emit(T.RSBracket);
        return lexToken;
      case '|':
        lx.emit(T.Pipe);
        return lexToken;
      case '@':
        lx.emit(T.At);
        return lexToken;
      case ',':
        lx.emit(T.Comma);
        return lexToken;
      case '*':
        lx.emit(T.Star);
        return lexToken;
      case '/':
        lx.backup();
        return lx.input[lx.pos + 1] === '/' ? lexComment : lexRegex;
      case EOF:
        lx.emit(T.EOF);
        return null;
      default:
        return lx.errorf(`unknown state, last char: ${quoteRune(ch)}`);
    }
  }
}

function lexUnaryOperator(lx: Lexer): State {
  lx.next();
  lx.emit(TEXT_OPERATOR[lx.current()]!);
  return lexToken;
}

/** After an operand: a binary operator (or `=`), else back to lexToken. */
function tryLexBinaryOperator(lx: Lexer): State {
  lx.ignoreSpace();
  const ch = lx.next();
  switch (ch) {
    case '+':
    case '-':
    case '*':
    case '%':
      lx.emit(TEXT_OPERATOR[ch]!);
      return lexToken;
    case '/':
      if (lx.peek() === '/') {
        lx.backup();
        return lexComment;
      }
      lx.emit(T.Div);
      return lexToken;
    case '!': {
      if (lx.peek() === '=' || lx.peek() === '~') lx.next();
      const op = TEXT_OPERATOR[lx.current()]!;
      lx.emit(op);
      if (op === T.RegexNotEqual) {
        lx.ignoreSpace();
        if (lx.peek() === '/') return lexRegex;
      }
      return lexToken;
    }
    case '>':
    case '<':
      if (lx.peek() === '=') lx.next();
      lx.emit(TEXT_OPERATOR[lx.current()]!);
      return lexToken;
    case '=':
      if (lx.peek() === '~' || lx.peek() === '=') {
        lx.next();
        const op = TEXT_OPERATOR[lx.current()]!;
        lx.emit(op);
        if (op === T.RegexEqual) {
          lx.ignoreSpace();
          if (lx.peek() === '/') return lexRegex;
        }
      } else {
        lx.emit(T.Asgn);
        lx.ignoreSpace();
        if (lx.peek() === '/') return lexRegex;
      }
      return lexToken;
    default:
      lx.backup();
      return lexToken;
  }
}

function lexIdentOrKeyword(lx: Lexer): State {
  while (isIdentChar(lx.next()));
  lx.backup();
  const keyword = KEYWORDS[lx.current()];
  if (keyword === undefined) {
    lx.emit(T.Ident);
  } else if (keyword === T.Lambda && lx.next() !== ':') {
    // `lambda` without a colon is an ordinary identifier.
    lx.backup();
    lx.emit(T.Ident);
  } else {
    lx.emit(keyword);
  }
  return tryLexBinaryOperator;
}

function lexNumberOrDurationOrDot(lx: Lexer): State {
  let foundDecimal = false;
  let first = true;
  for (;;) {
    const ch = lx.next();
    if (ch === '.') {
      if (first && !isDigit(lx.peek())) {
        lx.emit(T.Dot);
        return lexToken;
      }
      if (foundDecimal) return lx.errorf('multiple decimals in number');
      foundDecimal = true;
    } else if (isDigit(ch)) {
      // part of the number
    } else if (!foundDecimal && ch !== EOF && DURATION_UNITS.includes(ch)) {
      if (ch === 'm' && lx.peek() === 's') lx.next();
      lx.emit(T.Duration);
      return tryLexBinaryOperator;
    } else {
      lx.backup();
      lx.emit(T.Number);
      return tryLexBinaryOperator;
    }
    first = false;
  }
}

function lexReference(lx: Lexer): State {
  for (;;) {
    const ch = lx.next();
    if (ch === '\\') {
      if (lx.peek() === '"') lx.next();
    } else if (ch === '"') {
      lx.emit(T.Reference);
      return tryLexBinaryOperator;
    } else if (ch === EOF) {
      return lx.errorf('unterminated field reference');
    }
  }
}

/** 'single' (with \' escapes) or '''triple''' quoted strings. */
function lexString(lx: Lexer): State {
  lx.next(); // opening quote
  let quotes = 1;
  if (lx.peek() === "'") {
    lx.next();
    if (lx.peek() !== "'") {
      lx.emit(T.String); // the empty string ''
      return tryLexBinaryOperator;
    }
    lx.next();
    quotes = 3;
  }
  let count = quotes;
  for (;;) {
    const ch = lx.next();
    if (ch === '\\' && count === 1) {
      if (lx.peek() === "'") lx.next();
    } else if (ch === "'") {
      count--;
      if (count === 0) {
        lx.emit(T.String);
        return tryLexBinaryOperator;
      }
    } else if (ch === EOF) {
      return lx.errorf('unterminated string');
    } else {
      count = quotes;
    }
  }
}

function lexRegex(lx: Lexer): State {
  const first = lx.next();
  if (first !== '/') return lx.errorf(`unexpected "${first}" expected "/"`);
  for (;;) {
    const ch = lx.next();
    if (ch === '\\') {
      if (lx.peek() === '/') lx.next();
    } else if (ch === '/') {
      lx.emit(T.Regex);
      return lexToken;
    } else if (ch === EOF) {
      return lx.errorf('unterminated regex');
    }
  }
}

/** `//` to end of line; following lines that also start with `/` continue the same token. */
function lexComment(lx: Lexer): State {
  lx.next();
  if (lx.peek() !== '/') return lx.errorf("invalid character '/'");
  lx.next();
  for (;;) {
    const ch = lx.next();
    if (ch === '\n') {
      let n = lx.next();
      while (n !== '\n' && isSpace(n)) n = lx.next();
      if (n === '/') continue;
      lx.backup();
      lx.emit(T.Comment);
      return lexToken;
    }
    if (ch === EOF) {
      lx.emit(T.Comment);
      return lexToken;
    }
  }
}

/** All tokens of a script, ending with EOF or with the first error token. */
export function lex(input: string): Token[] {
  const lx = new Lexer(input);
  let state: State = lexToken;
  while (state !== null) state = state(lx);
  return lx.tokens;
}
