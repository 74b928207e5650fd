// The Flux lexer: source text to tokens with 1-based line:column positions. Whether `/` starts
// a regex depends on the previous token, so the lexer tracks it. Never throws anything but a
// positioned FluxError.

import { FluxError, type Position } from './errors.js';

export type TokenKind = 'ident' | 'keyword' | 'int' | 'float' | 'string' | 'duration' | 'time' | 'regex' | 'punct' | 'eof';

/** A string literal's pieces: text, or the source of a `${}` interpolation with where it starts. */
export type StringPart = { text: string } | { source: string; at: Position };

export interface Token {
  kind: TokenKind;
  /** Identifier/keyword name, operator text, or the literal's source text. */
  text: string;
  start: Position;
  end: Position;
  parts?: StringPart[];
  durations?: Array<{ magnitude: bigint; unit: string }>;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'exists', 'import', 'package', 'return', 'option', 'builtin', 'testcase', 'if', 'then', 'else']);
const PUNCT_2 = new Set(['|>', '<-', '=>', '==', '!=', '<=', '>=', '=~', '!~']);
const PUNCT_1 = new Set(['+', '-', '*', '/', '%', '^', '<', '>', '=', '(', ')', '[', ']', '{', '}', ',', ':', '.', '?']);
export const DURATION_UNITS = ['mo', 'ms', 'us', 'µs', 'ns', 'y', 'w', 'd', 'h', 'm', 's'];

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return true;
  return c > 127 && /[\p{L}]/u.test(ch);
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

