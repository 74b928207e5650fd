// union(): Kapacitor's time-ordered merge (union.go, UnionNode.emitReady): every parent is
// buffered; a message goes on once each parent has shown a message at or after its time.
// Parents are numbered as Kapacitor links them (pipeline/union.go newUnionNode): the nodes given
// to union() first, the node union() is called on last; equal times go on in that order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

const script = `var h1 = stream|from().measurement('h1')
var h2 = stream|from().measurement('h2')
h1|union(h2)|httpOut('out')`;

test('union holds a point until every parent has passed its time', () => {
  const t = run(script);
  t.write('h1 v=1 10');
  // h2 has sent nothing yet: no low-water mark, nothing goes on (emitReady returns early)
  assert.deepEqual(t.result(), { series: null });
  t.write('h2 v=2 10');
  // both at 10s: h2 (parent 0) then h1 (parent 1)
  assert.deepEqual(t.values(), [[sec(10), 1]]);
  t.write('h1 v=3 20');
  // h2's low mark is still 10s: the 20s point waits (Kapacitor's httpOut shows the 10s point)
  assert.deepEqual(t.values(), [[sec(10), 1]]);
  assert.equal(t.stats().nodes.union4!.emitted, 2);
  t.write('h2 v=4 15');
  assert.deepEqual(t.values(), [[sec(15), 4]]);
  t.write('h2 v=5 30');
  // the mark moves to 20s: h1@20 goes on, h2@30 waits for h1
  assert.deepEqual(t.values(), [[sec(20), 3]]);
  assert.equal(t.stats().nodes.union4!.emitted, 4);
});

test('union emits in time order across parents, parent order breaking ties', () => {
  const t = run(`var h1 = stream|from().measurement('h1')
var h2 = stream|from().measurement('h2')
h1|union(h2).rename('u')|window().period(100s).every(100s).align()|httpOut('out')`);
  t.write('h2 v=1 5\nh2 v=2 7\nh1 v=3 6\nh1 v=4 7\nh2 v=5 8\nh1 v=6 100\nh2 v=7 100\nh1 v=8 101\nh2 v=9 101');
  // merge order: 5(h2) 6(h1) 7(h2: parent 0 is scanned first) 7(h1) 8(h2)
  assert.deepEqual(t.values(), [
    [sec(5), 1],
    [sec(6), 3],
    [sec(7), 2],
    [sec(7), 4],
    [sec(8), 5],
  ]);
});

test('union of a stream with itself shifted keeps each parent in order', () => {
  const t = run(`var s = stream|from().measurement('m')
var late = s|shift(10s)
s|union(late)|window().period(30s).every(30s)|count('v')|httpOut('out')`);
  t.write('m v=1 0\nm v=1 5\nm v=1 31\nm v=1 45');
  // parent 1 (shifted) reaches 41s: every unshifted point up to 41s went on; the window [0s,30s)
  // holds 0,5 and the shifted 10,15 -> 4
  assert.deepEqual(t.values(), [[sec(30), 4n]]);
});
