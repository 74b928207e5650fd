// groupBy, default, delete, shift, sample, changeDetect, union: each with its own fixture.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

test('groupBy regroups points; exclude and byMeasurement', () => {
  const t = run(`stream|from()|groupBy(*).exclude('x')|httpOut('out')`);
  t.write('m,host=a,x=1 v=1 1\nm,host=a,x=2 v=2 2\nm,host=b v=3 3');
  assert.equal(t.result().series!.length, 2);
  const m = run(`stream|from()|groupBy('host').byMeasurement()|httpOut('out')`, { id: 'm' });
  m.write('m,host=a v=1 1\nn,host=a v=2 2');
  assert.deepEqual(
    m.result().series!.map((s) => s.name),
    ['m', 'n'],
  );
});

test('groupBy on batches emits the regrouped batches when a later batch arrives', () => {
  const t = run(`stream|from().measurement('m')|window().period(2s).every(2s)|groupBy('host')|count('v')|httpOut('out')`);
  t.write('m,host=a v=1 0\nm,host=b v=1 1\nm,host=a v=1 2');
  assert.deepEqual(t.result(), { series: null });
  t.write('m,host=a v=1 4');
  assert.deepEqual(t.values('out', { host: 'a' }), [[sec(2), 1n]]);
  assert.deepEqual(t.values('out', { host: 'b' }), [[sec(2), 1n]]);
});

test('default fills missing (and empty-tag) values and counts them', () => {
  const t = run(`stream|from().measurement('m')|default().field('f', 1.5).tag('t', 'dflt')|httpOut('out')`);
  t.write('m v=1 1');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { t: 'dflt' }, columns: ['time', 'f', 'v'], values: [[sec(1), 1.5, 1]] }]);
  t.write('m,t=set f=2,v=1 2');
  assert.deepEqual(t.values(), [[sec(2), 2, 1]]);
  assert.equal(t.stats().nodes.default2!.counters.fields_defaulted, 1);
  assert.equal(t.stats().nodes.default2!.counters.tags_defaulted, 1);
});

test('delete removes fields and tags', () => {
  const t = run(`stream|from().measurement('m')|delete().field('b').tag('t')|httpOut('out')`);
  t.write('m,t=x,u=y a=1,b=2 1');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { u: 'y' }, columns: ['time', 'a'], values: [[sec(1), 1]] }]);
  assert.equal(t.stats().nodes.delete2!.counters.fields_deleted, 1);
});

test('shift moves times of points and batches', () => {
  const t = run(`stream|from().measurement('m')|shift(-5s)|httpOut('out')`);
  t.write('m v=1 10');
  assert.deepEqual(t.values(), [[sec(5), 1]]);
  const b = run(`stream|from().measurement('m')|window().period(2s).every(2s)|shift(1m)|count('v')|httpOut('out')`, { id: 'b' });
  b.write('m v=1 0\nm v=1 2');
  assert.deepEqual(b.values(), [[sec(62), 1n]]);
});

test('sample keeps every n-th point per group, or points on multiples of a duration', () => {
  const t = run(`stream|from().measurement('m')|sample(2)|window().period(10s).every(10s)|count('v')|httpOut('out')`);
  t.write('m v=1 0\nm v=1 1\nm v=1 2\nm v=1 3\nm v=1 4\nm v=1 10\nm v=1 11');
  assert.deepEqual(t.values(), [[sec(10), 3n]]);
  const d = run(`stream|from().measurement('m')|sample(3s)|httpOut('out')`, { id: 'd' });
  d.write('m v=1 3\nm v=2 4');
  assert.deepEqual(d.values(), [[sec(3), 1]]);
});

test('changeDetect passes only points whose fields changed', () => {
  const t = run(`stream|from().measurement('m')|changeDetect('s')|window().period(10s).every(10s)|httpOut('out')`);
  t.write('m s="a" 0\nm s="a" 1\nm s="b" 2\nm s="b" 3\nm s="a" 4\nm s="z" 10');
  assert.deepEqual(
    t.values().map((r) => r[0]),
    [sec(0), sec(2), sec(4)],
  );
});

test('union merges parents and renames', () => {
  const t = run(`var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|union(b).rename('ab')|window().period(10s).every(10s)|count('v')|httpOut('out')`);
  // a@10 goes on (and closes the window) only once b has reached 10s too (union.go emitReady)
  t.write('a v=1 0\nb v=1 1\nb v=1 2\na v=1 10');
  assert.deepEqual(t.result(), { series: null });
  t.write('b v=1 11');
  assert.deepEqual(t.result().series, [{ name: 'ab', columns: ['time', 'count'], values: [[sec(10), 3n]] }]);
});

test('changeDetect starts afresh in every batch', () => {
  const t = run(`stream|from().measurement('m')|window().period(2s).every(2s).align()|changeDetect('s')|httpOut('out')`);
  t.write('m s="a" 0\nm s="a" 1\nm s="a" 2\nm s="a" 3\nm s="a" 4');
  assert.deepEqual(
    t.values().map((r) => r[0]),
    [sec(2)],
  );
});

test('changeDetect drops a point without the field and compares with the last point passed on (change_detect.go)', () => {
  const t = run(`stream|from().measurement('m')|changeDetect('a', 'b')|window().period(10s).every(10s).align()|httpOut('out')`);
  // 1s: no a or b -> dropped (two errors); 2s: b missing, a unchanged -> dropped; 3s: b equals the
  // 0s point's b (the last passed on), a unchanged -> dropped; 4s: a changes -> passes (the
  // first changed field ends the check, so b's absence is not reported): 3 errors
  t.write('m a=1,b=1 0\nm c=1 1\nm a=1 2\nm a=1,b=1 3\nm a=2 4\nm a=0 10');
  assert.deepEqual(
    t.values().map((r) => r[0]),
    [sec(0), sec(4)],
  );
  assert.equal(t.stats().nodes.changeDetect2!.counters.errors, 3);
});

test('default on a batch sets the batch tags too, counting them (default.go BeginBatch)', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s).align()|default().tag('host', 'x').field('f', 1)|httpOut('out')`);
  t.write('m v=1 1\nm v=2 10');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { host: 'x' }, columns: ['time', 'f', 'v'], values: [[sec(1), 1n, 1]] }]);
  // begin batch: 1 tag + 1 field; the point: 1 tag + 1 field
  assert.equal(t.stats().nodes.default3!.counters.tags_defaulted, 2);
  assert.equal(t.stats().nodes.default3!.counters.fields_defaulted, 2);
});

test('groupBy keeps grouping by measurement when its input does (group_by.go: ByName = input ByName || byMeasurement)', () => {
  const t = run(`stream|from().groupBy('host').groupByMeasurement()|groupBy('cpu')|httpOut('out')`);
  t.write('m1,host=a,cpu=0 v=1 1\nm2,host=a,cpu=0 v=2 1');
  const series = t.result().series!;
  // two groups (one per measurement); without ByName both would be the one group cpu=0
  assert.deepEqual(
    series.map((s) => s.name),
    ['m1', 'm2'],
  );
});
