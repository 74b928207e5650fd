// Duration literals as TICKscript and InfluxQL write them (`10s`, `1m`, `500ms`, `2w`):
// parsing to nanoseconds and formatting with the largest unit that divides evenly.

const UNIT_NS: Array<[string, bigint]> = [
  ['w', 604_800_000_000_000n], ['d', 86_400_000_000_000n], ['h', 3_600_000_000_000n],
  ['m', 60_000_000_000n], ['s', 1_000_000_000n], ['ms', 1_000_000n], ['u', 1000n], ['µ', 1000n], ['ns', 1n],
];

/** Parses `10s`, `1h30m`, `-5m`; undefined when the text is not a duration. */
export function parseDurationLiteral(text: string): bigint | undefined {
  const match = /^(-?)((?:\d+(?:w|d|h|ms|m|s|u|µ|ns))+)$/.exec(text);
  if (match === null) return undefined;
  let total = 0n;
  for (const part of match[2]!.matchAll(/(\d+)(w|d|h|ms|m|s|u|µ|ns)/g)) {
    total += BigInt(part[1]!) * UNIT_NS.find(([unit]) => unit === part[2])![1];
  }
  return match[1] === '-' ? -total : total;
}

/** InfluxQL's FormatDuration: `10s`, `1m`, `90s`, `0s`. */
export function formatInfluxDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const abs = ns < 0n ? -ns : ns;
  for (const [unit, size] of UNIT_NS) {
    if (unit === 'µ') continue;
    if (abs % size === 0n) return `${sign}${abs / size}${unit}`;
  }
  return `${sign}${abs}ns`;
}
