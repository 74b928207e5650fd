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

test('stats emits the observed node statistics every interval', async () => {
  const t = run(`var f = stream|from().measurement('m')
f|stats(50ms)|httpOut('out')`);
  t.write('m v=1 1\nm v=2 2');
  await sleep(200);
  const series = t.result().series!;
  assert.equal(series[0]!.name, 'stats');
  assert.deepEqual(series[0]!.tags, { node: 'from1', task: 'test', type: 'from' });
  const columns = series[0]!.columns;
  assert.equal(series[0]!.values[0]![columns.indexOf('emitted')], 2n);
  t.stop();
});