export function tokenize(source: string, origin: Position = { line: 1, column: 1 }): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(source);
  let i = 0;
  let line = origin.line;
  let column = origin.column;
  const here = (): Position => ({ line, column });
  const advance = (n = 1): void => {
    for (let k = 0; k < n && i < chars.length; k++) {
      if (chars[i] === '\n') {
        line++;
        column = 1;
      } else column++;
      i++;
    }
  };
  const fail = (message: string, start: Position): never => {
    throw new FluxError(message, { start, end: here() });
  };
  const regexAllowed = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (prev === undefined) return true;
    if (prev.kind === 'punct') return ![')', ']', '}'].includes(prev.text);
    if (prev.kind === 'keyword') return true;
    return false;
  };

  while (i < chars.length) {
    const ch = chars[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      advance();
      continue;
    }
    if (ch === '/' && chars[i + 1] === '/') {
      while (i < chars.length && chars[i] !== '\n') advance();
      continue;
    }
    const start = here();
    if (isLetter(ch)) {
      let text = '';
      while (i < chars.length && (isLetter(chars[i]!) || isDigit(chars[i]!) || (chars[i]!.charCodeAt(0) > 127 && /\p{Nd}/u.test(chars[i]!)))) {
        text += chars[i];
        advance();
      }
      tokens.push({ kind: KEYWORDS.has(text) ? 'keyword' : 'ident', text, start, end: here() });
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(chars[i + 1] ?? ''))) {
      tokens.push(lexNumber(start));
      continue;
    }
    if (ch === '"') {
      tokens.push(lexString(start));
      continue;
    }
    if (ch === '/' && regexAllowed()) {
      tokens.push(lexRegex(start));
      continue;
    }
    const two = ch + (chars[i + 1] ?? '');
    const punct = PUNCT_2.has(two) ? two : PUNCT_1.has(ch) ? ch : undefined;
    if (punct === undefined) fail(`invalid character ${JSON.stringify(ch)}`, start);
    advance(punct!.length);
    tokens.push({ kind: 'punct', text: punct!, start, end: here() });
  }
  tokens.push({ kind: 'eof', text: '', start: here(), end: here() });
  return tokens;

  function readDigits(): string {
    let text = '';
    while (i < chars.length && isDigit(chars[i]!)) {
      text += chars[i];
      advance();
    }
    return text;
  }

  function lexNumber(start: Position): Token {
    // date-time literal: 2006-01-02 or 2006-01-02T15:04:05.999Z / ±07:00
    const dt = chars[i + 4] === '-' ? /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?/.exec(chars.slice(i, i + 40).join('')) : null;
    if (dt !== null) {
      advance(dt[0].length);
      return { kind: 'time', text: dt[0], start, end: here() };
    }
    const intPart = readDigits();
    if (chars[i] === '.' && isDigit(chars[i + 1] ?? '')) {
      advance();
      const frac = readDigits();
      let exp = '';
      if (
        (chars[i] === 'e' || chars[i] === 'E') &&
        (isDigit(chars[i + 1] ?? '') || ((chars[i + 1] === '+' || chars[i + 1] === '-') && isDigit(chars[i + 2] ?? '')))
      ) {
        exp = chars[i]!;
        advance();
        if (chars[i] === '+' || chars[i] === '-') {
          exp += chars[i];
          advance();
        }
        exp += readDigits();
      }
      return { kind: 'float', text: `${intPart}.${frac}${exp}`, start, end: here() };
    }
    if (intPart.length > 1 && intPart.startsWith('0') && !isLetter(chars[i] ?? '')) {
      fail(`invalid integer literal ${JSON.stringify(intPart)}: leading zeros are not allowed`, start);
    }
    const unitAt = (): string | undefined => DURATION_UNITS.find((u) => chars.slice(i, i + u.length).join('') === u && !isLetter(chars[i + u.length] ?? ''));
    let unit: string | undefined = unitAt();
    if (unit === undefined) {
      if (isLetter(chars[i] ?? '')) fail(`invalid duration unit starting at ${JSON.stringify(chars[i])}`, start);
      return { kind: 'int', text: intPart, start, end: here() };
    }
    const durations: Array<{ magnitude: bigint; unit: string }> = [];
    let magnitude = intPart;
    for (;;) {
      const found: string = unit!;
      advance(found.length);
      durations.push({ magnitude: BigInt(magnitude), unit: found === 'µs' ? 'us' : found });
      if (!isDigit(chars[i] ?? '')) break;
      magnitude = readDigits();
      unit = unitAt();
      if (unit === undefined) fail('invalid duration literal: a magnitude needs a unit', start);
    }
    if (isLetter(chars[i] ?? '')) fail('invalid duration literal', start);
    return { kind: 'duration', text: durations.map((d) => `${d.magnitude}${d.unit}`).join(''), start, end: here(), durations };
  }

  function lexString(start: Position): Token {
    advance(); // opening quote
    const parts: StringPart[] = [];
    let text = '';
    for (;;) {
      if (i >= chars.length) fail('unterminated string literal', start);
      const c = chars[i]!;
      if (c === '"') {
        advance();
        break;
      }
      if (c === '\\') {
        const next = chars[i + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };
        if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(chars.slice(i + 2, i + 4).join(''))) {
          // \xNN bytes; consecutive ones form UTF-8 sequences
          const bytes: number[] = [];
          while (chars[i] === '\\' && chars[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(chars.slice(i + 2, i + 4).join(''))) {
            bytes.push(parseInt(chars.slice(i + 2, i + 4).join(''), 16));
            advance(4);
          }
          text += Buffer.from(bytes).toString('utf8');
          continue;
        }
        if (next === undefined || escapes[next] === undefined) fail(`invalid escape sequence \\${next ?? ''} in string literal`, here());
        text += escapes[next!];
        advance(2);
        continue;
      }
      if (c === '$' && chars[i + 1] === '{') {
        if (text !== '') parts.push({ text });
        text = '';
        advance(2);
        const at = here();
        let depth = 0;
        let inner = '';
        let inString = false;
        for (;;) {
          if (i >= chars.length) fail('unterminated string interpolation', start);
          const d = chars[i]!;
          if (inString) {
            if (d === '\\') {
              inner += d + (chars[i + 1] ?? '');
              advance(2);
              continue;
            }
            if (d === '"') inString = false;
          } else if (d === '"') inString = true;
          else if (d === '{') depth++;
          else if (d === '}') {
            if (depth === 0) {
              advance();
              break;
            }
            depth--;
          }
          inner += d;
          advance();
        }
        if (inner.trim() === '') fail('empty string interpolation', at);
        parts.push({ source: inner, at });
        continue;
      }
      text += c;
      advance();
    }
    if (text !== '' || parts.length === 0) parts.push({ text });
    return { kind: 'string', text: '', start, end: here(), parts };
  }

  function lexRegex(start: Position): Token {
    advance(); // opening slash
    let body = '';
    for (;;) {
      if (i >= chars.length || chars[i] === '\n') fail('unterminated regex literal', start);
      const c = chars[i]!;
      if (c === '\\' && chars[i + 1] === '/') {
        body += '/';
        advance(2);
        continue;
      }
      if (c === '\\') {
        body += c + (chars[i + 1] ?? '');
        advance(2);
        continue;
      }
      if (c === '/') {
        advance();
        break;
      }
      body += c;
      advance();
    }
    return { kind: 'regex', text: body, start, end: here() };
  }
}
