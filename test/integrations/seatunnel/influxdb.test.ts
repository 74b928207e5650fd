// InfluxDB source and sink against a real influxd: rows written as points (key_time,
// key_tags, typed fields) and read back by InfluxQL, split reads over a column's range.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startInfluxd, influxdSkipReason, type Influxd } from '../../support/influxd.js';
import { runToJsonFile, startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let influx: Influxd | undefined;
let dir: string;

before(async () => {
  server = await startJobsServer();
  influx = await startInfluxd();
  dir = mkdtempSync(join(tmpdir(), 'influx-conn-'));
  if (influx) await influx.query('CREATE DATABASE jobs');
});

after(async () => {
  await server.close();
  await influx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the InfluxDB sink writes rows as points and the source reads them back', { skip: influxdSkipReason }, async () => {
  const rows = [
    ['web1', 1.5, 10, 'ok', 1_700_000_000_000],
    ['web2', 2.5, 20, 'hot', 1_700_000_001_000],
    ['web1', 3.5, 30, 'ok', 1_700_000_002_000],
  ];
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [
      {
        plugin_name: 'FakeSource',
        rows: rows.map((fields) => ({ kind: 'INSERT', fields })),
        schema: { fields: { host: 'string', load: 'double', n: 'bigint', state: 'string', ts: 'bigint' } },
      },
    ],
    sink: [{ plugin_name: 'InfluxDB', url: influx!.url, database: 'jobs', measurement: 'cpu', key_time: 'ts', key_tags: ['host'], batch_size: 2 }],
  });
  const info = await waitForStatus(server.jobsUrl, jobId, ['FINISHED', 'FAILED']);
  assert.equal(info.jobStatus, 'FINISHED', info.errorMsg);
  const stored = await influx!.query('SELECT * FROM cpu', 'jobs');
  assert.deepEqual(stored.results[0].series[0].values, [
    ['2023-11-14T22:13:20Z', 'web1', 1.5, 10, 'ok'],
    ['2023-11-14T22:13:21Z', 'web2', 2.5, 20, 'hot'],
    ['2023-11-14T22:13:22Z', 'web1', 3.5, 30, 'ok'],
  ]);

  const read = await runToJsonFile(server.jobsUrl, join(dir, 'read'), {
    source: [
      {
        plugin_name: 'InfluxDB',
        url: influx!.url,
        database: 'jobs',
        sql: 'SELECT * FROM cpu',
        epoch: 'ms',
        schema: { fields: { time: 'bigint', host: 'string', load: 'double', n: 'int' } },
      },
    ],
  });
  assert.deepEqual(read, [
    { time: 1_700_000_000_000, host: 'web1', load: 1.5, n: 10 },
    { time: 1_700_000_001_000, host: 'web2', load: 2.5, n: 20 },
    { time: 1_700_000_002_000, host: 'web1', load: 3.5, n: 30 },
  ]);

  const split = await runToJsonFile(server.jobsUrl, join(dir, 'split'), {
    source: [
      {
        plugin_name: 'InfluxDB',
        url: influx!.url,
        database: 'jobs',
        sql: 'SELECT n, host FROM cpu',
        split_column: 'n',
        partition_num: 2,
        lower_bound: 0,
        upper_bound: 39,
        schema: { fields: { n: 'int', host: 'string' } },
      },
    ],
  });
  assert.deepEqual(
    split.map((r) => r.n),
    [10, 20, 30],
  );
});

test("a bad InfluxQL query fails the job with InfluxDB's error", { skip: influxdSkipReason }, async () => {
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [{ plugin_name: 'InfluxDB', url: influx!.url, database: 'jobs', sql: 'SELEC nope', schema: { fields: { n: 'int' } } }],
    sink: [{ plugin_name: 'Console' }],
  });
  const info = await waitForStatus(server.jobsUrl, jobId, ['FAILED', 'FINISHED']);
  assert.equal(info.jobStatus, 'FAILED');
  assert.match(info.errorMsg, /Query InfluxDB failed.*SELEC nope/);
});
