// The job manager over a store whose writes are slow to commit: a job's end state is shown
// only once it is stored, so nothing the API reported is lost if the process dies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { JobService } from '../../../src/services/jobs/job-service.js';
import { JobLogs } from '../../../src/services/jobs/job-logs.js';
import { defaultCatalogue } from '../../../src/services/jobs/catalogue.js';
import { MemoryStore } from '../../../src/storage/memory-store.js';

class SlowStore extends MemoryStore {
  delayMs = 0;
  override async put(bucket: string, key: string, value: unknown): Promise<void> {
    const copy = structuredClone(value);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await super.put(bucket, key, copy);
  }
}

const streamingJob = {
  env: { 'job.mode': 'STREAMING', 'job.name': 'slow-store' },
  source: [{ plugin_name: 'FakeSource', 'row.num': 5, schema: { fields: { name: 'string' } } }],
  sink: [{ plugin_name: 'Console' }],
};

test('a canceled job reads CANCELED only after its record is stored as CANCELED', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-service-'));
  const store = new SlowStore();
  const jobs = new JobService({
    store,
    catalogue: defaultCatalogue(),
    ports: { writePoints: () => undefined, subscribePoints: () => () => undefined },
    logs: new JobLogs(dir),
    logger: pino({ level: 'silent' }),
    historyLimit: 10,
  });
  try {
    const { jobId } = await jobs.submit(streamingJob, {});
    const deadline = Date.now() + 10_000;
    while (jobs.jobInfo(jobId, false).jobStatus !== 'RUNNING') {
      assert.ok(Date.now() < deadline, 'the job runs');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    store.delayMs = 200;
    assert.equal(jobs.stop(jobId, false), true);
    const seen: string[] = [];
    while (Date.now() < deadline) {
      const shown = jobs.jobInfo(jobId, false).jobStatus as string;
      const stored = store.get<{ jobStatus: string }>('jobs', jobId)?.jobStatus;
      seen.push(shown);
      if (shown === 'CANCELED') {
        assert.equal(stored, 'CANCELED', 'shown only once stored');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(seen.at(-1), 'CANCELED');
    assert.deepEqual(
      jobs.finishedJobs('CANCELED').map((job) => job.jobId),
      [jobId],
    );
    await jobs.waitFor(jobId);
  } finally {
    await jobs.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
