// The store interface (src/services/storage/store.ts) on a JetStream KV bucket, for cluster
// mode: every node keeps a mirror of the bucket fed by a watcher, so reads stay synchronous;
// a write resolves once JetStream has acknowledged it and is visible at once on the node that
// made it (read-your-writes), and on the others as soon as their watcher sees it.
// Batches are first written whole as one entry (`_batch.<id>`), then key by key: other nodes
// apply the whole batch at once when they see that entry, and a batch whose writer died midway
// is rolled forward by the next node to open the store. Never reads or writes anything but
// its own bucket.

import { randomUUID } from 'node:crypto';
import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import type { Store, StoreBatch, StoreEntry } from '../../storage/store.js';
import type { NatsPeer } from './connection.js';

type Op = { b: string; k: string; v?: string };

interface Slot {
  json: string;
  rev: number;
}

const BATCH_PREFIX = '_batch.';
const SYNC_PREFIX = '_sync.';

/** KV keys allow [-/_=.a-zA-Z0-9]; buckets and keys are encoded to one token each. */
function token(text: string): string {
  return 'k' + Buffer.from(text, 'utf8').toString('base64url');
}

function untoken(text: string): string {
  return Buffer.from(text.slice(1), 'base64url').toString('utf8');
}

function kvKey(bucket: string, key: string): string {
  return token(bucket) + '.' + token(key);
}

export type StoreChangeListener = (bucket: string, key: string) => void;

export class KvStore implements Store {
  private readonly buckets = new Map<string, Map<string, Slot>>();
  /** Keys deleted here whose delete the watcher has not delivered yet (ignore older puts). */
  private readonly pendingDeletes = new Set<string>();
  private readonly listeners = new Set<StoreChangeListener>();
  private readonly syncWaiters = new Map<string, () => void>();
  private watcher: QueuedIterator<KvWatchEntry> | undefined;
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  private constructor(private readonly kv: KV) {}

  /** Opens (creating when missing) the bucket and loads its mirror. */
  static async open(peer: NatsPeer, name: string, replicas = 1): Promise<KvStore> {
    const kv = await peer.kvm.create(name, { replicas, history: 1 });
    const store = new KvStore(kv);
    await store.startWatching();
    await store.rollForward();
    return store;
  }

