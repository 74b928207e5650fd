// Runs a TICKscript as an executing task in a TaskMaster without HTTP: write line protocol
// (seconds precision by default), read httpOut results and stats. Fixtures stay in the tests.

import pino from 'pino';
import { parsePoints } from '../../src/lineprotocol/parse.js';
import { buildPipeline } from '../../src/pipeline/build.js';
import { TaskMaster } from '../../src/engine/task-master.js';
import type { EngineServices } from '../../src/engine/node.js';
import type { DBRP, TaskStatsSnapshot } from '../../src/pipeline/types.js';
import { parse } from '../../src/tick/parser.js';

export interface Running {
  master: TaskMaster;
  id: string;
  write(lines: string, options?: { precision?: string; db?: string; rp?: string }): void;
  result(name?: string): { series: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }> | null };
  /** Values of the single series (or the series with these tags). */
  values(name?: string, tags?: Record<string, string>): unknown[][];
  stats(): TaskStatsSnapshot;
  stop(): void;
}

export const silent = pino({ level: 'silent' });

export function compile(script: string) {
  return buildPipeline(parse(script), { taskType: 'stream' });
}

export function run(script: string, options: { dbrps?: DBRP[]; services?: EngineServices; master?: TaskMaster; id?: string } = {}): Running {
  const master = options.master ?? new TaskMaster({ logger: silent, services: options.services });
  const id = options.id ?? 'test';
  const dbrps = options.dbrps ?? [{ db: 'db', rp: 'rp' }];
  master.startTask(id, compile(script), dbrps);
  const running: Running = {
    master,
    id,
    write(lines, opts = {}) {
      const parsed = parsePoints(
        lines
          .trim()
          .split('\n')
          .map((l) => l.trim())
          .join('\n'),
        {
          precision: opts.precision ?? 's',
          defaultTime: 0n,
          database: opts.db ?? 'db',
          retentionPolicy: opts.rp ?? 'rp',
        },
      );
      if (parsed.errors.length > 0) throw new Error(parsed.errors.join('; '));
      master.route(parsed.points);
    },
    result(name = 'out') {
      return master.httpOutResult(id, name) as ReturnType<Running['result']>;
    },
    values(name = 'out', tags) {
      const series = running.result(name).series ?? [];
      const match = tags === undefined ? series : series.filter((s) => JSON.stringify(s.tags ?? {}) === JSON.stringify(tags));
      if (match.length !== 1) throw new Error(`expected one series, got ${JSON.stringify(series)}`);
      return match[0]!.values;
    },
    stats() {
      return master.stats(id)!;
    },
    stop() {
      master.stopTask(id);
    },
  };
  return running;
}

/** RFC3339 of a whole number of seconds after the epoch. */
export function sec(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
