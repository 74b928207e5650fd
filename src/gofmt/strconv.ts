// Go's strconv parsing rules, so flags, KAPACITOR_* variables, configuration values and lambda
// conversions accept exactly what Kapacitor accepts: ParseBool, ParseInt (base 0 for flags and
// variables, base 10 to an int64 for lambdas) and ParseFloat. A refusal is a GoParseError whose
// `reason` is what Go's flag package prints and whose message is strconv's full error text.

import { goQuote } from './quote.js';

export class GoParseError extends Error {
  constructor(
    readonly reason: 'parse error' | 'value out of range',
    message: string = reason,
  ) {
    super(message);
    this.name = 'GoParseError';
  }
}

function invalid(fn: string, text: string): GoParseError {
  return new GoParseError('parse error', `strconv.${fn}: parsing ${goQuote(text)}: invalid syntax`);
}

function outOfRange(fn: string, text: string): GoParseError {
  return new GoParseError('value out of range', `strconv.${fn}: parsing ${goQuote(text)}: value out of range`);
}

/** strconv.ParseBool. */
export function parseGoBool(text: string): boolean {
  switch (text) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
  }
  throw invalid('ParseBool', text);
}

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

/** strconv.ParseInt with base 0: decimal, 0x.., 0o.., 0b.., leading-0 octal, '_' after a prefix. */
export function parseGoInt(text: string): number {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (match === null) throw invalid('ParseInt', text);
  const body = match[2]!;
  if (body.includes('_') && !validUnderscores(body)) throw invalid('ParseInt', text);
  const digits = body.replaceAll('_', '');
  const literal = /^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits;
  let value = BigInt(literal);
  if (match[1] === '-') value = -value;
  if (value < MIN_INT64 || value > MAX_INT64) throw outOfRange('ParseInt', text);
  return Number(value);
}

/** Underscores must sit between digits, or right after a base prefix (Go's underscoreOK). */
function validUnderscores(body: string): boolean {
  return !body.endsWith('_') && !body.includes('__');
}

/** strconv.ParseInt(text, 10, 64), exact. */
export function parseGoInt64(text: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(text)) throw invalid('ParseInt', text);
  const value = BigInt(text);
  if (value !== BigInt.asIntN(64, value)) throw outOfRange('ParseInt', text);
  return value;
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
/** Go takes a sign before inf/infinity but not before nan. */
const SPECIAL_FLOAT = /^(?:([+-]?)(inf|infinity)|(nan))$/i;

/** strconv.ParseFloat(text, 64) for decimal forms and "inf"/"infinity"/"nan" in any case. */
export function parseGoFloat(text: string): number {
  if (DECIMAL_FLOAT.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw outOfRange('ParseFloat', text);
    return value;
  }
  const special = SPECIAL_FLOAT.exec(text);
  if (special !== null) {
    if (special[3] !== undefined) return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  throw invalid('ParseFloat', text);
}
