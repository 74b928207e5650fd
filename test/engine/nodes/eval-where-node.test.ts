// eval (as, tags, keep, quiet, stateful lambdas per group) and where (points and batches).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

test('eval computes fields in order, each seeing the ones before', () => {
  const t = run(`stream|from().measurement('m')|eval(lambda: "a" * 2.0, lambda: "double" + 1.0).as('double', 'plus')|httpOut('out')`);
  t.write('m a=3,b=1 1');
  assert.deepEqual(t.result().series![0]!.columns, ['time', 'double', 'plus']);
  assert.deepEqual(t.values(), [[sec(1), 6, 7]]);
});

test('eval keep() keeps every field, keep(list) only those', () => {
  const t = run(`stream|from().measurement('m')|eval(lambda: "a" + "b").as('s').keep()|httpOut('out')`);
  t.write('m a=1,b=2 1');
  assert.deepEqual(t.values(), [[sec(1), 1, 2, 3]]);
  const k = run(`stream|from().measurement('m')|eval(lambda: "a" + "b").as('s').keep('s', 'b')|httpOut('out')`, { id: 'k' });
  k.write('m a=1,b=2 1');
  assert.deepEqual(k.result().series![0]!.columns, ['time', 'b', 's']);
});

test('eval tags() turns string results into tags', () => {
  const t = run(`stream|from().measurement('m')|eval(lambda: string("a")).as('as_tag').tags('as_tag')|httpOut('out')`);
  t.write('m,host=h a=1i 1');
  assert.deepEqual(t.result().series![0]!.tags, { as_tag: '1', host: 'h' });
});

test('eval errors drop the point and count; stateful functions keep state per group', () => {
  const t = run(`stream|from().measurement('m').groupBy('g')|eval(lambda: count()).as('n')|httpOut('out')`);
  t.write('m,g=a v=1 1\nm,g=a v=1 2\nm,g=b v=1 3');
  assert.deepEqual(t.values('out', { g: 'a' }), [[sec(2), 2n]]);
  assert.deepEqual(t.values('out', { g: 'b' }), [[sec(3), 1n]]);
  const e = run(`stream|from().measurement('m')|eval(lambda: "missing" + 1).as('x').quiet()|httpOut('out')`, { id: 'e' });
  e.write('m v=1 1');
  assert.deepEqual(e.result(), { series: null });
  assert.equal(e.stats().nodes.eval2!.counters.errors, 1);
});

test('where filters points, and the points of batches', () => {
  const t = run(`stream|from().measurement('m')|where(lambda: "v" > 1)|httpOut('out')`);
  t.write('m v=1 1\nm v=2 2');
  assert.deepEqual(t.values(), [[sec(2), 2]]);
  const b = run(`stream|from().measurement('m')|window().period(10s).every(10s)|where(lambda: "v" > 1)|count('v')|httpOut('out')`, { id: 'b' });
  b.write('m v=1 0\nm v=2 1\nm v=3 2\nm v=0 10');
  assert.deepEqual(b.values(), [[sec(10), 2n]]);
});
