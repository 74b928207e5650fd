// Go's text formats that lambda results and error messages expose: float %v and
// strconv.FormatFloat('f', -1), time.Duration.String, influxql duration format/parse, %q and
// the strconv parse functions with their error texts. Pure functions, no state.

const NS_PER_US = 1000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;
const NS_PER_D = 24n * NS_PER_H;
const NS_PER_W = 7n * NS_PER_D;

/** Shortest round-trip decimal digits of a finite non-zero |value| and its decimal exponent. */
function shortestDigits(value: number): { digits: string; exp: number } {
  const text = Math.abs(value).toExponential();
  const e = text.indexOf('e');
  return { digits: text.slice(0, e).replace('.', ''), exp: Number(text.slice(e + 1)) };
}

function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

function specialFloat(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return undefined;
}

/** strconv.FormatFloat(v, 'f', -1, 64): what string() of a float gives. */
export function formatFloatF(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const { digits, exp } = shortestDigits(value);
  return (value < 0 ? '-' : '') + fixedFromDigits(digits, exp);
}

/** fmt's %v of a float64 (strconv 'g' with the shortest precision). */
export function formatFloatV(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const { digits, exp } = shortestDigits(value);
  const sign = value < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const expAbs = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  }
  return sign + fixedFromDigits(digits, exp);
}

function fraction(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits, '0').replace(/0+$/, '');
  return text === '' ? '' : '.' + text;
}

/** Go's time.Duration.String(): "1h0m0s", "1.5s", "15µs". */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < NS_PER_US) return `${sign}${u}ns`;
  if (u < NS_PER_MS) return `${sign}${u / NS_PER_US}${fraction(u % NS_PER_US, 3)}µs`;
  if (u < NS_PER_S) return `${sign}${u / NS_PER_MS}${fraction(u % NS_PER_MS, 6)}ms`;
  const seconds = `${(u % NS_PER_M) / NS_PER_S}${fraction(u % NS_PER_S, 9)}s`;
  if (u < NS_PER_M) return sign + seconds;
  const minutes = `${(u % NS_PER_H) / NS_PER_M}m`;
  if (u < NS_PER_H) return sign + minutes + seconds;
  return `${sign}${u / NS_PER_H}h${minutes}${seconds}`;
}

const INFLUXQL_UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [NS_PER_W, 'w'],
  [NS_PER_D, 'd'],
  [NS_PER_H, 'h'],
  [NS_PER_M, 'm'],
  [NS_PER_S, 's'],
  [NS_PER_MS, 'ms'],
  [NS_PER_US, 'u'],
];

/** influxql.FormatDuration: the largest unit that divides the duration exactly ("90m", "1w"). */
export function formatInfluxqlDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  for (const [size, unit] of INFLUXQL_UNITS) {
    if (ns % size === 0n) return `${ns / size}${unit}`;
  }
  return `${ns}ns`;
}

/** influxql.ParseDuration ("1h30m", "-5s", "10ms", "3u"); undefined when invalid. */
export function parseInfluxqlDuration(text: string): bigint | undefined {
  const chars = Array.from(text);
  if (chars.length < 2) return undefined;
  let i = 0;
  const negative = chars[0] === '-';
  if (negative) i++;
  let total = 0n;
  while (i < chars.length) {
    const start = i;
    while (i < chars.length && chars[i]! >= '0' && chars[i]! <= '9') i++;
    if (i >= chars.length || i === start) return undefined;
    const measure = BigInt(chars.slice(start, i).join(''));
    if (measure > 0x7fffffffffffffffn) return undefined;
    const unit = chars[i];
    const next = chars[i + 1];
    let size: bigint;
    if (unit === 'n' && next === 's') {
      size = 1n;
      i++;
    } else if (unit === 'm' && next === 's') {
      size = NS_PER_MS;
      i++;
    } else if (unit === 'u' || unit === 'µ') size = NS_PER_US;
    else if (unit === 'm') size = NS_PER_M;
    else if (unit === 's') size = NS_PER_S;
    else if (unit === 'h') size = NS_PER_H;
    else if (unit === 'd') size = NS_PER_D;
    else if (unit === 'w') size = NS_PER_W;
    else return undefined;
    total = BigInt.asIntN(64, total + measure * size);
    i++;
  }
  if (total < 0n && !negative) return undefined;
  return negative ? -total : total;
}

/** Go's %q of a string. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      default:
        out += code < 0x20 || code === 0x7f ? '\\x' + code.toString(16).padStart(2, '0') : ch;
    }
  }
  return out + '"';
}

/** strconv.ParseBool; throws Go's error text. */
export function parseGoBool(text: string): boolean {
  switch (text) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
  }
  throw new Error(`strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
}

/** strconv.ParseInt(text, 10, 64); throws Go's error text. */
export function parseGoInt(text: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(text)) throw new Error(`strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value !== BigInt.asIntN(64, value)) {
    throw new Error(`strconv.ParseInt: parsing ${goQuote(text)}: value out of range`);
  }
  return value;
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(text, 64) for decimal and inf/nan forms; throws Go's error text. */
export function parseGoFloat(text: string): number {
  if (DECIMAL_FLOAT.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`strconv.ParseFloat: parsing ${goQuote(text)}: value out of range`);
    return value;
  }
  const special = SPECIAL_FLOAT.exec(text);
  if (special !== null) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  throw new Error(`strconv.ParseFloat: parsing ${goQuote(text)}: invalid syntax`);
}
