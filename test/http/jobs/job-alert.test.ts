// End to end: a CSV file read by a job, transformed by Sql and written through the Kapacitor
// sink into this server's stream, where a TICKscript task raises an alert on it.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { poll, request } from '../../support/test-server.js';
import { startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let dir: string;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'job-alert-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a CSV -> Sql -> Kapacitor job raises an alert in a TICKscript task', async () => {
  const script = `stream
    |from()
        .measurement('rooms')
        .groupBy('room')
    |alert()
        .id('room/{{ index .Tags "room" }}')
        .message('{{ .ID }} is {{ .Level }} at {{ index .Fields "celsius" }}')
        .warn(lambda: "celsius" > 25.0)
        .crit(lambda: "celsius" > 30.0)
        .topic('rooms')
`;
  const task = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'room-alerts', type: 'stream', dbrps: [{ db: 'building', rp: 'autogen' }], script, status: 'enabled' },
  });
  assert.equal(task.status, 200, task.text);

  const csv = join(dir, 'readings.csv');
  writeFileSync(
    csv,
    'room,fahrenheit,taken\nkitchen,70,2024-01-01T00:00:00Z\nlab,95,2024-01-01T00:00:00Z\nlab,100,2024-01-01T00:01:00Z\nhall,80,2024-01-01T00:01:00Z\n',
  );
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH', 'job.name': 'csv-to-alerts' },
    source: [
      {
        plugin_name: 'LocalFile',
        path: csv,
        file_format_type: 'csv',
        skip_header_row_number: 1,
        result_table_name: 'raw',
        schema: { fields: { room: 'string', fahrenheit: 'double', taken: 'timestamp' } },
      },
    ],
    transform: [
      {
        plugin_name: 'Sql',
        source_table_name: 'raw',
        result_table_name: 'celsius',
        query: 'select room, ROUND((fahrenheit - 32) * 5 / 9, 1) as celsius, taken from raw',
      },
    ],
    sink: [{ plugin_name: 'Kapacitor', source_table_name: 'celsius', database: 'building', measurement: 'rooms', key_tags: ['room'], key_time: 'taken' }],
  });
  const info = await waitForStatus(server.jobsUrl, jobId, ['FINISHED', 'FAILED']);
  assert.equal(info.jobStatus, 'FINISHED', info.errorMsg);
  assert.equal(info.metrics.sinkWriteCount, '4');

  const events = await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/alerts/topics/rooms/events'),
    (r) => (r.json?.events ?? []).length >= 2,
    5000,
  );
  const byId = Object.fromEntries(events.json.events.map((e: any) => [e.id, e.state]));
  assert.equal(byId['room/lab'].level, 'CRITICAL');
  assert.equal(byId['room/lab'].message, 'room/lab is CRITICAL at 37.8');
  assert.equal(byId['room/hall'].level, 'WARNING');
  assert.equal(byId['room/hall'].message, 'room/hall is WARNING at 26.7');
  assert.equal(byId['room/kitchen']?.level ?? 'OK', 'OK');
});
