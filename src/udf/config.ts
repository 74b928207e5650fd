// The `[udf]` configuration: `[udf.functions.NAME]` tables, each either a program to run
// (prog, args, env) or a unix socket to connect to, with the response timeout. Parsed from
// the raw TOML table the config loader keeps for this section.

import { parseGoDurationMs } from '../gofmt/duration.js';

export interface UdfFunctionConfig {
  readonly name: string;
  readonly prog: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly socket: string;
  /** How long to wait for a response (Info, Init, keepalive); 0 means no limit. */
  readonly timeoutMs: number;
}

export class UdfConfigError extends Error {
  override readonly name = 'UdfConfigError';
}

const DEFAULT_TIMEOUT_MS = 10_000;

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The functions of a `[udf] functions` table; throws UdfConfigError naming the bad key. */
export function parseUdfFunctions(table: Record<string, unknown>): UdfFunctionConfig[] {
  const out: UdfFunctionConfig[] = [];
  for (const [name, raw] of Object.entries(table)) {
    if (!isTable(raw)) throw new UdfConfigError(`[udf.functions.${name}]: expected a table`);
    const where = (key: string): string => `[udf.functions.${name}] ${key}`;
    const prog = raw.prog ?? '';
    const socket = raw.socket ?? '';
    if (typeof prog !== 'string') throw new UdfConfigError(`${where('prog')}: expected a string`);
    if (typeof socket !== 'string') throw new UdfConfigError(`${where('socket')}: expected a string`);
    const args = raw.args ?? [];
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new UdfConfigError(`${where('args')}: expected an array of strings`);
    const env = raw.env ?? {};
    if (!isTable(env) || !Object.values(env).every((v) => typeof v === 'string')) throw new UdfConfigError(`${where('env')}: expected a table of strings`);
    let timeoutMs = DEFAULT_TIMEOUT_MS;
    if (raw.timeout !== undefined) {
      if (typeof raw.timeout !== 'string') throw new UdfConfigError(`${where('timeout')}: expected a duration such as "10s"`);
      try {
        timeoutMs = parseGoDurationMs(raw.timeout);
      } catch (error) {
        throw new UdfConfigError(`${where('timeout')}: ${(error as Error).message}`);
      }
    }
    if (prog === '' && socket === '') throw new UdfConfigError(`udf function ${JSON.stringify(name)}: must specify one of prog or socket`);
    if (prog !== '' && socket !== '') throw new UdfConfigError(`udf function ${JSON.stringify(name)}: cannot specify both prog and socket`);
    out.push({ name, prog, args: args, env: env as Record<string, string>, socket, timeoutMs });
  }
  return out;
}
