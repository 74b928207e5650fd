// The time and duration values record and replay-live take: -start/-stop as RFC 3339 times,
// -past/-duration as InfluxQL durations (`10h`, `1d`, `90s`), with Go's error texts.

import { parseInfluxqlDuration } from '../../gofmt/influxql-duration.js';
import { formatRFC3339Nano, nowNs, parseRFC3339 } from '../../models/time.js';
import { CommandError } from './errors.js';

/** InfluxQL's ParseDuration: nanoseconds. */
export function parseInfluxDuration(text: string): bigint {
  const ns = parseInfluxqlDuration(text);
  if (ns === undefined || ns < 0n) throw new CommandError('invalid duration');
  return ns;
}

/** Go's time.Parse(time.RFC3339Nano, text): epoch nanoseconds. */
export function parseTimeFlag(text: string): bigint {
  const time = parseRFC3339(text);
  if (time === undefined) {
    throw new CommandError(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05.999999999Z07:00": cannot parse ${JSON.stringify(text)} as "2006"`);
  }
  return time;
}

/** The [start, stop] window of -start/-stop/-past, as RFC 3339 times (start Go's zero time when unset). */
export function queryWindow(start: string, stop: string, past: string): { start: string; stop: string } {
  const stopNs = stop !== '' ? parseTimeFlag(stop) : nowNs();
  let startText = '0001-01-01T00:00:00Z';
  if (start !== '') startText = formatRFC3339Nano(parseTimeFlag(start));
  if (past !== '') startText = formatRFC3339Nano(stopNs - parseInfluxDuration(past));
  return { start: startText, stop: formatRFC3339Nano(stopNs) };
}

/** Now plus a duration, as an RFC 3339 time. */
export function fromNow(duration: string): string {
  return formatRFC3339Nano(nowNs() + parseInfluxDuration(duration));
}
