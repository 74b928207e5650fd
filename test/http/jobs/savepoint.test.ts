// Streaming jobs with checkpoints: a job stopped with a savepoint (SAVEPOINT_DONE) and
// submitted again with isStartWithSavePoint=true resumes where it stopped: its sink ends up
// with exactly the rows an uninterrupted run writes, none lost and none repeated.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { poll, request } from '../../support/test-server.js';
import { runToJsonFile, startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let dir: string;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'savepoint-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = 300;
const source = (interval: number) => ({
  plugin_name: 'FakeSource',
  'row.num': ROWS,
  'split.num': 60,
  'split.read-interval': interval,
  schema: { fields: { name: 'string', id: 'bigint', score: 'double' } },
});

function readRows(path: string): unknown[] {
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .sort()
    .flatMap((f) =>
      readFileSync(join(path, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
}

async function sinkCount(jobId: string): Promise<number> {
  return Number((await request(server.jobsUrl, 'GET', `/job-info/${jobId}`)).json.metrics.sinkWriteCount);
}

test('stop with savepoint, then resume from it: no row lost or repeated', async () => {
  const expected = await runToJsonFile(server.jobsUrl, join(dir, 'expected'), { source: [source(0)] });
  assert.equal(expected.length, ROWS);

  const out = join(dir, 'streamed');
  const job = {
    env: { 'job.mode': 'STREAMING', 'checkpoint.interval': 50 },
    source: [source(25)],
    sink: [{ plugin_name: 'LocalFile', path: out, file_format_type: 'json' }],
  };
  const jobId = await submitJob(server.jobsUrl, job, '?jobId=777001');
  await waitForStatus(server.jobsUrl, jobId, ['RUNNING']);
  await poll(
    () => sinkCount(jobId),
    (count) => count >= 60,
    10_000,
  );
  const stop = await request(server.jobsUrl, 'POST', '/stop-job', { json: { jobId: 777001, isStopWithSavePoint: true } });
  assert.deepEqual(stop.json, { jobId: '777001' });
  const stopped = await waitForStatus(server.jobsUrl, jobId, ['SAVEPOINT_DONE']);
  const firstPart = readRows(out).length;
  assert.equal(Number(stopped.metrics.SinkWriteCount), firstPart);
  assert.ok(firstPart > 0 && firstPart < ROWS, `stopped part-way (${firstPart} rows)`);
  const finished = await request(server.jobsUrl, 'GET', '/finished-jobs/SAVEPOINT_DONE');
  assert.ok(finished.json.some((j: any) => j.jobId === jobId));

  const resumed = await submitJob(server.jobsUrl, job, `?jobId=${jobId}&isStartWithSavePoint=true`);
  assert.equal(resumed, jobId);
  const running = await waitForStatus(server.jobsUrl, jobId, ['RUNNING']);
  assert.equal(running.isStartWithSavePoint, true);
  await poll(
    () => sinkCount(jobId),
    (count) => count >= ROWS,
    20_000,
  );
  await request(server.jobsUrl, 'POST', '/stop-job', { json: { jobId } });
  const ended = await waitForStatus(server.jobsUrl, jobId, ['CANCELED']);
  assert.equal(ended.metrics.SinkWriteCount, String(ROWS), 'metrics continue from the savepoint');
  assert.deepEqual(readRows(out), expected);
});

test('resuming a job that has no savepoint starts it from the beginning', async () => {
  const out = join(dir, 'fresh');
  const jobId = await submitJob(
    server.jobsUrl,
    {
      env: { 'job.mode': 'BATCH' },
      source: [{ plugin_name: 'FakeSource', 'row.num': 7, schema: { fields: { id: 'int' } } }],
      sink: [{ plugin_name: 'LocalFile', path: out, file_format_type: 'json' }],
    },
    '?jobId=777002&isStartWithSavePoint=true',
  );
  const info = await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  assert.equal(info.metrics.SinkWriteCount, '7');
  assert.equal(readRows(out).length, 7);
});
