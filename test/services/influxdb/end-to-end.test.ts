// The server with a real influxd: subscriptions (a write to InfluxDB reaches a stream task
// here), a scheduled batch task querying InfluxDB, and influxDBOut writing results back
// (with create(), extra tags, precision); counters in the task's node stats.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { defaultConfig } from '../../../src/config/defaults.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../../support/influxd.js';

let server: TestServer;
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
  if (influxd === undefined) return;
  await influxd.query('CREATE DATABASE subdb');
  server = await startTestServer({
    hostname: '127.0.0.1',
    influxdb: [{ ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd.url], subscriptionsSyncInterval: 500 }],
  });
});
after(async () => {
  await server?.close();
  await influxd?.stop();
});

test('subscriptions: a write to InfluxDB reaches a stream task here', { skip: influxdSkipReason }, async () => {
  await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/debug/vars'),
    (r) => r.json?.num_subscriptions >= 1,
    10_000,
  );
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  assert.ok(vars.kapacitor['influxdb:cluster=default'].values.num_subscriptions >= 1);
  const subs = await influxd!.query('SHOW SUBSCRIPTIONS');
  const series = subs.results[0].series.find((s: { name: string }) => s.name === 'subdb');
  assert.deepEqual(series.values[0].slice(2), ['ANY', [server.url]]);

  const task = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'sub-task',
      type: 'stream',
      dbrps: [{ db: 'subdb', rp: 'autogen' }],
      status: 'enabled',
      script: "stream\n    |from()\n        .measurement('subm')\n    |httpOut('out')\n",
    },
  });
  assert.equal(task.status, 200, task.text);
  await influxd!.write('subdb', ['subm,host=a value=42 1000000000']);
  const out = await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/tasks/sub-task/out'),
    (r) => r.status === 200 && (r.json?.series?.length ?? 0) > 0,
    10_000,
  );
  assert.deepEqual(out.json.series[0].values, [['1970-01-01T00:00:01Z', 42]]);

  // a database created later is subscribed at the next sync
  await influxd!.query('CREATE DATABASE laterdb');
  await poll(
    () => influxd!.query('SHOW SUBSCRIPTIONS'),
    (json) => json.results[0].series.some((s: { name: string }) => s.name === 'laterdb'),
    10_000,
  );
  // or at once through POST /kapacitor/v1/subscriptions
  await influxd!.query('CREATE DATABASE nowdb');
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/subscriptions')).status, 204);
  const now = await influxd!.query('SHOW SUBSCRIPTIONS');
  assert.ok(now.results[0].series.some((s: { name: string }) => s.name === 'nowdb'));
});

test('a scheduled batch task queries InfluxDB and influxDBOut writes the batches back', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE batchdb');
  const now = Date.now();
  await influxd!.write('batchdb', [`bq,host=a value=1 ${now - 3000}`, `bq,host=b value=2 ${now - 2000}`], 'ms');
  const task = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'batch-live',
      type: 'batch',
      dbrps: [{ db: 'batchdb', rp: 'autogen' }],
      status: 'enabled',
      script: `batch\n    |query('SELECT value FROM "batchdb"."autogen"."bq"')\n        .period(1h)\n        .every(1s)\n        .groupBy('host')\n    |influxDBOut()\n        .create()\n        .database('copydb')\n        .measurement('bq_copy')\n        .tag('via', 'kapacitor')\n        .precision('ms')\n        .flushInterval(100ms)\n`,
    },
  });
  assert.equal(task.status, 200, task.text);
  const copied = await poll(
    () => influxd!.query('SELECT * FROM bq_copy', 'copydb'),
    (json) => (json.results?.[0]?.series?.[0]?.values?.length ?? 0) >= 2,
    10_000,
  );
  const rows = copied.results[0].series[0];
  assert.deepEqual(rows.columns, ['time', 'host', 'value', 'via']);
  assert.deepEqual(
    rows.values.slice(0, 2).map((r: unknown[]) => [r[1], r[2], r[3]]),
    [
      ['a', 1, 'kapacitor'],
      ['b', 2, 'kapacitor'],
    ],
  );
  const stats = (await request(server.url, 'GET', '/kapacitor/v1/tasks/batch-live')).json.stats['node-stats'];
  const query = Object.entries(stats).find(([name]) => name.startsWith('query'))![1] as Record<string, number>;
  assert.ok(query.batches_queried! >= 2);
  await request(server.url, 'DELETE', '/kapacitor/v1/tasks/batch-live');
});

