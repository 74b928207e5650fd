// A store that keeps some buckets in one store and the rest in another: in cluster mode the
// shared definitions go to the cluster's store while node-local state (recordings, replays,
// this node's id) stays in the node's own. A batch touching both is split in two, each atomic.

import type { Store, StoreBatch, StoreEntry } from './store.js';

export class SplitStore implements Store {
  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    /** Buckets kept in the local store; every other bucket is shared. */
    private readonly localBuckets: ReadonlySet<string>,
  ) {}

  private pick(bucket: string): Store {
    return this.localBuckets.has(bucket) ? this.local : this.shared;
  }

  get<T>(bucket: string, key: string): T | undefined {
    return this.pick(bucket).get<T>(bucket, key);
  }

  list<T>(bucket: string, prefix?: string): StoreEntry<T>[] {
    return this.pick(bucket).list<T>(bucket, prefix);
  }

  put(bucket: string, key: string, value: unknown): Promise<void> {
    return this.pick(bucket).put(bucket, key, value);
  }

  delete(bucket: string, key: string): Promise<void> {
    return this.pick(bucket).delete(bucket, key);
  }

  async batch(fill: (batch: StoreBatch) => void): Promise<void> {
    const writes: Array<{ bucket: string; key: string; value?: unknown; del: boolean }> = [];
    fill({
      put: (bucket, key, value) => writes.push({ bucket, key, value, del: false }),
      delete: (bucket, key) => writes.push({ bucket, key, del: true }),
    });
    const apply = (store: Store, local: boolean) =>
      store.batch((batch) => {
        for (const w of writes) {
          if (this.localBuckets.has(w.bucket) !== local) continue;
          if (w.del) batch.delete(w.bucket, w.key);
          else batch.put(w.bucket, w.key, w.value);
        }
      });
    await Promise.all([apply(this.shared, false), apply(this.local, true)]);
  }

  async close(): Promise<void> {
    await this.shared.close();
    await this.local.close();
  }
}
