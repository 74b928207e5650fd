import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  applyHeapGrowth,
  DEFAULT_HEAP_GROWING_PERCENT,
  growingPercentFor,
  heapGrowthGivenByOperator,
  HeapGrowthPolicy,
  LARGE_HEAP_BYTES,
  LARGE_HEAP_GROWING_PERCENT,
  SMALL_HEAP_BYTES,
} from '../../src/util/heap-growth.js';

const MB = 2 ** 20;

describe('heap growth', () => {
  it('sees a growth factor given on the command line or in NODE_OPTIONS, in either spelling', () => {
    assert.equal(heapGrowthGivenByOperator(['--heap-growing-percent=30'], undefined), true);
    assert.equal(heapGrowthGivenByOperator(['--heap_growing_percent=30'], undefined), true);
    assert.equal(heapGrowthGivenByOperator([], '--max-old-space-size=512 --heap-growing-percent=200'), true);
    assert.equal(heapGrowthGivenByOperator(['--max-old-space-size=512'], '--enable-source-maps'), false);
    assert.equal(heapGrowthGivenByOperator([], undefined), false);
  });

  it('applies the default factor only when the operator chose none', () => {
    assert.equal(applyHeapGrowth([], undefined, undefined), `--heap-growing-percent=${DEFAULT_HEAP_GROWING_PERCENT}`);
    assert.equal(applyHeapGrowth(['--heap-growing-percent=50'], undefined, undefined), undefined);
    assert.equal(applyHeapGrowth([], '--heap-growing-percent=50', undefined), undefined);
  });

  it('grows a large live heap by less, and goes back only once it is clearly small again', () => {
    assert.equal(growingPercentFor(20 * MB, DEFAULT_HEAP_GROWING_PERCENT), DEFAULT_HEAP_GROWING_PERCENT);
    assert.equal(growingPercentFor(LARGE_HEAP_BYTES, DEFAULT_HEAP_GROWING_PERCENT), LARGE_HEAP_GROWING_PERCENT);
    // between the two bounds the factor in force stays
    const between = (LARGE_HEAP_BYTES + SMALL_HEAP_BYTES) / 2;
    assert.equal(growingPercentFor(between, LARGE_HEAP_GROWING_PERCENT), LARGE_HEAP_GROWING_PERCENT);
    assert.equal(growingPercentFor(between, DEFAULT_HEAP_GROWING_PERCENT), DEFAULT_HEAP_GROWING_PERCENT);
    assert.equal(growingPercentFor(SMALL_HEAP_BYTES - 1, LARGE_HEAP_GROWING_PERCENT), DEFAULT_HEAP_GROWING_PERCENT);
  });

  it('sets the flag only when the choice changes', () => {
    const set: number[] = [];
    let live = 10 * MB;
    const policy = new HeapGrowthPolicy(
      (percent) => set.push(percent),
      () => live,
    );
    policy.afterFullCollection();
    live = 200 * MB;
    policy.afterFullCollection();
    policy.afterFullCollection();
    live = 90 * MB;
    policy.afterFullCollection();
    live = 40 * MB;
    policy.afterFullCollection();
    assert.deepEqual(set, [LARGE_HEAP_GROWING_PERCENT, DEFAULT_HEAP_GROWING_PERCENT]);
    assert.equal(policy.percent, DEFAULT_HEAP_GROWING_PERCENT);
  });

  it('follows the full collections of the running thread', async () => {
    const set: number[] = [];
    const policy = new HeapGrowthPolicy(
      (percent) => set.push(percent),
      () => 200 * MB,
    );
    const stop = policy.watch();
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const deadline = Date.now() + 5000;
      while (set.length === 0 && Date.now() < deadline) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stop();
    }
    assert.deepEqual(set, [LARGE_HEAP_GROWING_PERCENT]);
  });
});
