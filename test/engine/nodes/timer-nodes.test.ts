// barrier (idle, delete) and stats(interval): nodes that act on the wall clock.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../harness.js';

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

test('barrier idle with delete drops the group downstream', async () => {
  const t = run(`stream|from().measurement('m').groupBy('g')|barrier().idle(50ms).delete(TRUE)|httpOut('out')`);
  t.write('m,g=a v=1 1');
  assert.equal(t.result().series!.length, 1);
  await sleep(250);
  assert.deepEqual(t.result(), { series: null });
  t.stop();
});

test('stats emits, per group of the observed node, how many messages it has emitted', async () => {
  const t = run(`var f = stream|from().measurement('m').groupBy('g')
f|stats(50ms)|httpOut('out')`);
  t.write('m,g=a v=1 1\nm,g=a v=2 2\nm,g=b v=3 3');
  await sleep(200);
  const series = t.result().series!;
  assert.deepEqual(
    series.map((s) => [s.name, s.tags, s.columns, s.values[0]![1]]),
    [
      ['stats', { g: 'a' }, ['time', 'emitted'], 2n],
      ['stats', { g: 'b' }, ['time', 'emitted'], 1n],
    ],
  );
  t.stop();
});

test('stats of a node that has emitted nothing yet is one point of the empty group with emitted 0 (node.go nodeStatsByGroup)', async () => {
  const t = run(`var f = stream|from().measurement('m').groupBy('g')
f|stats(50ms)|httpOut('out')`);
  await sleep(200);
  const series = t.result().series!;
  assert.deepEqual(
    series.map((s) => [s.name, s.tags ?? {}, s.columns, s.values[0]![1]]),
    [['stats', {}, ['time', 'emitted'], 0n]],
  );
  t.stop();
});

test('stats .align() emits at multiples of the interval with rounded times; a zero interval does not start (stats.go)', async () => {
  const t = run(`var f = stream|from().measurement('m')
f|stats(100ms).align()|httpOut('out')`);
  await sleep(350);
  const time = t.result().series![0]!.values[0]![0] as string;
  assert.equal(Date.parse(time) % 100, 0, time);
  t.stop();
  assert.throws(() => run(`stream|from().measurement('m')|stats(0s)|httpOut('out')`, { id: 'zero' }), /^Error: stats node must have positive interval$/);
});
