// In-memory store with the same semantics as the durable one (key order, prefix scans, atomic
// batches); used by tests and by isolated replays. Values are cloned so callers never share
// state with the store.

import type { Store, StoreBatch, StoreEntry } from './store.js';

export class MemoryStore implements Store {
  private readonly buckets = new Map<string, Map<string, unknown>>();

  private bucket(name: string): Map<string, unknown> {
    let bucket = this.buckets.get(name);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(name, bucket);
    }
    return bucket;
  }

  get<T>(bucket: string, key: string): T | undefined {
    const value = this.buckets.get(bucket)?.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  list<T>(bucket: string, prefix = ''): StoreEntry<T>[] {
    const entries: StoreEntry<T>[] = [];
    for (const [key, value] of this.buckets.get(bucket) ?? []) {
      if (key.startsWith(prefix)) entries.push({ key, value: structuredClone(value) as T });
    }
    return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async put(bucket: string, key: string, value: unknown): Promise<void> {
    this.bucket(bucket).set(key, structuredClone(value));
  }

  async delete(bucket: string, key: string): Promise<void> {
    this.buckets.get(bucket)?.delete(key);
  }

  async batch(fill: (batch: StoreBatch) => void): Promise<void> {
    const writes: Array<() => void> = [];
    fill({
      put: (bucket, key, value) => writes.push(() => this.bucket(bucket).set(key, structuredClone(value))),
      delete: (bucket, key) => writes.push(() => this.buckets.get(bucket)?.delete(key)),
    });
    for (const write of writes) write();
  }

  async close(): Promise<void> {}
}
