// Durable store on LMDB (the `lmdb` package): one database file in the data directory, keys
// ordered as [bucket, key] so a bucket is a contiguous range. Writes are transactional and
// resolve only once committed to disk, so acknowledged state survives kill -9.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import type { Store, StoreBatch, StoreEntry } from './store.js';

type Key = [string, string];

export class LmdbStore implements Store {
  private readonly db: RootDatabase<unknown, Key>;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = open<unknown, Key>({ path, compression: false });
  }

  get<T>(bucket: string, key: string): T | undefined {
    return this.db.get([bucket, key]) as T | undefined;
  }

  list<T>(bucket: string, prefix = ''): StoreEntry<T>[] {
    const entries: StoreEntry<T>[] = [];
    for (const { key, value } of this.db.getRange({ start: [bucket, prefix] })) {
      const [entryBucket, entryKey] = key;
      if (entryBucket !== bucket || !entryKey.startsWith(prefix)) break;
      entries.push({ key: entryKey, value: value as T });
    }
    return entries;
  }

  async put(bucket: string, key: string, value: unknown): Promise<void> {
    await this.db.put([bucket, key], value);
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.db.remove([bucket, key]);
  }

  async batch(fill: (batch: StoreBatch) => void): Promise<void> {
    const writes: Array<() => void> = [];
    fill({
      put: (bucket, key, value) => writes.push(() => void this.db.put([bucket, key], value)),
      delete: (bucket, key) => writes.push(() => void this.db.remove([bucket, key])),
    });
    await this.db.transaction(() => {
      for (const write of writes) write();
    });
  }

  /** A consistent copy of the whole database in one file (a read transaction's snapshot). */
  async backup(path: string): Promise<void> {
    await this.db.flushed;
    await this.db.backup(path, false);
  }

  async close(): Promise<void> {
    await this.db.flushed;
    await this.db.close();
  }
}
