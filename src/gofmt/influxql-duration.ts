// InfluxQL duration literals as TICKscript, InfluxQL queries and the record/replay flags write
// them (`10s`, `1h30m`, `500ms`, `2w`, `3u`): influxql.ParseDuration to nanoseconds and
// influxql.FormatDuration with the largest unit that divides evenly. Pure functions.

const NS_PER_US = 1000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;
const NS_PER_D = 24n * NS_PER_H;
const NS_PER_W = 7n * NS_PER_D;

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
