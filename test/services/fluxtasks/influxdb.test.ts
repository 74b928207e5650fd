// Flux tasks against a real influxd: aggregateWindow(every: 1m, fn: mean|sum|count|max) and
// derivative write, through to(), exactly the values InfluxQL returns for the same data
// (GROUP BY time(1m) labels a window by its start, Flux by its stop); pushdown reads one
// query; a failing run succeeds on retry once its cause is fixed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/defaults.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../../support/influxd.js';

const API = '/kapacitor/v1/api/v2/tasks';
const BASE = Date.parse('2021-01-01T00:00:00Z');
const START = '2021-01-01T00:00:00Z';
const STOP = '2021-01-01T00:10:00Z';
let server: TestServer;
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
  if (influxd === undefined) return;
  await influxd.query('CREATE DATABASE fluxsrc');
  const lines: string[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 86; i++) {
    const ns = BigInt(BASE + i * 7000) * 1_000_000n;
    for (const host of ['a', 'b']) lines.push(`cpu,host=${host} usage=${(random() * 100).toPrecision(17)},load=${i * (host === 'a' ? 3 : 5)}i ${ns}`);
    lines.push(`mem,host=a used=${i} ${ns}`);
  }
  await influxd.write('fluxsrc', lines);
  server = await startTestServer({ influxdb: [{ ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd.url], disableSubscriptions: true }] });
});

after(async () => {
  await server?.close();
  await influxd?.stop();
});

/** Creates an inactive task and runs it once; resolves with the finished run. */
async function runOnce(name: string, body: string): Promise<any> {
  const imports = body
    .split('\n')
    .filter((line) => line.startsWith('import '))
    .join('\n');
  const rest = body
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n');
  const flux = `${imports}\noption task = {name: "${name}", every: 1h}\n${rest}`;
  const created = await request(server.url, 'POST', API, { json: { flux, status: 'inactive' } });
  assert.equal(created.status, 201, created.text);
  const forced = await request(server.url, 'POST', `${API}/${created.json.id}/runs`);
  assert.equal(forced.status, 201, forced.text);
  return poll(
    async () => (await request(server.url, 'GET', `${API}/${created.json.id}/runs/${forced.json.id}`)).json,
    (run: any) => run.status === 'success' || run.status === 'failed',
    15_000,
  );
}

async function series(q: string, db: string): Promise<Array<[number, number]>> {
  const answer = await influxd!.query(q, db);
  assert.equal(answer.results[0].error, undefined, JSON.stringify(answer));
  return (answer.results[0].series?.[0]?.values ?? []).map((row: [string, number]) => [Date.parse(row[0]), row[1]]);
}

for (const fn of ['mean', 'sum', 'count', 'max'] as const) {
  for (const field of ['usage', 'load']) {
    test(`aggregateWindow(every: 1m, fn: ${fn}) on ${field} writes what InfluxQL GROUP BY time(1m) returns`, { skip: influxdSkipReason }, async () => {
      const out = `out_${fn}_${field}`;
      await influxd!.query(`CREATE DATABASE ${out}`);
      const run = await runOnce(
        `agg-${fn}-${field}`,
        `from(bucket: "fluxsrc/autogen")
    |> range(start: ${START}, stop: ${STOP})
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "${field}")
    |> aggregateWindow(every: 1m, fn: ${fn}, createEmpty: false)
    |> to(bucket: "${out}/autogen")
`,
      );
      assert.equal(run.status, 'success', JSON.stringify(run.log));
      assert.ok(
        run.log.some((l: any) => l.message === 'wrote 20 points'),
        JSON.stringify(run.log),
      );
      for (const host of ['a', 'b']) {
        const expected = await series(
          `SELECT ${fn}("${field}") FROM cpu WHERE host = '${host}' AND time >= '${START}' AND time < '${STOP}' GROUP BY time(1m)`,
          'fluxsrc',
        );
        const written = await series(`SELECT "${field}" FROM cpu WHERE host = '${host}'`, out);
        assert.equal(expected.length, 10);
        assert.deepEqual(
          written.map(([t, v]) => [t - 60_000, v]),
          expected,
        );
      }
    });
  }
}

