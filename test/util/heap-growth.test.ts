import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyHeapGrowth, DEFAULT_HEAP_GROWING_PERCENT, heapGrowthGivenByOperator } from '../../src/util/heap-growth.js';

describe('heap growth', () => {
  it('sees a growth factor given on the command line or in NODE_OPTIONS, in either spelling', () => {
    assert.equal(heapGrowthGivenByOperator(['--heap-growing-percent=30'], undefined), true);
    assert.equal(heapGrowthGivenByOperator(['--heap_growing_percent=30'], undefined), true);
    assert.equal(heapGrowthGivenByOperator([], '--max-old-space-size=512 --heap-growing-percent=200'), true);
    assert.equal(heapGrowthGivenByOperator(['--max-old-space-size=512'], '--enable-source-maps'), false);
    assert.equal(heapGrowthGivenByOperator([], undefined), false);
  });

  it('applies the default factor only when the operator chose none', () => {
    assert.equal(applyHeapGrowth([], undefined), `--heap-growing-percent=${DEFAULT_HEAP_GROWING_PERCENT}`);
    assert.equal(applyHeapGrowth(['--heap-growing-percent=50'], undefined), undefined);
    assert.equal(applyHeapGrowth([], '--heap-growing-percent=50'), undefined);
  });
});
