// The reducers' float fast path (floatReduce) against the general path (the collected values
// through count/sum/mean/min/max): equal results, times and chosen indexes on random batches
// with ties, NaN, infinities and negative zero; and no answer where the general path must decide.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as R from '../../../src/engine/influxql/reducers.js';

type Point = { time: bigint; fields: Record<string, number | bigint | string | boolean> };

function general(kind: string, points: readonly Point[], field: string): R.Reduced[] {
  const values: R.AggPoint[] = points.map((p, index) => ({ value: p.fields[field]!, time: p.time, index }));
  switch (kind) {
    case 'count':
      return R.count(values);
    case 'sum':
      return R.sum(values, 'float');
    case 'mean':
      return R.mean(values, 'float');
    case 'min':
      return R.min(values);
    default:
      return R.max(values);
  }
}

test('floatReduce gives what count, sum, mean, min and max give over the collected values', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const special = [0, -0, 1.5, -1.5, Number.NaN, Infinity, -Infinity, 0.1, 0.2, 1e300];
  for (let round = 0; round < 2_000; round++) {
    const n = 1 + random(12);
    const points: Point[] = [];
    for (let i = 0; i < n; i++) {
      const value = random(3) === 0 ? special[random(special.length)]! : random(5) - 2 + random(1000) / 7;
      points.push({ time: BigInt(random(4)), fields: { v: value, other: 'x' } });
    }
    for (const kind of R.FLOAT_FAST) {
      const fast = R.floatReduce(kind, points, 'v');
      assert.ok(fast !== undefined);
      assert.deepEqual(fast, general(kind, points, 'v'), `${kind} of ${JSON.stringify(points.map((p) => [String(p.time), p.fields.v]))}`);
    }
  }
});

test('floatReduce leaves empty batches, missing fields and other types to the general path', () => {
  for (const kind of R.FLOAT_FAST) {
    assert.equal(R.floatReduce(kind, [], 'v'), undefined);
    assert.equal(
      R.floatReduce(
        kind,
        [
          { time: 1n, fields: { v: 1 } },
          { time: 2n, fields: { w: 1 } },
        ],
        'v',
      ),
      undefined,
    );
    assert.equal(
      R.floatReduce(
        kind,
        [
          { time: 1n, fields: { v: 1 } },
          { time: 2n, fields: { v: 1n } },
        ],
        'v',
      ),
      undefined,
    );
    assert.equal(R.floatReduce(kind, [{ time: 1n, fields: { v: 'a' } }], 'v'), undefined);
  }
  assert.equal(R.floatReduce('median', [{ time: 1n, fields: { v: 1 } }], 'v'), undefined);
});