  onChange(listener: StoreChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get<T>(bucket: string, key: string): T | undefined {
    const slot = this.buckets.get(bucket)?.get(key);
    return slot === undefined ? undefined : (JSON.parse(slot.json) as T);
  }

  list<T>(bucket: string, prefix = ''): StoreEntry<T>[] {
    const entries: StoreEntry<T>[] = [];
    for (const [key, slot] of this.buckets.get(bucket) ?? []) {
      if (key.startsWith(prefix)) entries.push({ key, value: JSON.parse(slot.json) as T });
    }
    return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async put(bucket: string, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    const full = kvKey(bucket, key);
    const rev = await this.kv.put(full, this.encoder.encode(json));
    this.pendingDeletes.delete(full);
    this.setLocal(bucket, key, json, rev);
  }

  async delete(bucket: string, key: string): Promise<void> {
    const full = kvKey(bucket, key);
    this.pendingDeletes.add(full);
    this.deleteLocal(bucket, key);
    await this.kv.delete(full);
  }

  async batch(fill: (batch: StoreBatch) => void): Promise<void> {
    // The last write to each key wins, as when applied in order.
    const byKey = new Map<string, Op>();
    fill({
      put: (b, k, value) => {
        const full = kvKey(b, k);
        byKey.delete(full);
        byKey.set(full, { b, k, v: JSON.stringify(value) });
      },
      delete: (b, k) => {
        const full = kvKey(b, k);
        byKey.delete(full);
        byKey.set(full, { b, k });
      },
    });
    const ops = [...byKey.values()];
    if (ops.length === 0) return;
    if (ops.length === 1) {
      const op = ops[0]!;
      return op.v === undefined ? this.delete(op.b, op.k) : this.put(op.b, op.k, JSON.parse(op.v));
    }
    const batchKey = BATCH_PREFIX + randomUUID().replaceAll('-', '');
    const rev = await this.kv.put(batchKey, this.encoder.encode(JSON.stringify(ops)));
    this.applyOps(ops, rev);
    await this.writeOps(ops);
    await this.kv.delete(batchKey);
  }

  /** Resolves once every write made to the bucket before the call is in this node's mirror. */
  async sync(): Promise<void> {
    const marker = SYNC_PREFIX + randomUUID().replaceAll('-', '');
    const seen = new Promise<void>((resolve) => this.syncWaiters.set(marker, resolve));
    await this.kv.put(marker, this.encoder.encode('1'));
    await seen;
    await this.kv.purge(marker);
  }

  async close(): Promise<void> {
    this.watcher?.stop();
    this.watcher = undefined;
  }

  // ---- mirror ----------------------------------------------------------------------------

  private async startWatching(): Promise<void> {
    this.watcher = await this.kv.watch();
    const watcher = this.watcher;
    void (async () => {
      for await (const entry of watcher) this.applyEntry(entry);
    })().catch(() => {
      /* closed */
    });
    await this.sync();
  }

  private applyEntry(entry: KvWatchEntry): void {
    const full = entry.key;
    if (full.startsWith(SYNC_PREFIX)) {
      if (entry.operation === 'PUT') {
        const waiter = this.syncWaiters.get(full);
        if (waiter !== undefined) {
          this.syncWaiters.delete(full);
          waiter();
        }
      }
      return;
    }
    if (full.startsWith(BATCH_PREFIX)) {
      if (entry.operation === 'PUT') this.applyOps(JSON.parse(this.decoder.decode(entry.value)) as Op[], entry.revision);
      return;
    }
    const dot = full.indexOf('.');
    if (dot < 0) return;
    const bucket = untoken(full.slice(0, dot));
    const key = untoken(full.slice(dot + 1));
    if (entry.operation === 'PUT') {
      if (this.pendingDeletes.has(full)) return;
      this.setLocal(bucket, key, this.decoder.decode(entry.value), entry.revision);
    } else {
      this.pendingDeletes.delete(full);
      const slot = this.buckets.get(bucket)?.get(key);
      if (slot !== undefined && slot.rev < entry.revision) this.deleteLocal(bucket, key);
    }
  }

  private applyOps(ops: Op[], rev: number): void {
    for (const op of ops) {
      if (op.v === undefined) {
        const slot = this.buckets.get(op.b)?.get(op.k);
        if (slot !== undefined && slot.rev < rev) this.deleteLocal(op.b, op.k);
      } else {
        this.setLocal(op.b, op.k, op.v, rev);
      }
    }
  }

  private async writeOps(ops: Op[]): Promise<void> {
    await Promise.all(
      ops.map(async (op) => {
        const full = kvKey(op.b, op.k);
        if (op.v === undefined) {
          this.pendingDeletes.add(full);
          await this.kv.delete(full);
        } else {
          const rev = await this.kv.put(full, this.encoder.encode(op.v));
          this.setLocal(op.b, op.k, op.v, rev);
        }
      }),
    );
  }

  /** Completes batches whose writer stopped before writing every key. */
  private async rollForward(): Promise<void> {
    const leftovers: Array<{ key: string; rev: number; ops: Op[] }> = [];
    const keys = await this.kv.keys(BATCH_PREFIX + '>');
    for await (const key of keys) {
      const entry = await this.kv.get(key);
      if (entry === null || entry.operation !== 'PUT') continue;
      leftovers.push({ key, rev: entry.revision, ops: JSON.parse(this.decoder.decode(entry.value)) as Op[] });
    }
    for (const { key, rev, ops } of leftovers) {
      const current = ops.filter((op) => {
        const slot = this.buckets.get(op.b)?.get(op.k);
        return slot === undefined ? op.v !== undefined : slot.rev <= rev;
      });
      await this.writeOps(current);
      await this.kv.delete(key);
    }
  }

  private setLocal(bucket: string, key: string, json: string, rev: number): void {
    let slots = this.buckets.get(bucket);
    if (slots === undefined) {
      slots = new Map();
      this.buckets.set(bucket, slots);
    }
    const slot = slots.get(key);
    if (slot !== undefined && slot.rev > rev) return;
    if (slot !== undefined && slot.json === json) {
      slot.rev = rev;
      return;
    }
    slots.set(key, { json, rev });
    this.notify(bucket, key);
  }

  private deleteLocal(bucket: string, key: string): void {
    if (this.buckets.get(bucket)?.delete(key)) this.notify(bucket, key);
  }

  private notify(bucket: string, key: string): void {
    for (const listener of this.listeners) {
      try {
        listener(bucket, key);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}
