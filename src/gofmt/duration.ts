// Go's time.Duration as text: ParseDuration ("1h30m", "1.5s", "300ms", "-2m", "0"), exact to
// the nanosecond, and String() ("1m0s", "1.5µs", "0s"). Used by configuration files,
// KAPACITOR_* variables, CLI flags, DOT statistics, lambda and template output. Pure functions.

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;

export class GoDurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoDurationError';
  }
}

/** Parses a Go duration string into nanoseconds; throws GoDurationError with Go's wording. */
export function parseGoDuration(text: string): bigint {
  const invalid = () => new GoDurationError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw invalid();
  let total = 0n;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    const whole = number[1]!;
    const fraction = number[2] ?? '';
    if (whole === '' && fraction === '') throw invalid();
    rest = rest.slice(number[0].length);
    const unitText = /^[^\d.]*/.exec(rest)![0];
    if (unitText === '') throw new GoDurationError(`time: missing unit in duration ${JSON.stringify(text)}`);
    const unit = UNIT_NS[unitText];
    if (unit === undefined) {
      throw new GoDurationError(`time: unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(text)}`);
    }
    rest = rest.slice(unitText.length);
    total += BigInt(whole || '0') * unit + fractionNs(fraction, unit);
    if (total > MAX_INT64 + (negative ? 1n : 0n)) throw invalid();
  }
  return negative ? -total : total;
}

/** The fraction's share of a unit, computed in floating point as Go does (digits past int64 dropped). */
function fractionNs(digits: string, unit: bigint): bigint {
  let fraction = 0n;
  let scale = 1n;
  for (const digit of digits) {
    const next = fraction * 10n + BigInt(digit);
    if (next > MAX_INT64) break;
    fraction = next;
    scale *= 10n;
  }
  if (fraction === 0n) return 0n;
  return BigInt(Math.trunc(Number(fraction) * (Number(unit) / Number(scale))));
}

/** Parses a Go duration string into (possibly fractional) milliseconds. */
export function parseGoDurationMs(text: string): number {
  return nanosToMs(parseGoDuration(text));
}

export function nanosToMs(ns: bigint): number {
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

export function msToNanos(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

const NS_PER_US = 1000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;

function decimals(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits, '0').replace(/0+$/, '');
  return text === '' ? '' : '.' + text;
}

/** Go's time.Duration.String(): "1h0m0s", "1.5s", "15µs". */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < NS_PER_US) return `${sign}${u}ns`;
  if (u < NS_PER_MS) return `${sign}${u / NS_PER_US}${decimals(u % NS_PER_US, 3)}µs`;
  if (u < NS_PER_S) return `${sign}${u / NS_PER_MS}${decimals(u % NS_PER_MS, 6)}ms`;
  const seconds = `${(u % NS_PER_M) / NS_PER_S}${decimals(u % NS_PER_S, 9)}s`;
  if (u < NS_PER_M) return sign + seconds;
  const minutes = `${(u % NS_PER_H) / NS_PER_M}m`;
  if (u < NS_PER_H) return sign + minutes + seconds;
  return `${sign}${u / NS_PER_H}h${minutes}${seconds}`;
}
