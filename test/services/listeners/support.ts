// Shared by the listener tests: a server started with input sections, a stream task with an
// httpOut node on one database, and polling its result.

import assert from 'node:assert/strict';
import { withDefaults, type Config } from '../../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';

export async function startWithInputs(inputs: Partial<Config>): Promise<TestServer> {
  const config = withDefaults({ influxdb: [], ...inputs });
  config.stats.enabled = false;
  return startTestServer({ config: () => config });
}

/** Creates an enabled stream task: every point of db.rp (optionally one measurement) to httpOut('out'). */
export async function outTask(server: TestServer, id: string, db: string, rp: string, measurement?: string, groupByAll = false): Promise<void> {
  let from = measurement === undefined ? 'stream\n    |from()' : `stream\n    |from()\n        .measurement('${measurement}')`;
  if (groupByAll) from += '\n        .groupBy(*)';
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id, type: 'stream', dbrps: [{ db, rp }], status: 'enabled', script: `${from}\n    |httpOut('out')\n` },
  });
  assert.equal(created.status, 200, created.text);
}

export interface Series {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

/** Polls the task's httpOut until done accepts its series. */
export async function outSeries(server: TestServer, id: string, done: (series: Series[]) => boolean = (s) => s.length > 0): Promise<Series[]> {
  const result = await poll(
    async () => (await request(server.url, 'GET', `/kapacitor/v1/tasks/${id}/out`)).json,
    (json) => Array.isArray(json?.series) && done(json.series as Series[]),
    5000,
  );
  return result.series as Series[];
}

/** One series' row as an object (column → value). */
export function row(series: Series, index = 0): Record<string, unknown> {
  return Object.fromEntries(series.columns.map((column, i) => [column, series.values[index]![i]]));
}
