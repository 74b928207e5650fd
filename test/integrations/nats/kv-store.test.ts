// The KV store adapter: the store conformance suite against a real nats-server, then what
// only a shared store has (a write through one node visible on another, batches seen whole,
// a batch whose writer died rolled forward).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectNats, type NatsPeer } from '../../../src/integrations/nats/connection.js';
import { KvStore } from '../../../src/integrations/nats/kv-store.js';
import { natsSkipReason, startNatsServer, type NatsServer } from '../../support/nats-server.js';
import { storeConformance } from '../../storage/store-conformance.js';

let server: Promise<NatsServer | undefined> | undefined;
const peers: NatsPeer[] = [];
let buckets = 0;

async function peer(): Promise<NatsPeer> {
  server ??= startNatsServer();
  const nats = await server;
  const connection = await connectNats([nats!.url], 'kv-store-test');
  peers.push(connection);
  return connection;
}

after(async () => {
  for (const p of peers) await p.close();
  await (await server)?.destroy();
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

if (natsSkipReason) {
  test('KV store', (t) => t.skip(natsSkipReason as string));
} else {
  storeConformance('nats kv', async () => {
    const name = `conformance_${++buckets}`;
    const nats = await peer();
    return { store: await KvStore.open(nats, name), reopen: async () => KvStore.open(await peer(), name) };
  });

  test('nats kv: a write through one node is visible on another, deletes too', async () => {
    const a = await KvStore.open(await peer(), 'shared_1');
    const b = await KvStore.open(await peer(), 'shared_1');
    const seen: string[] = [];
    b.onChange((bucket, key) => seen.push(`${bucket}/${key}`));
    await a.put('tasks', 'cpu', { id: 'cpu' });
    await waitFor(() => b.get('tasks', 'cpu') !== undefined);
    assert.deepEqual(b.get('tasks', 'cpu'), { id: 'cpu' });
    await b.delete('tasks', 'cpu');
    assert.equal(b.get('tasks', 'cpu'), undefined);
    await waitFor(() => a.get('tasks', 'cpu') === undefined);
    assert.ok(seen.includes('tasks/cpu'));
    await a.close();
    await b.close();
  });

  test('nats kv: another node sees a batch whole; sync() waits for earlier writes', async () => {
    const a = await KvStore.open(await peer(), 'shared_2');
    const b = await KvStore.open(await peer(), 'shared_2');
    const partial: number[] = [];
    // Checked once the change being applied is complete (listeners run mid-apply).
    b.onChange(() =>
      queueMicrotask(() => {
        const n = b.list('tasks').length;
        if (n !== 0 && n !== 20) partial.push(n);
      }),
    );
    await a.batch((batch) => {
      for (let i = 0; i < 20; i++) batch.put('tasks', `t${String(i).padStart(2, '0')}`, i);
    });
    await b.sync();
    assert.equal(b.list('tasks').length, 20);
    assert.deepEqual(partial, []);
    await a.close();
    await b.close();
  });

  test('nats kv: a batch left half-written is completed by the next node to open', async () => {
    const nats = await peer();
    const kv = await nats.kvm.create('shared_3', { history: 1 });
    const ops = [
      { b: 'tasks', k: 'a', v: '1' },
      { b: 'tasks', k: 'b', v: '2' },
    ];
    await kv.put('_batch.crashed', JSON.stringify(ops));
    const store = await KvStore.open(await peer(), 'shared_3');
    assert.equal(store.get('tasks', 'a'), 1);
    const other = await KvStore.open(await peer(), 'shared_3');
    assert.equal(other.get('tasks', 'b'), 2);
    assert.equal(await kv.get('_batch.crashed').then((e) => e?.operation), 'DEL');
    await store.close();
    await other.close();
  });
}
