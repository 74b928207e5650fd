// elapsed, difference, movingAverage, cumulativeSum as Kapacitor 1.5.7 runs them: influxql.go
// influxqlStreamingTransformGroup over the vendored InfluxQL reducers
// (vendor/github.com/influxdata/influxdb/influxql/functions.go, functions.gen.go).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

test('a stream transform keeps only the group-by tags (floatPointEmitter.EmitPoint: tags = groupInfo.Tags)', () => {
  const t = run(`stream|from().measurement('m').groupBy('host')|difference('v')|httpOut('out')`);
  t.write('m,host=a,cpu=0 v=1 0\nm,host=a,cpu=1 v=3.5 1');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { host: 'a' }, columns: ['time', 'difference'], values: [[sec(1), 2.5]] }]);
});

test("a later groupBy(*) regroups a transform's output by the group-by tags only", () => {
  const t = run(
    `stream|from().measurement('m').groupBy('host')|cumulativeSum('v')|groupBy(*)|window().period(10s).every(10s).align()|count('cumulativeSum')|httpOut('out')`,
  );
  t.write('m,host=a,cpu=0 v=1 0\nm,host=a,cpu=1 v=2 1\nm,host=a,cpu=0 v=3 2\nm,host=a,cpu=1 v=0 10');
  // every output point carries {host: a}: one group of 3, not one per cpu
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { host: 'a' }, columns: ['time', 'count'], values: [[sec(10), 3n]] }]);
});

test('after a window, transform rows carry no per-point tag columns (BatchPoint with ep.Tags())', () => {
  const t = run(`stream|from().measurement('m').groupBy('host')|window().period(10s).every(10s).align()|cumulativeSum('v')|httpOut('out')`);
  t.write('m,host=a,cpu=0 v=1 0\nm,host=a,cpu=1 v=2 1\nm,host=a,cpu=0 v=0 10');
  assert.deepEqual(t.result().series, [
    {
      name: 'm',
      tags: { host: 'a' },
      columns: ['time', 'cumulativeSum'],
      values: [
        [sec(0), 1],
        [sec(1), 3],
      ],
    },
  ]);
});

test('in a batch, a point without the field repeats cumulativeSum and elapsed; difference skips it', () => {
  const script = (fn: string) => `stream|from().measurement('m')|window().period(10s).every(10s).align()|${fn}|httpOut('out')`;
  const lines = 'm v=1 0\nm f2=1 1\nm v=4 2\nm v=0 10';
  const cs = run(script(`cumulativeSum('v')`), { id: 'cs' });
  cs.write(lines);
  // FloatCumulativeSumReducer.Emit after the failed AggregatePoint: the current point again
  assert.deepEqual(cs.values(), [
    [sec(0), 1],
    [sec(0), 1],
    [sec(2), 5],
  ]);
  const el = run(script(`elapsed('v', 1s)`), { id: 'el' });
  el.write(lines);
  // FloatElapsedReducer has no previous after one point: nothing for 1s; 2s-0s = 2
  assert.deepEqual(el.values(), [[sec(2), 2n]]);
  const el2 = run(script(`elapsed('v', 1s)`), { id: 'el2' });
  el2.write('m v=1 0\nm v=1 3\nm f2=1 4\nm v=4 5\nm v=0 10');
  assert.deepEqual(el2.values(), [
    [sec(3), 3n],
    [sec(3), 3n],
    [sec(5), 2n],
  ]);
  const df = run(script(`difference('v')`), { id: 'df' });
  df.write('m v=1 0\nm v=1.5 3\nm f2=1 4\nm v=4 5\nm v=0 10');
  assert.deepEqual(df.values(), [
    [sec(3), 0.5],
    [sec(5), 2.5],
  ]);
});

test('points before the first one with the field are dropped and counted as errors', () => {
  const t = run(`stream|from().measurement('m')|cumulativeSum('v')|window().period(10s).every(10s).align()|httpOut('out')`);
  t.write('m f2=1 0\nm v=2i 1\nm v=3i 2\nm v=1.5 3\nm v=0i 10');
  // the reducer is an integer one (first v is 2i); the float at 3s repeats the last sum
  assert.deepEqual(t.values(), [
    [sec(1), 2n],
    [sec(2), 5n],
    [sec(2), 5n],
  ]);
  assert.equal(t.stats().nodes.cumulativeSum2!.counters.errors, 2);
});

test('movingAverage subtracts the leaving value before adding the new one (FloatMovingAverageReducer)', () => {
  const t = run(`stream|from().measurement('m')|movingAverage('v', 2)|window().period(10s).every(10s).align()|httpOut('out')`);
  t.write('m v=0.1 0\nm v=0.2 1\nm v=0.3 2\nm v=0 10');
  // sum: 0.1+0.2 = 0.30000000000000004; then -0.1 +0.3 = 0.5 -> 0.25 (adding first gives 0.25000000000000006)
  assert.deepEqual(t.values(), [
    [sec(1), 0.15000000000000002],
    [sec(2), 0.25],
  ]);
  const i = run(`stream|from().measurement('m')|movingAverage('v', 2)|httpOut('out')`, { id: 'i' });
  i.write('m v=9007199254740993i 0\nm v=1i 1');
  // IntegerMovingAverageReducer sums in int64, then float64(sum)/2
  assert.deepEqual(i.values(), [[sec(1), 4503599627370497]]);
});

test('derivative keeps every tag and field of its point (derivative.go derivativeGroup.Point)', () => {
  const t = run(`stream|from().measurement('m').groupBy('host')|derivative('v')|httpOut('out')`);
  t.write('m,host=a,cpu=0 v=1,w=7 0\nm,host=a,cpu=1 v=3,w=8 1');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { cpu: '1', host: 'a' }, columns: ['time', 'v', 'w'], values: [[sec(1), 2, 8]] }]);
});
