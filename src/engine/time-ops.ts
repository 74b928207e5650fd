// Go's time.Time Truncate and Round on epoch-ns bigints. Go measures from January 1 of year 1,
// not from the Unix epoch, which matters for durations that do not divide a day (e.g. 7d).

import type { TimeNs } from '../models/point.js';

/** Nanoseconds from 0001-01-01T00:00:00Z to the Unix epoch. */
const ZERO_TO_UNIX = 62135596800n * 1_000_000_000n;

function remainder(time: TimeNs, d: bigint): bigint {
  let r = (time + ZERO_TO_UNIX) % d;
  if (r < 0n) r += d;
  return r;
}

export function truncateTime(time: TimeNs, d: bigint): TimeNs {
  if (d <= 0n) return time;
  return time - remainder(time, d);
}

/** Halfway values round up (away from zero), as Go does. */
export function roundTime(time: TimeNs, d: bigint): TimeNs {
  if (d <= 0n) return time;
  const r = remainder(time, d);
  return r + r < d ? time - r : time + (d - r);
}
