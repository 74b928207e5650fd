// InfluxQL aggregates, selectors and batch functions over windows and on stream edges.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

const DATA = [
  'm,host=a,kind=x value=5i,other=1i 0',
  'm,host=a,kind=y value=1i,other=2i 1',
  'm,host=a,kind=x value=4i,other=3i 2',
  'm,host=a,kind=y value=5i,other=4i 3',
  'm,host=a,kind=x value=2i,other=5i 4',
  'm,host=a value=0i 10',
].join('\n');

function reduce(fn: string, extra = ''): unknown[][] {
  const t = run(`stream|from().measurement('m').groupBy('host')|window().period(10s).every(10s)|${fn}${extra}|httpOut('out')`, { id: fn });
  t.write(DATA);
  return t.values();
}

test('aggregates give InfluxQL values at the window end', () => {
  assert.deepEqual(reduce(`count('value')`), [[sec(10), 5n]]);
  assert.deepEqual(reduce(`sum('value')`), [[sec(10), 17n]]);
  assert.deepEqual(reduce(`mean('value')`), [[sec(10), 3.4]]);
  assert.deepEqual(reduce(`median('value')`), [[sec(10), 4]]);
  assert.deepEqual(reduce(`mode('value')`), [[sec(10), 5n]]);
  assert.deepEqual(reduce(`spread('value')`), [[sec(10), 4n]]);
  const [[, sd]] = reduce(`stddev('value')`) as [[string, number]];
  assert.ok(Math.abs(sd - 1.816590212458495) < 1e-12);
});

test('selectors keep the chosen point tags and other fields; usePointTimes uses its time', () => {
  const t = run(`stream|from().measurement('m').groupBy('host')|window().period(10s).every(10s)|max('value')|httpOut('out')`);
  t.write(DATA);
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { host: 'a', kind: 'x' }, columns: ['time', 'max', 'other'], values: [[sec(10), 5n, 1n]] }]);
  assert.deepEqual(reduce(`min('value')`, '.usePointTimes()'), [[sec(1), 1n, 2n]]);
  assert.deepEqual(reduce(`first('value')`, `.as('f')`), [[sec(10), 5n, 1n]]);
  assert.deepEqual(reduce(`last('value')`, '.usePointTimes()'), [[sec(4), 2n, 5n]]);
  assert.deepEqual(reduce(`percentile('value', 50.0)`), [[sec(10), 3n, 4n]]);
});

test('distinct, top and bottom emit batches', () => {
  assert.deepEqual(reduce(`distinct('value')`), [
    [sec(10), 5n],
    [sec(10), 1n],
    [sec(10), 4n],
    [sec(10), 2n],
  ]);
  assert.deepEqual(reduce(`top(2, 'value')`), [
    [sec(10), 'x', 5n],
    [sec(10), 'y', 5n],
  ]);
  assert.deepEqual(reduce(`bottom(2, 'value')`, '.usePointTimes()'), [
    [sec(1), 1n, 'y'],
    [sec(4), 2n, 'x'],
  ]);
  assert.deepEqual(reduce(`top(3, 'value', 'kind')`), [
    [sec(10), 'x', 5n],
    [sec(10), 'y', 5n],
  ]);
});

test('on a stream edge points with the same time form the batch, reduced when time moves on', () => {
  const t = run(`stream|from().measurement('m')|sum('value')|httpOut('out')`);
  t.write('m value=1 1\nm value=2 1\nm other=5 1');
  assert.deepEqual(t.result(), { series: null });
  t.write('m value=7 2');
  assert.deepEqual(t.values(), [[sec(1), 3]]);
});

test('batches without the field produce nothing but a count of 0; strings can be counted', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s)|mean('missing')|httpOut('out')`);
  t.write(DATA);
  assert.deepEqual(t.result(), { series: null });
  const c = run(`stream|from().measurement('m')|window().period(10s).every(10s)|count('missing')|httpOut('out')`, { id: 'c' });
  c.write(DATA);
  assert.deepEqual(c.values(), [[sec(10), 0n]]);
  const s = run(`stream|from().measurement('s')|window().period(10s).every(10s)|count('v')|httpOut('out')`, { id: 's' });
  s.write('s v="a" 1\ns v="b" 2\ns v="c" 11');
  assert.deepEqual(s.values(), [[sec(11), 2n]]);
});
