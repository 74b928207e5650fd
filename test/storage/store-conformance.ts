// One conformance suite run against every Store implementation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/storage/store.js';

export function storeConformance(name: string, open: () => Promise<{ store: Store; reopen?: () => Promise<Store> }>): void {
  test(`${name}: put/get/delete`, async () => {
    const { store } = await open();
    assert.equal(store.get('tasks', 'a'), undefined);
    await store.put('tasks', 'a', { id: 'a', n: 1 });
    assert.deepEqual(store.get('tasks', 'a'), { id: 'a', n: 1 });
    await store.delete('tasks', 'a');
    assert.equal(store.get('tasks', 'a'), undefined);
    await store.close();
  });

  test(`${name}: list is per bucket, prefix-filtered and key-ordered`, async () => {
    const { store } = await open();
    await store.put('tasks', 'b', 2);
    await store.put('tasks', 'a', 1);
    await store.put('tasks', 'ab', 3);
    await store.put('templates', 'a', 'other bucket');
    await store.put('tasksx', 'a', 'neighbour bucket');
    assert.deepEqual(store.list('tasks').map((e) => e.key), ['a', 'ab', 'b']);
    assert.deepEqual(store.list('tasks', 'a').map((e) => [e.key, e.value]), [['a', 1], ['ab', 3]]);
    assert.deepEqual(store.list('none'), []);
    await store.close();
  });

  test(`${name}: batch applies every write`, async () => {
    const { store } = await open();
    await store.put('b1', 'gone', true);
    await store.batch((batch) => {
      batch.put('b1', 'x', 1);
      batch.put('b2', 'y', 2);
      batch.delete('b1', 'gone');
    });
    assert.equal(store.get('b1', 'x'), 1);
    assert.equal(store.get('b2', 'y'), 2);
    assert.equal(store.get('b1', 'gone'), undefined);
    await store.close();
  });

  test(`${name}: returned values are not shared with the store`, async () => {
    const { store } = await open();
    await store.put('t', 'k', { list: [1] });
    const value = store.get<{ list: number[] }>('t', 'k')!;
    value.list.push(2);
    assert.deepEqual(store.get('t', 'k'), { list: [1] });
    await store.close();
  });
}
