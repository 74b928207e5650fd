// Go's strconv.ParseBool / ParseInt(s, 0, 64) / ParseFloat rules, so flags and KAPACITOR_*
// variables accept exactly what Kapacitor accepts. Pure parsing; errors say "parse error" or
// "value out of range" as Go's flag package reports them.

export class GoParseError extends Error {
  constructor(readonly reason: 'parse error' | 'value out of range') {
    super(reason);
    this.name = 'GoParseError';
  }
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseGoBool(text: string): boolean {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  throw new GoParseError('parse error');
}

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

/** strconv.ParseInt with base 0: decimal, 0x.., 0o.., 0b.., leading-0 octal, '_' after a prefix. */
export function parseGoInt(text: string): number {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (match === null) throw new GoParseError('parse error');
  const body = match[2]!;
  if (body.includes('_') && !validUnderscores(body)) throw new GoParseError('parse error');
  const digits = body.replaceAll('_', '');
  const literal = /^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits;
  let value = BigInt(literal);
  if (match[1] === '-') value = -value;
  if (value < MIN_INT64 || value > MAX_INT64) throw new GoParseError('value out of range');
  return Number(value);
}

/** Underscores must sit between digits, or right after a base prefix (Go's underscoreOK). */
function validUnderscores(body: string): boolean {
  return !body.endsWith('_') && !body.includes('__');
}

/** strconv.ParseFloat for decimal forms, "inf"/"infinity"/"nan" in any case. */
export function parseGoFloat(text: string): number {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new GoParseError('parse error');
  const value = Number(text);
  if (!Number.isFinite(value)) throw new GoParseError('value out of range');
  return value;
}
