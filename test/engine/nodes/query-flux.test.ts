// The TICKscript queryFlux() batch node against a real influxd: the script runs on its
// schedule with now() = tick - offset, each Flux table becomes a batch (_measurement as name,
// group key columns as tags, the other columns as fields) that reaches httpOut; the task's
// TICKscript and DOT show the node; bad Flux or schedules are refused; a tick runs with
// now() = tick - offset against the node's cluster.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { format } from '../../../src/tick/formatter.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import pino from 'pino';
import { QueryFluxNode, tableToBatch } from '../../../src/engine/nodes/query-flux-node.js';
import { ExecutingTask } from '../../../src/engine/executing-task.js';
import type { BatchNode } from '../../../src/engine/nodes/batch-node.js';
import type { InfluxDBPort } from '../../../src/engine/ports.js';
import { buildPipeline } from '../../../src/pipeline/build.js';
import { parse as parseTick } from '../../../src/tick/parser.js';
import { FluxTime, FluxUint } from '../../../src/flux-runtime/values.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../../support/influxd.js';

let server: TestServer | undefined;
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
  if (influxd === undefined) return;
  server = await startTestServer({
    hostname: '127.0.0.1',
    influxdb: [{ ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd.url], disableSubscriptions: true }],
  });
});
after(async () => {
  await server?.close();
  await influxd?.stop();
});

test('a Flux table becomes a batch: _measurement names it, key columns are tags, others fields', () => {
  const t = (s: number) => new FluxTime(BigInt(s) * 1_000_000_000n);
  const keyValues = { _start: t(0), _stop: t(100), _measurement: 'cpu', _field: 'usage', host: 'a' };
  const batch = tableToBatch({
    key: ['_start', '_stop', '_measurement', '_field', 'host'],
    keyValues,
    rows: [
      { ...keyValues, _time: t(10), _value: 1.5, n: 3n, u: new FluxUint(7n), ok: true },
      { ...keyValues, _time: t(20), _value: null },
      { ...keyValues, _time: t(30), _value: 2.5 },
    ],
  });
  assert.deepEqual(batch, {
    name: 'cpu',
    byName: false,
    tmax: 30_000_000_000n,
    tags: { _field: 'usage', host: 'a' },
    points: [
      { time: 10_000_000_000n, tags: { _field: 'usage', host: 'a' }, fields: { _value: 1.5, n: 3n, u: 7n, ok: true } },
      { time: 30_000_000_000n, tags: { _field: 'usage', host: 'a' }, fields: { _value: 2.5 } },
    ],
  });
  assert.equal(tableToBatch({ key: [], keyValues: {}, rows: [] }), undefined);
});

test('the TICKscript formatter writes queryFlux with its Flux as a triple-quoted string', () => {
  const script =
    "batch\n    |queryFlux('''from(bucket: \"db\") |> range(start: -1m)''')\n        .every(10s)\n        .period(1m)\n        .offset(5s)\n        .align()\n        .cluster('other')\n    |httpOut('out')\n";
  assert.equal(format(parseTick(script)), script);
});

test('queryFlux runs on its schedule against InfluxDB and its batches reach httpOut', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE fluxq');
  const now = Date.now();
  await influxd!.write('fluxq', [`cpu,host=a usage=1 ${now - 3000}`, `cpu,host=a usage=3 ${now - 2000}`, `cpu,host=b usage=10 ${now - 2500}`], 'ms');
  const script = `batch
    |queryFlux('''
        from(bucket: "fluxq/autogen")
            |> range(start: -1h)
            |> filter(fn: (r) => r._measurement == "cpu")
            |> group(columns: ["_measurement", "host"])
            |> keep(columns: ["_time", "_value", "_measurement", "host"])
    ''')
        .every(1s)
        .period(1h)
    |httpOut('out')
`;
  const created = await request(server!.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'qflux', type: 'batch', dbrps: [{ db: 'fluxq', rp: 'autogen' }], status: 'enabled', script },
  });
  assert.equal(created.status, 200, created.text);
  const out = await poll(
    () => request(server!.url, 'GET', '/kapacitor/v1/tasks/qflux/out'),
    (r) => r.status === 200 && (r.json?.series?.length ?? 0) > 0,
    20_000,
  );
  const series = out.json.series as Array<{ name: string; tags: Record<string, string>; columns: string[]; values: unknown[][] }>;
  assert.equal(series[0]!.name, 'cpu');
  assert.deepEqual(series[0]!.columns, ['time', '_value']);
  const byHost = Object.fromEntries(series.map((s) => [s.tags.host, s.values.map((v) => v[1])]));
  assert.deepEqual(byHost, { a: [1, 3], b: [10] });
  assert.deepEqual(
    series.map((s) => Object.keys(s.tags)),
    [['host'], ['host']],
  );
  const task = await request(server!.url, 'GET', '/kapacitor/v1/tasks/qflux');
  assert.match(task.json.dot, /batch0 -> queryFlux1 \[processed="0"\];/);
  assert.match(task.json.dot, /queryFlux1 \[avg_exec_time_ns="[^"]+" batches_queried="[1-9]\d*" errors="0" points_queried="[1-9]\d*" query_errors="0"/);
  assert.match(task.json.dot, /queryFlux1 -> http_out2 \[processed="[1-9]\d*"\];/);
  assert.equal(task.json.error, '');
  await request(server!.url, 'DELETE', '/kapacitor/v1/tasks/qflux');
});

