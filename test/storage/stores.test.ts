import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbStore } from '../../src/storage/lmdb-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { storeConformance } from './store-conformance.js';

storeConformance('memory', async () => ({ store: new MemoryStore() }));
storeConformance('lmdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-store-'));
  return { store: new LmdbStore(dir), reopen: async () => new LmdbStore(dir) };
});

test('lmdb: data survives close and reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-store-'));
  try {
    const first = new LmdbStore(dir);
    await first.put('tasks', 'cpu', { id: 'cpu', status: 'enabled' });
    await first.close();
    const second = new LmdbStore(dir);
    assert.deepEqual(second.get('tasks', 'cpu'), { id: 'cpu', status: 'enabled' });
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
