// window(): time windows (period/every/align/fillPeriod, every 0) and count windows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m value=${from + i} ${from + i}`).join('\n');

test('a time window emits the points before its end when a later point arrives', () => {
  const t = run(`stream|from().measurement('m')|window().period(5s).every(5s)|httpOut('out')`);
  t.write(lines(0, 4));
  assert.deepEqual(t.result(), { series: null });
  t.write(lines(5, 5));
  assert.deepEqual(
    t.values().map((r) => r[1]),
    [0, 1, 2, 3, 4],
  );
});

test('overlapping windows keep the last period', () => {
  const t = run(`stream|from().measurement('m')|window().period(4s).every(2s)|httpOut('out')`);
  t.write(lines(0, 6));
  // emits at 2 ([..2)), at 4 ([0,4)), at 6 ([2,6))
  assert.deepEqual(
    t.values().map((r) => r[1]),
    [2, 3, 4, 5],
  );
});

test('align puts window ends on multiples of every', () => {
  const t = run(`stream|from().measurement('m')|window().period(3s).every(3s).align()|count('value')|httpOut('out')`);
  t.write(lines(1, 3));
  assert.deepEqual(t.values(), [[sec(3), 2n]]);
});

test('every 0 emits on every point a right-aligned window; fillPeriod waits for a full period', () => {
  const t = run(`stream|from().measurement('m')|window().period(2s).every(0s)|count('value')|httpOut('out')`);
  t.write(lines(0, 0));
  assert.deepEqual(t.values(), [[sec(0), 1n]]);
  t.write(lines(1, 3));
  assert.deepEqual(t.values(), [[sec(3), 2n]]);
  const f = run(`stream|from().measurement('m')|window().period(2s).every(0s).fillPeriod()|count('value')|httpOut('out')`, { id: 'f' });
  f.write(lines(0, 1));
  assert.deepEqual(f.result(), { series: null });
  f.write(lines(2, 2));
  assert.deepEqual(f.values(), [[sec(2), 2n]]);
});

test('count windows emit every everyCount points the last periodCount points', () => {
  const t = run(`stream|from().measurement('m')|window().periodCount(3).everyCount(2)|httpOut('out')`);
  t.write(lines(0, 3));
  assert.deepEqual(
    t.values().map((r) => r[1]),
    [1, 2, 3],
  );
});

test('windows are kept per group, with group tags on the batch', () => {
  const t = run(`stream|from().measurement('m').groupBy('g')|window().period(2s).every(2s)|count('value')|httpOut('out')`);
  t.write('m,g=a value=1 0\nm,g=b value=1 0\nm,g=a value=1 1\nm,g=a value=1 2\nm,g=b value=1 3');
  assert.deepEqual(t.values('out', { g: 'a' }), [[sec(2), 2n]]);
  assert.deepEqual(t.values('out', { g: 'b' }), [[sec(2), 1n]]);
  assert.equal(t.stats().nodes.window2!.counters.working_cardinality, 2);
});

test('a late point stays in the buffer behind a newer one (window.go windowTimeBuffer.purge stops at the first point kept)', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s).align()|httpOut('out')`);
  // 3s arrives after 15s: the [0s,10s) window is gone, but at 20s the purge from 10s stops at 15s
  t.write('m v=1 5\nm v=2 15\nm v=3 3\nm v=4 20');
  assert.deepEqual(t.values(), [
    [sec(15), 2],
    [sec(3), 3],
  ]);
});
