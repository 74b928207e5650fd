// The Kapacitor sink and source against a real server: job rows become points on the write
// path (a TICKscript task's httpOut shows them), and a streaming job subscribed to the
// server's stream receives the points written to /write.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { poll, request } from '../../support/test-server.js';
import { startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let dir: string;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-conn-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the Kapacitor sink writes rows as points a stream task sees', async () => {
  const script = "stream\n    |from()\n        .measurement('temps')\n    |window()\n        .period(1h)\n        .every(1h)\n    |httpOut('all')\n";
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'temps', type: 'stream', dbrps: [{ db: 'sensors', rp: 'autogen' }], script, status: 'enabled' },
  });
  assert.equal(created.status, 200, created.text);
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [
      {
        plugin_name: 'FakeSource',
        rows: [
          { kind: 'INSERT', fields: ['r1', 20.5, 3, '2024-01-01T00:00:00Z'] },
          { kind: 'INSERT', fields: ['r2', 21.5, 4, '2024-01-01T00:00:10Z'] },
          { kind: 'INSERT', fields: ['r1', 22.5, 5, '2024-01-01T01:00:00Z'] },
        ],
        schema: { fields: { room: 'string', temp: 'double', n: 'int', at: 'timestamp' } },
      },
    ],
    sink: [{ plugin_name: 'Kapacitor', database: 'sensors', measurement: 'temps', key_time: 'at', key_tags: ['room'] }],
  });
  await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  const out = await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/tasks/temps/all'),
    (r) => r.json?.series !== undefined,
    5000,
  );
  assert.deepEqual(out.json.series, [
    {
      name: 'temps',
      columns: ['time', 'n', 'room', 'temp'],
      values: [
        ['2024-01-01T00:00:00Z', 3, 'r1', 20.5],
        ['2024-01-01T00:00:10Z', 4, 'r2', 21.5],
      ],
    },
  ]);
});

test('the Kapacitor source receives the points written to this server while it runs', async () => {
  const out = join(dir, 'from-stream');
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'STREAMING' },
    source: [{ plugin_name: 'Kapacitor', database: 'telegraf', measurement: 'cpu', schema: { fields: { time: 'bigint', host: 'string', usage: 'double' } } }],
    sink: [{ plugin_name: 'LocalFile', path: out, file_format_type: 'json' }],
  });
  await waitForStatus(server.jobsUrl, jobId, ['RUNNING']);
  const write = await request(server.url, 'POST', '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s', {
    body: 'cpu,host=a usage=1.5 100\nmem,host=a used=3 100\ncpu,host=b usage=2.5 101\n',
  });
  assert.equal(write.status, 204);
  const other = await request(server.url, 'POST', '/kapacitor/v1/write?db=other&rp=autogen&precision=s', { body: 'cpu,host=z usage=9 102\n' });
  assert.equal(other.status, 204);
  await poll(
    async () => Number((await request(server.jobsUrl, 'GET', `/job-info/${jobId}`)).json.metrics.sinkWriteCount),
    (count) => count >= 2,
    5000,
  );
  await request(server.jobsUrl, 'POST', '/stop-job', { json: { jobId } });
  await waitForStatus(server.jobsUrl, jobId, ['CANCELED']);
  const lines = readdirSync(out)
    .flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines, [
    { time: 100_000, host: 'a', usage: 1.5 },
    { time: 101_000, host: 'b', usage: 2.5 },
  ]);
});

test('the Kapacitor source refuses BATCH mode at submit', async () => {
  const reply = await request(server.jobsUrl, 'POST', '/submit-job', {
    json: {
      env: { 'job.mode': 'BATCH' },
      source: [{ plugin_name: 'Kapacitor', database: 'x', schema: { fields: { a: 'int' } } }],
      sink: [{ plugin_name: 'Console' }],
    },
  });
  assert.equal(reply.status, 400);
  assert.match(reply.json.message, /STREAMING job.mode only/);
});
