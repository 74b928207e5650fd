// join (as, on, tolerance, fill, streamName, delimiter), flatten and combine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

test('join pairs points of two streams at the same time within a group', () => {
  const t = run(`var a = stream|from().measurement('a').groupBy('g')
var b = stream|from().measurement('b').groupBy('g')
a|join(b).as('A', 'B').streamName('ab')|httpOut('out')`);
  t.write('a,g=x v=1 1\nb,g=y v=9 1\nb,g=x v=2 1');
  assert.deepEqual(t.result().series, [{ name: 'ab', tags: { g: 'x' }, columns: ['time', 'A.v', 'B.v'], values: [[sec(1), 1, 2]] }]);
});

test('join tolerance rounds times; delimiter changes the prefix separator', () => {
  const t = run(`var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('A', 'B').tolerance(2s).delimiter('_')|httpOut('out')`);
  t.write('a v=1 3\nb v=2 4');
  assert.deepEqual(t.result().series, [{ name: 'a', columns: ['time', 'A_v', 'B_v'], values: [[sec(4), 1, 2]] }]);
});

test('join on a subset of tags matches the less specific parent with every group', () => {
  const t = run(`var total = stream|from().measurement('t').groupBy('host')
var part = stream|from().measurement('p').groupBy('host', 'cpu')
part|join(total).as('p', 't').on('host')|eval(lambda: "p.v" / "t.v").as('ratio')|httpOut('out')`);
  t.write('t,host=h v=10 1\np,host=h,cpu=0 v=2 1\np,host=h,cpu=1 v=5 1');
  assert.deepEqual(t.values('out', { cpu: '0', host: 'h' }), [[sec(1), 0.2]]);
  assert.deepEqual(t.values('out', { cpu: '1', host: 'h' }), [[sec(1), 0.5]]);
});

test('join fill emits incomplete sets once every parent moved past them; without fill they drop', () => {
  const script = (fill: string) => `var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('A', 'B')${fill}|window().period(10s).every(10s).align()|httpOut('out')`;
  const t = run(script(`.fill(0.0)`));
  t.write('a v=1 1\na v=2 2\nb v=3 2\na v=0 10\nb v=0 10\na v=0 11\nb v=0 11');
  assert.deepEqual(t.values(), [
    [sec(1), 1, 0],
    [sec(2), 2, 3],
  ]);
  const n = run(script(''), { id: 'n' });
  n.write('a v=1 1\na v=2 2\nb v=3 2\na v=0 10\nb v=0 10\na v=0 11\nb v=0 11');
  assert.deepEqual(n.values(), [[sec(2), 2, 3]]);
});

test('flatten merges same-time points by tag values', () => {
  const t = run(`stream|from().measurement('m')|flatten().on('host').tolerance(1s)|httpOut('out')`);
  t.write('m,host=a v=1 0\nm,host=b v=2 0\nm,host=a v=3 5');
  assert.deepEqual(t.result().series, [{ name: 'm', columns: ['time', 'a.v', 'b.v'], values: [[sec(0), 1, 2]] }]);
  const d = run(`stream|from().measurement('m')|flatten().on('host').dropOriginalFieldName()|httpOut('out')`, { id: 'd' });
  d.write('m,host=a v=1 0\nm,host=b v=2 0\nm,host=a v=3 5');
  assert.deepEqual(d.result().series![0]!.columns, ['time', 'a', 'b']);
});

test('combine emits every matching ordered combination of same-time points', () => {
  const t = run(`stream|from().measurement('m')|combine(lambda: "k" == 'x', lambda: TRUE).as('l', 'r')|httpOut('out')`);
  t.write('m,k=x v=1 0\nm,k=y v=2 0\nm,k=z v=3 0\nm,k=x v=0 1');
  // combinations (i<j): (x,y), (x,z) match; (y,z) does not. httpOut keeps the last per group.
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { 'l.k': 'x', 'r.k': 'z' }, columns: ['time', 'l.v', 'r.v'], values: [[sec(0), 1, 3]] }]);
  assert.equal(t.stats().nodes.combine2!.emitted, 2);
});

test('combine assigns each lambda in turn the first matching member; max bounds the combinations', () => {
  const t = run(`stream|from().measurement('m')|combine(lambda: "k" == 'y', lambda: TRUE).as('a', 'b')|httpOut('out')`);
  t.write('m,k=x v=1 0\nm,k=y v=2 0\nm,k=x v=0 1');
  assert.deepEqual(t.result().series, [{ name: 'm', tags: { 'a.k': 'y', 'b.k': 'x' }, columns: ['time', 'a.v', 'b.v'], values: [[sec(0), 2, 1]] }]);
  const m = run(`stream|from().measurement('m')|combine(lambda: TRUE, lambda: TRUE).as('a', 'b').max(2)|httpOut('out')`, { id: 'm' });
  m.write('m,k=x v=1 0\nm,k=y v=2 0\nm,k=z v=3 0\nm,k=x v=0 1');
  assert.deepEqual(m.result(), { series: null });
  assert.equal(m.stats().nodes.combine2!.counters.errors, 1);
});

test('flatten as flatten.go builds names: a missing tag drops the point but its written prefix carries on', () => {
  const t = run(`stream|from().measurement('m')|flatten().on('host', 'cpu')|httpOut('out')`);
  // at 0s: host=a lacks cpu (error; prefix "a" stays), then host=b,cpu=0 -> "ab.0.v"
  t.write('m,host=a v=1 0\nm,host=b,cpu=0 v=2 0\nm,host=c,cpu=1 v=3 5');
  assert.deepEqual(t.result().series, [{ name: 'm', columns: ['time', 'ab.0.v'], values: [[sec(0), 2]] }]);
  // a set that flattens to no fields is not emitted
  t.write('m,host=x v=1 6\nm,host=y,cpu=1 v=1 7');
  assert.deepEqual(t.result().series![0]!.columns, ['time', 'c.1.v']);
});

test('flatten in a batch: consecutive points of one time form a set (flattenBuffer.BatchPoint)', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s).align()|flatten().on('host')|httpOut('out')`);
  t.write('m,host=a v=1 1\nm,host=b v=2 1\nm,host=a v=3 2\nm,host=c v=4 1\nm v=0 10');
  // 1s, 2s, then 1s again: three rows, the last only with c.v; the columns come from the first
  // row's fields (bufferedBatchMessage.ToRow), so c.v has no column
  assert.deepEqual(t.result().series![0]!.columns, ['time', 'a.v', 'b.v']);
  assert.deepEqual(t.values(), [
    [sec(1), 1, 2],
    [sec(2), 3, null],
    [sec(1), null, null],
  ]);
});
