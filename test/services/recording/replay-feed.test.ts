// How replays feed data into the isolated task: stream points in order (times shifted to now
// unless recording-time), batches merged across query nodes in time order, empty batches
// taking the previous batch's time, tmax at least the last point's time, real-clock waits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Point } from '../../../src/models/point.js';
import { feedBatches, feedPoints, type IsolatedTask } from '../../../src/services/recording/replay-service.js';
import { ZERO_TIME, type RecordedBatch } from '../../../src/recording/recording-files.js';

const S = 1_000_000_000n;

function fakeTask(collectors = 1) {
  const points: Point[] = [];
  const batches: Array<[number, RecordedBatch]> = [];
  const task: IsolatedTask = {
    writePoints: (p) => {
      points.push(...p);
    },
    batchCollectors: () =>
      Array.from({ length: collectors }, (_, i) => ({
        collect: (b: RecordedBatch) => {
          batches.push([i, b]);
        },
      })),
    drain: async () => {},
    stats: () => undefined,
    stop: () => {},
  };
  return { task, points, batches };
}

const point = (time: bigint): Point => ({ name: 'm', tags: {}, fields: { v: 1 }, time, database: 'db', retentionPolicy: 'rp' });
const batch = (times: bigint[], tmax = ZERO_TIME): RecordedBatch => ({
  name: 'm',
  tmax,
  tags: {},
  byName: false,
  points: times.map((time) => ({ fields: { v: 1 }, tags: {}, time })),
});

test('stream points keep their times with recording-time, else start now', async () => {
  const kept = fakeTask();
  await feedPoints(kept.task, [point(10n * S), point(12n * S)], 'fast', true);
  assert.deepEqual(
    kept.points.map((p) => p.time),
    [10n * S, 12n * S],
  );

  const shifted = fakeTask();
  const before = BigInt(Date.now()) * 1_000_000n;
  await feedPoints(shifted.task, [point(10n * S), point(12n * S)], 'fast', false);
  const [first, second] = shifted.points.map((p) => p.time) as [bigint, bigint];
  assert.ok(first >= before && first - before < 5n * S);
  assert.equal(second - first, 2n * S);
});

test('the real clock waits out the gaps between points', async () => {
  const fake = fakeTask();
  const started = Date.now();
  await feedPoints(fake.task, [point(0n), point(300_000_000n)], 'real', true);
  assert.ok(Date.now() - started >= 250, 'did not wait');
  assert.equal(fake.points.length, 2);
});

test('batches: merged across sources by time, empty batches take the previous tmax', async () => {
  const fake = fakeTask(2);
  await feedBatches(
    fake.task,
    [
      [batch([1n * S, 2n * S], 10n * S), batch([]), batch([21n * S], 30n * S)],
      [batch([5n * S], 4n * S), batch([15n * S], 20n * S)],
    ],
    'fast',
    true,
  );
  assert.deepEqual(
    fake.batches.map(([source, b]) => [source, b.tmax]),
    [
      [0, 10n * S],
      [1, 5n * S],
      [0, 10n * S],
      [1, 20n * S],
      [0, 30n * S],
    ],
  );
  await assert.rejects(feedBatches(fakeTask(1).task, [[], []], 'fast', true), /unexpected number of batch collectors/);
});
