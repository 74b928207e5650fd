// OpenTSDB telnet lines ("put <metric> <timestamp> <value> [tag=value ...]") → points, as the
// InfluxDB 1.x opentsdb service reads them: 10-digit timestamps are seconds, 13-digit ones
// milliseconds, the value is a float field "value", malformed tags are skipped. Returns the
// reason a line is refused (a statistic name) instead of throwing.

import type { Point } from '../../../models/point.js';
import { parseGoFloat } from '../../../gofmt/strconv.js';

export type TelnetProblem = 'tl_bad_line' | 'tl_bad_time' | 'tl_bad_tag' | 'tl_bad_float';

export interface TelnetResult {
  point?: Point;
  /** Why the line (or, for tl_bad_tag, one of its tags) was refused. */
  problems: TelnetProblem[];
}

/** A 'version' line: the service answers with its name. */
export function isVersionLine(words: string[]): boolean {
  return words.length === 1 && words[0] === 'version';
}

export function parseTelnetPut(words: string[], database: string, retentionPolicy: string): TelnetResult {
  if (words.length < 4 || words[0] !== 'put') return { problems: ['tl_bad_line'] };
  const [, metric, timeText, valueText] = words as [string, string, string, string];
  const time = putTime(timeText);
  if (time === undefined) return { problems: ['tl_bad_time'] };
  const problems: TelnetProblem[] = [];
  const tags: Record<string, string> = {};
  for (let i = 4; i < words.length; i++) {
    const pair = words[i]!;
    const equals = pair.indexOf('=');
    if (equals <= 0 || equals === pair.length - 1) {
      problems.push('tl_bad_tag');
      continue;
    }
    tags[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  let value: number;
  try {
    value = parseGoFloat(valueText);
  } catch {
    return { problems: [...problems, 'tl_bad_float'] };
  }
  if (!Number.isFinite(value)) return { problems: [...problems, 'tl_bad_float'] };
  return { point: { name: metric, tags, fields: { value }, time, database, retentionPolicy }, problems };
}

/** Seconds (10 digits) or milliseconds (13 digits) → ns; undefined for anything else. */
export function putTime(text: string): bigint | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  if (text.length === 10) return BigInt(text) * 1_000_000_000n;
  if (text.length === 13) return BigInt(text) * 1_000_000n;
  return undefined;
}

/** The HTTP API's rule: below 10^10 the timestamp is seconds, else milliseconds. */
export function httpPutTime(timestamp: number): bigint {
  const whole = BigInt(Math.trunc(timestamp));
  return timestamp < 10_000_000_000 ? whole * 1_000_000_000n : whole * 1_000_000n;
}
