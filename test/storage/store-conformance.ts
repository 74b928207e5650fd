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
    assert.deepEqual(
      store.list('tasks').map((e) => e.key),
      ['a', 'ab', 'b'],
    );
    assert.deepEqual(
      store.list('tasks', 'a').map((e) => [e.key, e.value]),
      [
        ['a', 1],
        ['ab', 3],
      ],
    );
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

  test(`${name}: put overwrites; keys may hold any characters`, async () => {
    const { store } = await open();
    const key = 'main:cpu alert:alert2\u001fserver=ö/1.2 *';
    await store.put('alert_events', key, { level: 2 });
    await store.put('alert_events', key, { level: 0 });
    assert.deepEqual(store.get('alert_events', key), { level: 0 });
    assert.deepEqual(
      store.list('alert_events', 'main:cpu').map((e) => e.key),
      [key],
    );
    await store.put('tasks', '', 'empty key');
    assert.equal(store.get('tasks', ''), 'empty key');
    await store.close();
  });

  test(`${name}: a batch's writes apply in order (put then delete of one key deletes it)`, async () => {
    const { store } = await open();
    await store.batch((batch) => {
      batch.put('b', 'k', 1);
      batch.delete('b', 'k');
      batch.put('b', 'j', 1);
      batch.put('b', 'j', 2);
    });
    assert.equal(store.get('b', 'k'), undefined);
    assert.equal(store.get('b', 'j'), 2);
    await store.batch(() => {});
    await store.close();
  });

  test(`${name}: deleting a missing key is not an error`, async () => {
    const { store } = await open();
    await store.delete('tasks', 'never');
    await store.batch((batch) => batch.delete('tasks', 'never'));
    assert.deepEqual(store.list('tasks'), []);
    await store.close();
  });

  test(`${name}: acknowledged writes survive close and reopen`, async (t) => {
    const { store, reopen } = await open();
    if (reopen === undefined) return t.skip('not durable');
    await store.put('tasks', 'cpu', { id: 'cpu', status: 'enabled' });
    await store.batch((batch) => {
      batch.put('templates', 't', { taskIds: ['cpu'] });
      batch.delete('tasks', 'gone');
    });
    await store.close();
    const again = await reopen();
    assert.deepEqual(again.get('tasks', 'cpu'), { id: 'cpu', status: 'enabled' });
    assert.deepEqual(again.get('templates', 't'), { taskIds: ['cpu'] });
    await again.close();
  });
}