test('derivative(unit: 1s) writes what InfluxQL derivative(field, 1s) returns', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE out_derivative');
  const run = await runOnce(
    'derivative',
    `from(bucket: "fluxsrc/autogen")
    |> range(start: ${START}, stop: ${STOP})
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage" and r.host == "a")
    |> derivative(unit: 1s)
    |> to(bucket: "out_derivative/autogen")
`,
  );
  assert.equal(run.status, 'success', JSON.stringify(run.log));
  const expected = await series(`SELECT derivative(usage, 1s) FROM cpu WHERE host = 'a' AND time >= '${START}' AND time < '${STOP}'`, 'fluxsrc');
  const written = await series("SELECT usage FROM cpu WHERE host = 'a'", 'out_derivative');
  assert.equal(expected.length, 85);
  assert.deepEqual(written, expected);
});

test('strings, map and to() with fieldFn; a second measurement is read only when asked for', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE out_map');
  const run = await runOnce(
    'map',
    `import "strings"
from(bucket: "fluxsrc")
    |> range(start: ${START}, stop: 2021-01-01T00:00:30Z)
    |> filter(fn: (r) => r._measurement == "mem")
    |> map(fn: (r) => ({r with _measurement: "mem2", label: strings.toUpper(v: r.host)}))
    |> to(bucket: "out_map", fieldFn: (r) => ({used: r._value, label: r.label}))
`,
  );
  assert.equal(run.status, 'success', JSON.stringify(run.log));
  const answer = await influxd!.query('SELECT used, label FROM mem2', 'out_map');
  assert.deepEqual(answer.results[0].series[0].values, [
    ['2021-01-01T00:00:00Z', 0, 'A'],
    ['2021-01-01T00:00:07Z', 1, 'A'],
    ['2021-01-01T00:00:14Z', 2, 'A'],
    ['2021-01-01T00:00:21Z', 3, 'A'],
    ['2021-01-01T00:00:28Z', 4, 'A'],
  ]);
});

test('a failing run is retried successfully once its cause is fixed', { skip: influxdSkipReason }, async () => {
  const body = `from(bucket: "laterdb/autogen")
    |> range(start: ${START}, stop: ${STOP})
    |> filter(fn: (r) => r._measurement == "x")
    |> count()
    |> duplicate(column: "_stop", as: "_time")
    |> map(fn: (r) => ({r with _measurement: "x_count"}))
    |> to(bucket: "laterdb/autogen")
`;
  const failed = await runOnce('retry-after-fix', body);
  assert.equal(failed.status, 'failed');
  assert.ok(
    failed.log.some((l: any) => /error calling function "from": database not found: laterdb/.test(l.message)),
    JSON.stringify(failed.log),
  );

  await influxd!.query('CREATE DATABASE laterdb');
  await influxd!.write('laterdb', [`x v=1 ${BigInt(BASE) * 1_000_000n}`, `x v=2 ${BigInt(BASE + 1000) * 1_000_000n}`]);
  const retried = await request(server.url, 'POST', `${API}/${failed.taskID}/runs/${failed.id}/retry`);
  assert.equal(retried.status, 200, retried.text);
  const done = await poll(
    async () => (await request(server.url, 'GET', `${API}/${failed.taskID}/runs/${retried.json.id}`)).json,
    (run: any) => run.status === 'success' || run.status === 'failed',
    15_000,
  );
  assert.equal(done.status, 'success', JSON.stringify(done.log));
  assert.equal(done.scheduledFor, failed.scheduledFor);
  const counted = await influxd!.query('SELECT v FROM x_count', 'laterdb');
  assert.deepEqual(counted.results[0].series[0].values, [['2021-01-01T00:10:00Z', 2]]);
  const task = (await request(server.url, 'GET', `${API}/${failed.taskID}`)).json;
  assert.equal(task.lastRunStatus, 'success');
});