test('influxDBOut from a stream task; a write error is counted, never blocks', { skip: influxdSkipReason }, async () => {
  await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'out-stream',
      type: 'stream',
      dbrps: [{ db: 'in', rp: 'autogen' }],
      status: 'enabled',
      script:
        "stream\n    |from()\n        .measurement('om')\n    |influxDBOut()\n        .create()\n        .database('streamout')\n        .retentionPolicy('keep')\n        .buffer(2)\n",
    },
  });
  await request(server.url, 'POST', '/write?db=in&rp=autogen', { body: 'om,k=v f=1.5,i=3i,s="x" 1500000000123\nom,k=v f=2.5,i=4i,s="y" 1500000001123\n' });
  const json = await poll(
    () => influxd!.query('SELECT * FROM "streamout"."keep"."om"'),
    (j) => (j.results?.[0]?.series?.[0]?.values?.length ?? 0) === 2,
    10_000,
  );
  assert.deepEqual(json.results[0].series[0].values[0], ['1970-01-01T00:25:00.000000123Z', 1.5, 3, 'v', 'x']);

  await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id: 'out-bad',
      type: 'stream',
      dbrps: [{ db: 'in', rp: 'autogen' }],
      status: 'enabled',
      script: "stream\n    |from()\n        .measurement('bad')\n    |influxDBOut()\n        .database('does_not_exist')\n        .buffer(1)\n",
    },
  });
  const write = await request(server.url, 'POST', '/write?db=in&rp=autogen', { body: 'bad v=1\n' });
  assert.equal(write.status, 204);
  const stats = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/out-bad')).json.stats['node-stats'],
    (s) => Object.entries(s).some(([name, v]) => name.startsWith('influxdb_out') && (v as Record<string, number>).write_errors === 1),
    10_000,
  );
  assert.ok(stats);
});

test('udp subscriptions: InfluxDB sends writes to a UDP listener of this server', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE udpdb');
  const udpSettings = {
    hostname: '127.0.0.1',
    influxdb: [
      {
        ...defaultConfig('/tmp').influxdb[0]!,
        urls: [influxd!.url],
        subscriptionProtocol: 'udp',
        udpBind: '127.0.0.1',
        subscriptionMode: 'server' as const,
        subscriptions: { udpdb: ['autogen'] },
        subscriptionsSyncInterval: 0,
      },
    ],
  };
  let udpServer = await startTestServer(udpSettings);
  const dataDir = udpServer.dataDir;
  try {
    await poll(
      () => influxd!.query('SHOW SUBSCRIPTIONS'),
      (json) =>
        (json.results[0].series ?? []).some(
          (s: { name: string; values: unknown[][] }) =>
            s.name === 'udpdb' && s.values.some((v) => String((v[3] as string[])[0]).startsWith('udp://127.0.0.1:')),
        ),
      10_000,
    );
    await request(udpServer.url, 'POST', '/kapacitor/v1/tasks', {
      json: {
        id: 'udp-task',
        type: 'stream',
        dbrps: [{ db: 'udpdb', rp: 'autogen' }],
        status: 'enabled',
        script: "stream\n    |from()\n        .measurement('um')\n    |httpOut('out')\n",
      },
    });
    await influxd!.write('udpdb', ['um value=7 2000000000']);
    const out = await poll(
      () => request(udpServer.url, 'GET', '/kapacitor/v1/tasks/udp-task/out'),
      (r) => (r.json?.series?.length ?? 0) > 0,
      10_000,
    );
    assert.deepEqual(out.json.series[0].values, [['1970-01-01T00:00:02Z', 7]]);

    // After a restart the existing subscription's port is listened on again.
    await udpServer.server.close();
    udpServer = await startTestServer({ ...udpSettings, dataDir });
    await poll(
      () => request(udpServer.url, 'GET', '/kapacitor/v1/tasks/udp-task'),
      (r) => r.json?.executing === true,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await influxd!.write('udpdb', ['um value=8 3000000000']);
    const again = await poll(
      () => request(udpServer.url, 'GET', '/kapacitor/v1/tasks/udp-task/out'),
      (r) => (r.json?.series?.length ?? 0) > 0,
      10_000,
    );
    assert.deepEqual(again.json.series[0].values, [['1970-01-01T00:00:03Z', 8]]);
  } finally {
    await udpServer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
