// Topic handler `match` expressions (lambda syntax): level(), changed(), name(), taskName(),
// duration(), the constants OK/INFO/WARNING/CRITICAL/TRUE/FALSE, "tag" references, string,
// number and regex literals, comparisons, =~ !~, AND/OR/!. Compiled once per handler spec.

import type { AlertEvent } from './event.js';
import { parseLevel } from './levels.js';
import { GoRegex } from '../tick/lambda/regex.js';

type MatchValue = string | number | boolean | GoRegex;
type Evaluator = (event: AlertEvent, changed: boolean) => MatchValue;

export class MatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchError';
  }
}

type Token = { kind: 'op' | 'string' | 'reference' | 'number' | 'ident' | 'regex' | 'paren'; text: string; value?: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '=~', '!~'].includes(two)) {
      tokens.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>' || ch === '!' || ch === '+' || ch === '-' || ch === '*') {
      tokens.push({ kind: 'op', text: ch });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: 'paren', text: ch });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== ch) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
        j++;
      }
      if (j >= source.length) throw new MatchError(`unterminated ${ch === "'" ? 'string' : 'reference'}`);
      tokens.push({ kind: ch === "'" ? 'string' : 'reference', text });
      i = j + 1;
      continue;
    }
    if (ch === '/') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '/') {
        if (source[j] === '\\' && source[j + 1] === '/') j++;
        text += source[j];
        j++;
      }
      tokens.push({ kind: 'regex', text });
      i = j + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident !== null) {
      tokens.push({ kind: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw new MatchError(`invalid match expression: unexpected ${JSON.stringify(ch)}`);
  }
  return tokens;
}

const FUNCTIONS: Record<string, Evaluator> = {
  level: (event) => event.state.level,
  changed: (_event, changed) => changed,
  name: (event) => event.name,
  taskName: (event) => event.taskName,
  duration: (event) => Number(event.state.duration),
};

class MatchParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Evaluator {
    const expression = this.or();
    if (this.index < this.tokens.length) throw new MatchError(`invalid match expression: unexpected ${this.tokens[this.index]!.text}`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private or(): Evaluator {
    let left = this.and();
    while (this.peek()?.kind === 'ident' && this.peek()!.text === 'OR') {
      this.index++;
      const l = left;
      const right = this.and();
      left = (e, c) => truthy(l(e, c)) || truthy(right(e, c));
    }
    return left;
  }

  private and(): Evaluator {
    let left = this.comparison();
    while (this.peek()?.kind === 'ident' && this.peek()!.text === 'AND') {
      this.index++;
      const l = left;
      const right = this.comparison();
      left = (e, c) => truthy(l(e, c)) && truthy(right(e, c));
    }
    return left;
  }

  private comparison(): Evaluator {
    const left = this.unary();
    const op = this.peek();
    if (op?.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>=', '=~', '!~'].includes(op.text)) return left;
    this.index++;
    const right = this.unary();
    switch (op.text) {
      case '==':
        return (e, c) => left(e, c) === right(e, c);
      case '!=':
        return (e, c) => left(e, c) !== right(e, c);
      case '<':
        return (e, c) => (left(e, c) as number) < (right(e, c) as number);
      case '<=':
        return (e, c) => (left(e, c) as number) <= (right(e, c) as number);
      case '>':
        return (e, c) => (left(e, c) as number) > (right(e, c) as number);
      case '>=':
        return (e, c) => (left(e, c) as number) >= (right(e, c) as number);
      case '=~':
        return (e, c) => (right(e, c) as GoRegex).test(String(left(e, c)));
      default:
        return (e, c) => !(right(e, c) as GoRegex).test(String(left(e, c)));
    }
  }

  private unary(): Evaluator {
    const token = this.peek();
    if (token?.kind === 'op' && token.text === '!') {
      this.index++;
      const operand = this.unary();
      return (e, c) => !truthy(operand(e, c));
    }
    return this.primary();
  }

  private primary(): Evaluator {
    const token = this.peek();
    if (token === undefined) throw new MatchError('invalid match expression: unexpected end');
    this.index++;
    switch (token.kind) {
      case 'string': {
        const value = token.text;
        return () => value;
      }
      case 'number': {
        const value = token.value!;
        return () => value;
      }
      case 'regex': {
        let value: GoRegex;
        try {
          value = new GoRegex(token.text);
        } catch (error) {
          throw new MatchError(`invalid match expression: ${(error as Error).message}`);
        }
        return () => value;
      }
      case 'reference': {
        const name = token.text;
        return (e) => e.tags[name] ?? '';
      }
      case 'paren': {
        if (token.text !== '(') throw new MatchError('invalid match expression: unexpected )');
        const inner = this.or();
        if (this.peek()?.text !== ')') throw new MatchError('invalid match expression: missing )');
        this.index++;
        return inner;
      }
      case 'ident': {
        if (this.peek()?.text === '(') {
          this.index++;
          if (this.peek()?.text !== ')') throw new MatchError(`invalid match expression: ${token.text}() takes no arguments`);
          this.index++;
          const fn = FUNCTIONS[token.text];
          if (fn === undefined) throw new MatchError(`undefined function ${token.text}`);
          return fn;
        }
        if (token.text === 'TRUE') return () => true;
        if (token.text === 'FALSE') return () => false;
        const level = parseLevel(token.text);
        if (level !== undefined && token.text === token.text.toUpperCase()) return () => level;
        throw new MatchError(`invalid match expression: unknown identifier ${token.text}`);
      }
      default:
        throw new MatchError(`invalid match expression: unexpected ${token.text}`);
    }
  }
}

function truthy(value: MatchValue): boolean {
  return value === true;
}

export interface MatchExpression {
  readonly source: string;
  matches(event: AlertEvent, changed: boolean): boolean;
}

/** Compiles a match expression; an empty one matches everything. Throws MatchError. */
export function compileMatch(source: string): MatchExpression {
  if (source.trim() === '') return { source, matches: () => true };
  const evaluate = new MatchParser(tokenize(source)).parse();
  return { source, matches: (event, changed) => evaluate(event, changed) === true };
}
