// Turns pino's JSON lines into logfmt (`ts=... lvl=info msg="..." service=http`), the format
// Kapacitor writes its logs in. Sits between pino and the destination; never drops a line
// (a line that is not a JSON object is passed through as it came).

import type { DestinationStream } from 'pino';

export class LogfmtStream implements DestinationStream {
  constructor(private readonly destination: DestinationStream) {}

  write(line: string): void {
    this.destination.write(toLogfmt(line));
  }
}

/** Kapacitor's lines start with these, in this order. */
const LEADING = ['ts', 'lvl', 'msg'];

/** One JSON log line as one logfmt line (ending in a newline). */
export function toLogfmt(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return line;
  const fields = record as Record<string, unknown>;
  const parts: string[] = [];
  for (const name of LEADING) {
    if (fields[name] !== undefined) parts.push(`${name}=${logfmtValue(fields[name])}`);
  }
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || LEADING.includes(name)) continue;
    parts.push(`${name}=${logfmtValue(value)}`);
  }
  return `${parts.join(' ')}\n`;
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text === '' || /[\s="\\]/.test(text) ? JSON.stringify(text) : text;
}
