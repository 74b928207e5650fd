// Write precisions as InfluxDB 1.x names them, and their size in nanoseconds.

const MULTIPLIERS: Record<string, bigint> = {
  '': 1n,
  n: 1n,
  ns: 1n,
  u: 1_000n,
  'µ': 1_000n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

export class PrecisionError extends Error {}

/** Nanoseconds per unit of the precision; throws PrecisionError for an unknown one. */
export function precisionMultiplier(precision: string): bigint {
  const multiplier = MULTIPLIERS[precision];
  if (multiplier === undefined) throw new PrecisionError(`invalid precision "${precision}"`);
  return multiplier;
}
