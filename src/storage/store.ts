// The store interface every service keeps its state behind: buckets of JSON-like values keyed
// by string, with prefix scans and atomic multi-key writes. Implementations: lmdb (durable,
// the default) and in-memory (tests, replays). A write's promise resolves once it is durable.

export interface StoreEntry<T> {
  readonly key: string;
  readonly value: T;
}

/** One atomic group of writes across buckets. */
export interface StoreBatch {
  put(bucket: string, key: string, value: unknown): void;
  delete(bucket: string, key: string): void;
}

export interface Store {
  get<T>(bucket: string, key: string): T | undefined;
  /** Entries of a bucket whose key starts with prefix, in key order. */
  list<T>(bucket: string, prefix?: string): StoreEntry<T>[];
  put(bucket: string, key: string, value: unknown): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
  /** Applies every write made in fill() atomically; resolves when durable. */
  batch(fill: (batch: StoreBatch) => void): Promise<void>;
  close(): Promise<void>;
}