test('bad Flux is refused at define time; an unsupported function stops the task from starting', { skip: influxdSkipReason }, async () => {
  const bad = await request(server!.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'qflux-bad',
      type: 'batch',
      dbrps: [{ db: 'fluxq', rp: 'autogen' }],
      script: "batch\n    |queryFlux('''from(bucket: \"x\") |> ''')\n        .every(1s)\n    |httpOut('out')\n",
    },
  });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /invalid Flux query: error @1:/);
  const unsupported = await request(server!.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'qflux-unsupported',
      type: 'batch',
      dbrps: [{ db: 'fluxq', rp: 'autogen' }],
      status: 'enabled',
      script: "batch\n    |queryFlux('''from(bucket: \"x\") |> range(start: -1m) |> movingAvg(n: 2)''')\n        .every(1s)\n    |httpOut('out')\n",
    },
  });
  assert.equal(unsupported.status, 400, unsupported.text);
  assert.match(unsupported.json.error, /unsupported or undefined function "movingAvg"/);
  const noSchedule = await request(server!.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'qflux-nosched',
      type: 'batch',
      dbrps: [{ db: 'fluxq', rp: 'autogen' }],
      status: 'enabled',
      script: "batch\n    |queryFlux('''from(bucket: \"x\") |> range(start: -1m)''')\n    |httpOut('out')\n",
    },
  });
  assert.equal(noSchedule.status, 400, noSchedule.text);
  assert.match(noSchedule.json.error, /must define one of 'every' or 'cron'/);
});

test("a tick runs the Flux with now() = tick - offset against the node's cluster", async () => {
  const queries: string[] = [];
  const clusters: string[] = [];
  const influx = {
    hasClusters: () => true,
    client: (name = '') => {
      clusters.push(name);
      return {
        query: async (q: string) => {
          queries.push(q);
          return [
            { series: [{ name: 'm', columns: ['fieldKey', 'fieldType'], values: [['v', 'float']] }] },
            { series: [{ name: 'm', tags: { host: 'a' }, columns: ['time', 'v'], values: [['1970-01-01T00:00:12Z', 3]] }] },
          ];
        },
      };
    },
  };
  const pipeline = buildPipeline(
    parseTick(
      "batch\n    |queryFlux('''from(bucket: \"db/rp\") |> range(start: -10s)''')\n        .every(10s)\n        .offset(5s)\n        .cluster('other')\n    |httpOut('out')\n",
    ),
    { taskType: 'batch' },
  );
  const task = new ExecutingTask('t', pipeline, [{ db: 'db', rp: 'rp' }], pino({ level: 'silent' }), {
    influxdb: influx as unknown as InfluxDBPort,
    batchScheduling: false,
  });
  task.open();
  const node = (task.nodes[0] as BatchNode).children[0] as QueryFluxNode;
  assert.ok(node instanceof QueryFluxNode);
  await node.runTick(25_000_000_000n);
  assert.deepEqual(clusters, ['other']);
  assert.match(queries[0]!, /WHERE time >= '1970-01-01T00:00:10Z' AND time < '1970-01-01T00:00:20Z' GROUP BY \*$/);
  const result = task.httpOut('out')!.result() as { series: Array<{ name: string; tags: Record<string, string>; columns: string[]; values: unknown[][] }> };
  assert.deepEqual(result.series, [{ name: 'm', tags: { _field: 'v', host: 'a' }, columns: ['time', '_value'], values: [['1970-01-01T00:00:12Z', 3]] }]);
  assert.equal(node.counters.batches_queried, 1);
  task.close();
});
