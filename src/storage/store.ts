// The store interface every service keeps its state behind: buckets of JSON-like values keyed
// by string, with prefix scans and atomic multi-key writes. Implementations: lmdb (durable,
// the default) and in-memory (tests, replays). A write's promise resolves once it is durable.

/** Longest key (UTF-8 bytes) a store accepts: LMDB's limit (~1978) less room for the bucket. */
export const MAX_KEY_BYTES = 1500;

export class KeyTooLongError extends Error {
  constructor(
    readonly bucket: string,
    readonly bytes: number,
  ) {
    super(`key of ${bytes} bytes is too long for bucket ${bucket} (limit ${MAX_KEY_BYTES})`);
    this.name = 'KeyTooLongError';
  }
}

/** Whether a key fits the store; callers with longer natural keys store a digest instead. */
export function keyFits(key: string): boolean {
  return key.length * 3 <= MAX_KEY_BYTES || Buffer.byteLength(key) <= MAX_KEY_BYTES;
}

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
