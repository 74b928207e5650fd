// derivative, elapsed, difference, movingAverage, cumulativeSum, stateDuration, stateCount.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

const SERIES = 'm v=10 0\nm v=14 2\nm other=1 3\nm v=12 4\nm v=12i 5';

function collect(node: string): unknown[][] {
  const t = run(`stream|from().measurement('m')|${node}|window().period(100s).every(100s).align()|httpOut('out')`, { id: node });
  t.write(SERIES);
  t.write('m v=100 100');
  return t.values();
}

test('derivative per unit, skipping points without the field; nonNegative drops falls', () => {
  assert.deepEqual(collect(`derivative('v')`), [
    [sec(2), 2],
    [sec(4), -1],
    [sec(5), 0],
  ]);
  assert.deepEqual(
    collect(`derivative('v').unit(2s).nonNegative().as('d')`).map((r) => r.slice(0, 2)),
    [
      [sec(2), 4],
      [sec(5), 0],
    ],
  );
});

test('derivative within a batch', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s)|derivative('v')|httpOut('out')`);
  t.write('m v=1 0\nm v=3 1\nm v=4 3\nm v=0 10');
  assert.deepEqual(
    t.values().map((r) => r[1]),
    [2, 0.5],
  );
});

test('elapsed, difference, movingAverage and cumulativeSum map points one by one', () => {
  // influxql.go influxqlStreamingTransformGroup.Point: the point at 3s (no v) and the integer at
  // 5s (the reducer is a float one) fail to aggregate, yet the reducer is asked again: elapsed,
  // movingAverage and cumulativeSum repeat their last output (FloatElapsedReducer,
  // FloatMovingAverageReducer, FloatCumulativeSumReducer keep it); FloatDifferenceReducer marks
  // its previous point read, so difference emits nothing.
  assert.deepEqual(collect(`elapsed('v', 1s)`), [
    [sec(2), 2n],
    [sec(2), 2n],
    [sec(4), 2n],
    [sec(4), 2n],
  ]);
  assert.deepEqual(collect(`difference('v')`), [
    [sec(2), 4],
    [sec(4), -2],
  ]);
  assert.deepEqual(collect(`movingAverage('v', 2)`), [
    [sec(2), 12],
    [sec(2), 12],
    [sec(4), 13],
    [sec(4), 13],
  ]);
  assert.deepEqual(collect(`cumulativeSum('v').as('cs')`), [
    [sec(0), 10],
    [sec(2), 24],
    [sec(2), 24],
    [sec(4), 36],
    [sec(4), 36],
  ]);
});

test('stateDuration and stateCount measure how long a condition holds, -1 when it does not', () => {
  const d = run(`stream|from().measurement('m')|stateDuration(lambda: "v" > 1).unit(1s)|window().period(10s).every(10s)|httpOut('out')`);
  d.write('m v=2 0\nm v=3 2\nm v=0 3\nm v=5 4\nm v=5 10');
  assert.deepEqual(
    d.values().map((r) => r[1]),
    [0, 2, -1, 0],
  );
  const c = run(`stream|from().measurement('m')|stateCount(lambda: "v" > 1).as('n')|window().period(10s).every(10s)|httpOut('out')`, { id: 'c' });
  c.write('m v=2 0\nm v=3 2\nm v=0 3\nm v=5 4\nm v=5 10');
  assert.deepEqual(
    c.values().map((r) => r[1]),
    [1n, 2n, -1n, 1n],
  );
});

test('state tracking starts afresh in every batch', () => {
  const t = run(`stream|from().measurement('m')|window().period(2s).every(2s).align()|stateCount(lambda: "v" > 1)|httpOut('out')`);
  t.write('m v=2 0\nm v=2 1\nm v=2 2\nm v=2 3\nm v=0 4');
  assert.deepEqual(
    t.values().map((r) => r[1]),
    [1n, 2n],
  );
});
