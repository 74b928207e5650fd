// Job history, job logs and a savepoint survive kill -9: after a hard kill and a restart the
// finished, canceled and failed jobs are listed as before, their logs are readable, and a job
// that was running when the process died is reported FAILED with the reason.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request } from '../support/test-server.js';
import { submitJob, waitForStatus } from '../support/jobs-server.js';

const job = (mode: string) => ({
  env: { 'job.mode': mode, 'job.name': `durable-${mode}` },
  source: [{ plugin_name: 'FakeSource', 'row.num': 20, schema: { fields: { name: 'string', age: 'int' } } }],
  sink: [{ plugin_name: 'Console' }],
});

test('job history and logs survive kill -9 and restart; running jobs end FAILED', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobs-durable-'));
  const port = await freePort();
  const jobsPort = await freePort();
  const env = { KAPACITOR_JOBS_BIND_ADDRESS: `127.0.0.1:${jobsPort}` };
  const url = `http://127.0.0.1:${jobsPort}`;
  let server = await spawnServer(dataDir, port, [], env);
  try {
    await poll(
      () =>
        request(url, 'GET', '/overview').then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      30_000,
    );
    const finished = await submitJob(url, job('BATCH'));
    await waitForStatus(url, finished, ['FINISHED']);
    const canceled = await submitJob(url, job('STREAMING'));
    await waitForStatus(url, canceled, ['RUNNING']);
    assert.equal((await request(url, 'POST', '/stop-job', { json: { jobId: canceled } })).status, 200);
    await waitForStatus(url, canceled, ['CANCELED']);
    const interrupted = await submitJob(url, job('STREAMING'));
    await waitForStatus(url, interrupted, ['RUNNING']);
    const before = await request(url, 'GET', `/job-info/${finished}`);

    await killHard(server);
    server = await spawnServer(dataDir, port, [], env);
    // The job API listens a moment after the Kapacitor API answers its ping.
    await poll(
      () =>
        request(url, 'GET', '/overview').then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      30_000,
    );

    const after = await request(url, 'GET', `/job-info/${finished}`);
    assert.deepEqual(after.json, before.json);
    assert.equal(after.json.metrics.SinkWriteCount, '20');
    const canceledList = await request(url, 'GET', '/finished-jobs/CANCELED');
    assert.deepEqual(
      canceledList.json.map((j: any) => j.jobId),
      [canceled],
    );
    const failed = await waitForStatus(url, interrupted, ['FAILED'], 2000);
    assert.match(failed.errorMsg, /server stopped while it was running/);
    const overview = await request(url, 'GET', '/overview');
    assert.deepEqual([overview.json.runningJobs, overview.json.finishedJobs, overview.json.failedJobs, overview.json.cancelledJobs], ['0', '1', '1', '1']);
    const log = await request(url, 'GET', `/logs/job-${finished}.log`);
    assert.equal(log.status, 200);
    assert.equal(log.text.split('\n').filter((line) => line.includes('SeaTunnelRow#kind=INSERT')).length, 20);
    const again = await request(url, 'POST', `/submit-job?jobId=${finished}`, { json: job('BATCH') });
    assert.equal(again.status, 400, 'job ids stay taken across restarts');
  } finally {
    await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
