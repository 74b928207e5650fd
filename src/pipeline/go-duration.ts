// Go's time.Duration String() format ("1m0s", "1.5µs", "0s"), which Kapacitor prints in DOT
// statistics and deadman messages. Pure formatting.

const UNITS: Array<[bigint, string]> = [[1000n, 'µs'], [1_000_000n, 'ms']];

/** Formats nanoseconds as Go prints a time.Duration. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const abs = ns < 0n ? -ns : ns;
  if (abs < 1000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000_000n) {
    const [unit, suffix] = abs < 1_000_000n ? UNITS[0]! : UNITS[1]!;
    return `${sign}${fraction(abs, unit)}${suffix}`;
  }
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = fraction(abs % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** value / unit as a decimal without trailing zeros. */
function fraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return `${whole}`;
  const digits = unit.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
