// holtWinters / holtWintersWithFit: forecast times, fit data, gaps and a linear trend.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holtWinters } from '../../../src/engine/influxql/holt-winters.js';
import { run, sec } from '../harness.js';

const S = 1_000_000_000n;

test('a linear series is forecast along its trend, at interval steps after the last point', () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ time: BigInt(i) * S, value: 100 + 2 * i }));
  const out = holtWinters(points, 3, 0, S, false);
  assert.deepEqual(
    out.map((p) => p.time),
    [10n * S, 11n * S, 12n * S],
  );
  for (const [i, p] of out.entries()) assert.ok(Math.abs(p.value - (120 + 2 * i)) < 2, `forecast ${i}: ${p.value}`);
  assert.ok(out[1]!.value > out[0]!.value && out[2]!.value > out[1]!.value);
});

test('with fit the fitted values come first, starting with the first value; gaps are skipped', () => {
  const points = [0, 1, 2, 4, 5, 6].map((i) => ({ time: BigInt(i) * S, value: 10 + i }));
  const out = holtWinters(points, 2, 0, S, true);
  assert.equal(out[0]!.value, 10);
  assert.equal(out[0]!.time, 0n);
  assert.equal(out.length, 7 + 2);
  assert.deepEqual(holtWinters(points.slice(0, 1), 2, 0, S, true), []);
});

test('seasonal models need at least m points and produce finite forecasts', () => {
  const points = Array.from({ length: 12 }, (_, i) => ({ time: BigInt(i) * S, value: 10 + (i % 4) * 3 }));
  const out = holtWinters(points, 4, 4, S, false);
  assert.equal(out.length, 4);
  for (const p of out) assert.ok(Number.isFinite(p.value));
});

test('the node forecasts each window of each group', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s).align()|holtWinters('v', 2, 0, 1s).as('f')|httpOut('out')`);
  t.write(Array.from({ length: 11 }, (_, i) => `m v=${i}i ${i}`).join('\n'));
  const values = t.values();
  assert.deepEqual(
    values.map((r) => r[0]),
    [sec(10), sec(11)],
  );
  assert.deepEqual(t.result().series![0]!.columns, ['time', 'f']);
});
