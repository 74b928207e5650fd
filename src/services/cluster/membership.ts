// Membership from heartbeats: every node puts its record in a KV bucket (whose entries expire
// after a few node timeouts) every heartbeat interval, and watches the bucket; a node heard
// from within node-timeout is alive. A node that stops gracefully deletes its record, so the
// others see it leave at once. Never places tasks: it only says who is alive.

import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import type { NatsPeer } from '../../integrations/nats/connection.js';

export const MEMBERS_BUCKET = 'kapacitor_members';

export interface MemberRecord {
  id: string;
  url: string;
  /** Tasks executing on the node at its last heartbeat. */
  tasks: string[];
}

export interface Member extends MemberRecord {
  alive: boolean;
  /** When the last heartbeat was stored (JetStream's time). */
  lastSeen: Date;
}

export class Membership {
  private readonly members = new Map<string, Member>();
  private kv: KV | undefined;
  private watcher: QueuedIterator<KvWatchEntry> | undefined;
  private beat: NodeJS.Timeout | undefined;
  private check: NodeJS.Timeout | undefined;
  private liveKey = '';
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly peer: NatsPeer,
    private readonly self: () => MemberRecord,
    private readonly options: { heartbeatMs: number; timeoutMs: number; replicas: number },
    /** Called when the set of live members changes. */
    private readonly onChange: (live: string[]) => void,
  ) {}

  async open(): Promise<void> {
    this.kv = await this.peer.kvm.create(MEMBERS_BUCKET, { history: 1, replicas: this.options.replicas, ttl: this.options.timeoutMs * 4 });
    await this.heartbeat();
    this.watcher = await this.kv.watch();
    const watcher = this.watcher;
    void (async () => {
      for await (const entry of watcher) this.apply(entry);
    })().catch(() => {});
    this.beat = setInterval(() => void this.heartbeat().catch(() => {}), this.options.heartbeatMs);
    this.check = setInterval(() => this.evaluate(), Math.max(50, Math.min(500, this.options.heartbeatMs / 2)));
  }

  /** Live member ids, sorted. */
  live(): string[] {
    const now = Date.now();
    return [...this.members.values()]
      .filter((m) => now - m.lastSeen.getTime() <= this.options.timeoutMs)
      .map((m) => m.id)
      .sort();
  }

  list(): Member[] {
    const now = Date.now();
    return [...this.members.values()]
      .map((m) => ({ ...m, alive: now - m.lastSeen.getTime() <= this.options.timeoutMs }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  member(id: string): Member | undefined {
    return this.list().find((m) => m.id === id);
  }

  async heartbeat(): Promise<void> {
    const record = this.self();
    await this.kv?.put(record.id, this.encoder.encode(JSON.stringify(record)));
  }

  async close(): Promise<void> {
    clearInterval(this.beat);
    clearInterval(this.check);
    this.watcher?.stop();
    await this.kv?.delete(this.self().id).catch(() => {});
  }

  private apply(entry: KvWatchEntry): void {
    if (entry.operation === 'PUT') {
      const record = JSON.parse(this.decoder.decode(entry.value)) as MemberRecord;
      this.members.set(entry.key, { ...record, alive: true, lastSeen: entry.created });
    } else {
      this.members.delete(entry.key);
    }
    this.evaluate();
  }

  private evaluate(): void {
    const live = this.live();
    const key = live.join('\n');
    if (key === this.liveKey) return;
    this.liveKey = key;
    this.onChange(live);
  }
}
