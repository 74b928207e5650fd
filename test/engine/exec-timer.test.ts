// Unit tests of avg_exec_time_ns bookkeeping: Kapacitor's moving average over the last N
// timings, the statistic keeping the largest average, and the sample rate.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecTimer, MovingAverage } from '../../src/engine/exec-timer.js';

test('the moving average covers the last `size` values only', () => {
  const average = new MovingAverage(3);
  assert.equal(average.update(3), 3);
  assert.equal(average.update(6), 4.5);
  assert.equal(average.update(9), 6);
  // 3 leaves the window: (6 + 9 + 12) / 3
  assert.equal(average.update(12), 9);
  // 6 leaves: (9 + 12 + 0) / 3
  assert.equal(average.update(0), 7);
});

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

test('a sample rate of 0 times nothing; 1 times every message', () => {
  const off = new ExecTimer({ sampleRate: 0, movingAverageSize: 10 });
  for (let i = 0; i < 100; i++) assert.equal(off.start(), false);
  assert.equal(off.maxAverageNs, 0);
  const all = new ExecTimer({ sampleRate: 1, movingAverageSize: 10 });
  for (let i = 0; i < 20; i++) {
    assert.equal(all.start(), true);
    all.stop();
  }
  assert.ok(all.maxAverageNs >= 0);
});

test('the statistic is the largest moving average seen, and paused time is not counted', () => {
  const timer = new ExecTimer({ sampleRate: 1, movingAverageSize: 2 });
  timer.start();
  busy(20);
  timer.stop();
  const slow = timer.maxAverageNs;
  assert.ok(slow >= 15e6, `${slow}`);
  // two quick messages push the slow one out of the average; the statistic keeps the maximum
  for (let i = 0; i < 2; i++) {
    timer.start();
    timer.stop();
  }
  assert.equal(timer.maxAverageNs, slow);
  // time spent while paused (children running) does not count
  const paused = new ExecTimer({ sampleRate: 1, movingAverageSize: 1 });
  paused.start();
  assert.equal(paused.pause(), true);
  busy(20);
  paused.resume();
  paused.stop();
  assert.ok(paused.maxAverageNs < 10e6, `${paused.maxAverageNs}`);
});

test('a fractional rate samples about that share of messages', () => {
  const timer = new ExecTimer({ sampleRate: 0.25, movingAverageSize: 10 });
  let sampled = 0;
  for (let i = 0; i < 10_000; i++)
    if (timer.start()) {
      sampled++;
      timer.stop();
    }
  assert.ok(sampled > 2000 && sampled < 3000, `${sampled}`);
});
