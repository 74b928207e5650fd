// InfluxQL aggregates and selectors with the values Kapacitor 1.5.7 gives: influxql.go
// (influxqlGroup), influxql.gen.go (the emitters) and the reducers it vendors under
// vendor/github.com/influxdata/influxdb/influxql (call_iterator.go, functions.go, functions.gen.go).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

const WINDOW = 'window().period(10s).every(10s).align()';
const EPOCH = sec(0);

function windowed(fn: string, lines: string, id = fn): ReturnType<typeof run> {
  const t = run(`stream|from().measurement('m')|${WINDOW}|${fn}|httpOut('out')`, { id });
  t.write(`${lines}\nm v=0,w=0 10`);
  return t;
}

test('mean is the float sum divided by the count (FloatMeanReducer), not a running mean', () => {
  assert.deepEqual(windowed(`mean('v')`, 'm v=0.1 1\nm v=0.2 2\nm v=0.3 3').values(), [[sec(10), 0.20000000000000004]]);
  // IntegerMeanReducer: int64 sum, then float64(sum)/count
  assert.deepEqual(windowed(`mean('v')`, 'm v=1i 1\nm v=2i 2', 'imean').values(), [[sec(10), 1.5]]);
});

test('stddev uses a running mean and gives 0 for one point (FloatStddevReduceSlice)', () => {
  assert.deepEqual(windowed(`stddev('v')`, 'm v=10.1 1\nm v=-3.3 2\nm v=7.7 3').values(), [[sec(10), 7.145161533046913]]);
  assert.deepEqual(windowed(`stddev('v')`, 'm v=4.5 1', 'one').values(), [[sec(10), 0]]);
});

test('sum over a window where no point has the field is 0 (influxqlGroup.EndBatch, IsEmptyOK)', () => {
  assert.deepEqual(windowed(`sum('v')`, 'm w=1 1\nm w=2 2').values(), [[sec(10), 0]]);
  // but mean (not IsEmptyOK) gives nothing
  assert.deepEqual(windowed(`mean('v')`, 'm w=1 1\nm w=2 2', 'mean').result(), { series: null });
});

test('usePointTimes: sum carries the epoch (FloatSumReduce keeps the initial point time 0)', () => {
  assert.deepEqual(windowed(`sum('v').usePointTimes()`, 'm v=1 1\nm v=2 2').values(), [[EPOCH, 3]]);
  assert.deepEqual(windowed(`sum('v').usePointTimes()`, 'm w=1 1', 'empty').values(), [[EPOCH, 0]]);
  // count reduces to ZeroTime (the window's time) but an empty count keeps the initial point's 0
  assert.deepEqual(windowed(`count('v').usePointTimes()`, 'm v=1 1', 'count').values(), [[sec(10), 1n]]);
  assert.deepEqual(windowed(`count('v').usePointTimes()`, 'm w=1 1', 'count0').values(), [[EPOCH, 0n]]);
  // median of one float point returns that point itself (FloatMedianReduceSlice), so its time
  assert.deepEqual(windowed(`median('v').usePointTimes()`, 'm v=7 3', 'median').values(), [[sec(3), 7]]);
  // percentile: floats keep the point's time, integers give ZeroTime
  assert.deepEqual(windowed(`percentile('v', 50.0).usePointTimes()`, 'm v=1 1\nm v=2 2', 'pf').values()[0]!.slice(0, 2), [sec(1), 1]);
  assert.deepEqual(windowed(`percentile('v', 50.0).usePointTimes()`, 'm v=1i 1\nm v=2i 2', 'pi').values()[0]!.slice(0, 2), [sec(10), 1n]);
});

test('top and bottom rows are in time order, not value order (sort.Stable by time)', () => {
  const t = windowed(`top(2, 'v')`, 'm v=7 2\nm v=9 3\nm v=1 4');
  assert.deepEqual(t.values(), [
    [sec(10), 7],
    [sec(10), 9],
  ]);
  const p = windowed(`bottom(2, 'v').usePointTimes()`, 'm v=7 2\nm v=1 3\nm v=0.5 4', 'bottom');
  assert.deepEqual(p.values(), [
    [sec(3), 1],
    [sec(4), 0.5],
  ]);
});

test('top with a field key outputs only the value and the point tags (EmitBatch: Fields{as: value})', () => {
  const t = run(`stream|from().measurement('m')|${WINDOW}|top(1, 'v', 'f')|httpOut('out')`);
  t.write('m,host=a v=7,f=1 2\nm,host=b v=9,f=2 3\nm v=0 10');
  assert.deepEqual(t.result().series, [{ name: 'm', columns: ['time', 'host', 'top'], values: [[sec(10), 'b', 9]] }]);
});

test('distinct rows are ordered by first time, then value (FloatDistinctReducer.Emit)', () => {
  const t = run(`stream|from().measurement('m')|distinct('v')|httpOut('out')`);
  t.write('m,k=a v=3 1\nm,k=b v=1 1\nm,k=c v=2 1\nm,k=d v=3 1\nm v=0 2');
  assert.deepEqual(t.values(), [
    [sec(1), 1],
    [sec(1), 2],
    [sec(1), 3],
  ]);
});

test('first and last break equal times by the larger value (FloatFirstReduce, FloatLastReduce)', () => {
  const lines = 'm,k=a v=1 1\nm,k=b v=5 1\nm,k=c v=3 1\nm v=0 2';
  const f = run(`stream|from().measurement('m')|first('v')|httpOut('out')`, { id: 'f' });
  f.write(lines);
  assert.deepEqual(f.result().series, [{ name: 'm', tags: { k: 'b' }, columns: ['time', 'first'], values: [[sec(1), 5]] }]);
  const l = run(`stream|from().measurement('m')|last('v')|httpOut('out')`, { id: 'l' });
  l.write(lines);
  assert.deepEqual(l.values(), [[sec(1), 5]]);
});

test('mode: on equal counts the value whose run became the leader at the earlier time wins (FloatModeReduceSlice)', () => {
  // sorted by value: 2@5 2@6 3@0 3@1 -> 3 (its run starts at 0s, before 2's lead at 6s)
  assert.deepEqual(windowed(`mode('v')`, 'm v=3 0\nm v=3 1\nm v=2 5\nm v=2 6').values(), [[sec(10), 3]]);
});

test('a series serializes as name, tags, columns, values (models.Row field order)', () => {
  const t = run(`stream|from().measurement('m').groupBy('host')|httpOut('out')`);
  t.write('m,host=a v=1 1');
  assert.deepEqual(Object.keys(t.result().series![0]!), ['name', 'tags', 'columns', 'values']);
  assert.equal(JSON.stringify(t.result().series![0]), '{"name":"m","tags":{"host":"a"},"columns":["time","v"],"values":[["1970-01-01T00:00:01Z",1]]}');
});

test('sample filters the points of a batch and passes the batch on even when empty (sample.go)', () => {
  const t = run(`stream|from().measurement('m')|${WINDOW}|top(1, 'v')|sample(3s)|httpOut('out')`);
  t.write('m v=1 1\nm v=0 10\nm v=2 11\nm v=0 20');
  // top's row is stamped with the window time (10s, 20s): 20s is not a multiple of 3s
  assert.deepEqual(t.result(), { series: [{ name: 'm' }] });
});

test('holtWinters over a window without the field emits nothing (not IsEmptyOK)', () => {
  assert.deepEqual(windowed(`holtWintersWithFit('v', 1, 0, 1s)`, 'm w=1 1\nm w=2 2').result(), { series: null });
});
