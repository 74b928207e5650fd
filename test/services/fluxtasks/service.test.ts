// The Flux task service on an in-memory store: run history retention by count, automatic
// retries from `option task = {retry: N}`, run points written to the run-history target, and
// schedule alignment for every and cron.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { MemoryStore } from '../../../src/storage/memory-store.js';
import { FluxTaskService } from '../../../src/services/fluxtasks/service.js';
import { compileScript } from '../../../src/flux-runtime/run.js';
import type { FluxDataSource } from '../../../src/flux-runtime/context.js';
import type { Point } from '../../../src/models/point.js';
import { poll } from '../../support/test-server.js';

const silent = pino({ level: 'silent' });
const failingSource = (): FluxDataSource & { fail: boolean } => ({
  fail: true,
  async read() {
    if (this.fail) throw new Error('connection refused');
    return [];
  },
  async write() {
    /* nothing */
  },
});

test('nextScheduled aligns every to the epoch and follows cron', () => {
  const S = 1_000_000_000n;
  const every = compileScript('option task = {name: "a", every: 1m, offset: 10s}\nx = 1');
  assert.equal(FluxTaskService.nextScheduled({ every: '1m' }, every, 125n * S), 180n * S);
  assert.equal(FluxTaskService.nextScheduled({ every: '1m' }, every, 120n * S), 180n * S);
  const cron = compileScript('option task = {name: "a", cron: "0 * * * *"}\nx = 1');
  const next = FluxTaskService.nextScheduled({ cron: '0 * * * *' }, cron, 1_600_000_000n * S);
  assert.equal(new Date(Number(next / 1_000_000n)).getMinutes(), 0);
  assert.ok(next > 1_600_000_000n * S && next <= 1_600_003_600n * S);
});

test('run history keeps at most the configured count; run points go to the run writer', async () => {
  const store = new MemoryStore();
  const points: Point[] = [];
  const service = new FluxTaskService(
    store,
    failingSource(),
    {
      runMeasurement: 'runs',
      historyCount: 3,
      historyAgeMs: 3_600_000,
      runWriter: async (point) => {
        points.push(point);
      },
    },
    silent,
  );
  await service.open();
  const task = await service.createTask({ flux: 'option task = {name: "kept", every: 1h}\nx = 1', status: 'inactive' });
  for (let i = 0; i < 5; i++) {
    const run = await service.forceRun(task.id);
    await poll(
      async () => service.findRun(task.id, run.id).status,
      (s) => s === 'success',
    );
  }
  const runs = service.findRuns(task.id, { limit: 100 });
  assert.equal(runs.length, 3);
  assert.equal(points.length, 5);
  assert.deepEqual(points[0]!.tags, { status: 'success', taskID: task.id });
  assert.equal(points[0]!.name, 'runs');
  assert.deepEqual(Object.keys(points[0]!.fields).sort(), ['finishedAt', 'logs', 'requestedAt', 'runID', 'scheduledFor', 'startedAt']);
  service.close();
});

test('option task retry: a failed run is retried automatically, up to N times', async () => {
  const store = new MemoryStore();
  const source = failingSource();
  const service = new FluxTaskService(store, source, { runMeasurement: 'runs', historyCount: 100, historyAgeMs: 3_600_000 }, silent);
  await service.open();
  const task = await service.createTask({
    flux: 'option task = {name: "r", every: 1h, retry: 2}\nfrom(bucket: "db") |> range(start: -1m) |> yield()',
    status: 'inactive',
  });
  const first = await service.forceRun(task.id);
  const runs = await poll(
    async () => service.findRuns(task.id, { limit: 100 }),
    (r) => r.length === 3 && r.every((x) => x.status === 'failed'),
    10_000,
  );
  assert.ok(runs.every((r) => r.scheduledFor === first.scheduledFor));
  assert.ok(runs[0]!.log.some((l) => /connection refused/.test(l.message)));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(service.findRuns(task.id, { limit: 100 }).length, 3, 'no more than retry: 2 retries');
  service.close();
});

/** Writes become visible a moment after they are made, in order, as a disk commit does. */
class CommittingStore extends MemoryStore {
  private last: Promise<void> = Promise.resolve();
  private later(apply: () => Promise<void>): Promise<void> {
    this.last = this.last.then(() => new Promise((resolve) => setTimeout(resolve, 30))).then(apply);
    return this.last;
  }
  override put(bucket: string, key: string, value: unknown): Promise<void> {
    return this.later(() => super.put(bucket, key, value));
  }
  override delete(bucket: string, key: string): Promise<void> {
    return this.later(() => super.delete(bucket, key));
  }
  override batch(fill: Parameters<MemoryStore['batch']>[0]): Promise<void> {
    return this.later(() => super.batch(fill));
  }
}

/** A service on a late-committing store with one task whose forced run waits in its read until released. */
async function runWaitingInRead(name: string) {
  let release: () => void = () => undefined;
  const source: FluxDataSource = {
    read: () => new Promise((resolve) => (release = () => resolve([]))),
    async write() {
      /* nothing */
    },
  };
  const service = new FluxTaskService(new CommittingStore(), source, { runMeasurement: 'runs', historyCount: 100, historyAgeMs: 3_600_000 }, silent);
  await service.open();
  const task = await service.createTask({
    flux: `option task = {name: "${name}", every: 1h}\nfrom(bucket: "db") |> range(start: -1m) |> yield()`,
    status: 'inactive',
  });
  const run = await service.forceRun(task.id);
  await poll(
    async () => service.findRun(task.id, run.id).status,
    (s) => s === 'started',
  );
  return { service, task, run, release: () => release() };
}

test('a run that ends while its task is being deleted does not bring the task back', async () => {
  const { service, task, release } = await runWaitingInRead('d');
  const deleted = service.deleteTask(task.id);
  release();
  await deleted;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.throws(() => service.findTask(task.id), /task not found/);
  service.close();
});

test('a run that ends while its task is updated keeps the update', async () => {
  const { service, task, run, release } = await runWaitingInRead('u');
  const updated = service.updateTask(task.id, { description: 'changed' });
  release();
  await updated;
  await poll(
    async () => service.findRun(task.id, run.id).status,
    (s) => s === 'success',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stored = service.findTask(task.id);
  assert.equal(stored.description, 'changed');
  assert.equal(stored.lastRunStatus, 'success');
  service.close();
});
