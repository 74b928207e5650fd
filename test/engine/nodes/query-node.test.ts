// The batch source nodes without InfluxDB: a query node's tick runs the rewritten query
// against its cluster's client and emits one batch per series (tmax rules, group ids,
// counters), failed queries are counted, replays feed batches through collect().

import type { InfluxDBPort } from '../../../src/engine/ports.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { ExecutingTask } from '../../../src/engine/executing-task.js';
import { BatchNode } from '../../../src/engine/nodes/batch-node.js';
import type { QueryNode } from '../../../src/engine/nodes/query-node.js';
import { buildPipeline } from '../../../src/pipeline/build.js';
import { parse } from '../../../src/tick/parser.js';
import type { InfluxResult } from '../../../src/influxql/client.js';

const silent = pino({ level: 'silent' });
const S = 1_000_000_000n;

function fakeInflux(answer: (query: string) => InfluxResult[]) {
  const queries: string[] = [];
  const clusters: string[] = [];
  return {
    queries,
    clusters,
    hasClusters: () => true,
    client: (name = '') => {
      clusters.push(name);
      return {
        query: async (q: string) => {
          queries.push(q);
          return answer(q);
        },
      };
    },
  };
}

function start(script: string, influx: unknown): { task: ExecutingTask; query: QueryNode } {
  const pipeline = buildPipeline(parse(script), { taskType: 'batch' });
  const task = new ExecutingTask('t', pipeline, [{ db: 'db', rp: 'rp' }], silent, { influxdb: influx as InfluxDBPort, batchScheduling: false });
  task.open();
  const source = task.nodes[0];
  assert.ok(source instanceof BatchNode);
  return { task, query: source.queryNodes()[0]! };
}

const script = (extra = '') =>
  `batch\n    |query('SELECT max(v) FROM "db"."rp"."m"')\n        .period(10s)\n        .every(10s)${extra}\n    |httpOut('out')\n`;

test('a tick queries its window and emits one batch per series', async () => {
  const influx = fakeInflux(() => [
    {
      series: [
        { name: 'm', tags: { host: 'a' }, columns: ['time', 'max'], values: [['1970-01-01T00:00:12Z', 3]] },
        { name: 'm', tags: { host: 'b' }, columns: ['time', 'max'], values: [['1970-01-01T00:00:14Z', 5]] },
      ],
    },
  ]);
  const { task, query } = start(script(".groupBy('host')\n        .cluster('other')"), influx);
  await query.runTick(20n * S);
  assert.deepEqual(influx.queries, [`SELECT max(v) FROM "db"."rp"."m" WHERE time >= '1970-01-01T00:00:10Z' AND time < '1970-01-01T00:00:20Z' GROUP BY "host"`]);
  assert.deepEqual(influx.clusters, ['other']);
  const result = task.httpOut('out')!.result() as { series: Array<{ tags: Record<string, string>; values: unknown[][] }> };
  assert.deepEqual(
    result.series.map((s) => [s.tags, s.values]),
    [
      [{ host: 'a' }, [['1970-01-01T00:00:12Z', 3]]],
      [{ host: 'b' }, [['1970-01-01T00:00:14Z', 5]]],
    ],
  );
  assert.equal(query.counters.batches_queried, 2);
  assert.equal(query.counters.points_queried, 2);
  task.close();
});

test('a failing query is counted and the task goes on', async () => {
  const influx = fakeInflux(() => {
    throw new Error('connection refused');
  });
  const { task, query } = start(script(), influx);
  await query.runTick(20n * S);
  await query.runTick(30n * S);
  assert.equal(query.counters.query_errors, 2);
  assert.equal(query.errors, 2);
  task.close();
});

test('collect() feeds recorded batches with their group (replays)', () => {
  const { task, query } = start(
    script(".groupBy('host')"),
    fakeInflux(() => []),
  );
  query.collect({ name: 'm', tmax: 10n * S, tags: { host: 'a' }, byName: false, points: [{ time: 5n * S, fields: { max: 1 }, tags: { host: 'a' } }] });
  const result = task.httpOut('out')!.result() as { series: Array<{ tags: Record<string, string>; values: unknown[][] }> };
  assert.deepEqual(result.series[0]!.tags, { host: 'a' });
  assert.equal(query.counters.batches_queried, 1);
  task.close();
});

test('a query node refuses a schedule Kapacitor refuses', () => {
  assert.throws(
    () =>
      start(
        `batch\n    |query('SELECT v FROM "db"."rp"."m"')\n        .period(10s)\n`,
        fakeInflux(() => []),
      ),
    /must define one of 'every' or 'cron'/,
  );
});
