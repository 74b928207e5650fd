// Ingest through JetStream: the stream every node publishes written points to, one subject per
// database/retention policy and partition (FNV-1a hash of the series key), and the durable
// consumer a placed task reads its db/rp from. A write is acknowledged only once JetStream has
// acknowledged every message of it. Never routes points itself: the caller hands them on.

import { createHash } from 'node:crypto';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { Point } from '../../models/point.js';
import type { NatsPeer } from './connection.js';
import { decodePoints, encodePoints } from './point-codec.js';

export const INGEST_STREAM = 'KAPACITOR_INGEST';
const SUBJECT_ROOT = 'kapacitor.in';

/** Subject tokens allow no '.', '*', '>' or spaces: names are written as base64url. */
function token(text: string): string {
  return 'k' + Buffer.from(text, 'utf8').toString('base64url');
}

export function dbrpSubject(db: string, rp: string): string {
  return `${SUBJECT_ROOT}.${token(db)}.${token(rp)}`;
}

function seriesHash(point: Point): number {
  let h = 0x811c9dc5;
  const name = point.name;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  const tags = point.tags;
  for (const key in tags) {
    const value = tags[key]!;
    h = Math.imul(h ^ 44, 0x01000193);
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 61, 0x01000193);
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

export async function ensureIngestStream(peer: NatsPeer, replicas: number, maxAgeMs: number): Promise<void> {
  const config = { name: INGEST_STREAM, subjects: [`${SUBJECT_ROOT}.>`], num_replicas: replicas, max_age: nanos(maxAgeMs), duplicate_window: nanos(60_000) };
  try {
    await peer.jsm.streams.info(INGEST_STREAM);
  } catch {
    try {
      await peer.jsm.streams.add(config);
    } catch (err) {
      // Another node created it meanwhile.
      await peer.jsm.streams.info(INGEST_STREAM).catch(() => {
        throw err;
      });
    }
  }
}

export class IngestPublisher {
  constructor(
    private readonly peer: NatsPeer,
    private readonly partitions: number,
  ) {}

  /** Publishes points (grouped by subject) and resolves once JetStream has stored them all. */
  async publish(points: readonly Point[]): Promise<void> {
    const groups = new Map<string, Point[]>();
    const partitions = this.partitions;
    let lastDb = '';
    let lastRp = '';
    let base = '';
    for (let i = 0; i < points.length; i++) {
      const point = points[i]!;
      if (i === 0 || point.database !== lastDb || point.retentionPolicy !== lastRp) {
        lastDb = point.database;
        lastRp = point.retentionPolicy;
        base = dbrpSubject(lastDb, lastRp);
      }
      const subject = `${base}.${seriesHash(point) % partitions}`;
      let group = groups.get(subject);
      if (group === undefined) groups.set(subject, (group = []));
      group.push(point);
    }
    const acks: Array<Promise<unknown>> = [];
    for (const [subject, group] of groups) acks.push(this.peer.js.publish(subject, encodePoints(group)));
    await Promise.all(acks);
  }
}

/** The durable consumer name of a task's db/rp (stable across nodes). */
export function consumerName(taskId: string, db: string, rp: string): string {
  return 'task_' + createHash('sha256').update(`${taskId}\n${db}\n${rp}`).digest('hex').slice(0, 32);
}

export interface ConsumerHandler {
  /** Processes one message's points; called in stream order, never twice for one sequence. */
  points(points: Point[], seq: number): void;
  /** Makes what was processed up to seq durable before it is acknowledged. */
  checkpoint(seq: number): Promise<void>;
}

/**
 * Reads one durable consumer (created on first use, from new messages on) and hands the
 * points to the handler in order, acknowledging (ack-all) after each checkpoint. Messages at
 * or below `after` (the last sequence the task is known to have processed) are skipped.
 */
export class TaskConsumer {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private done: Promise<void> | undefined;
  private after = 0;

  constructor(
    private readonly peer: NatsPeer,
    readonly name: string,
    private readonly db: string,
    private readonly rp: string,
    /** The last sequence the task is known to have processed (read when reading starts). */
    private readonly processed: () => number,
    private readonly handler: ConsumerHandler,
    private readonly onError: (err: Error) => void,
  ) {}

  async start(ackWaitMs: number): Promise<void> {
    try {
      await this.peer.jsm.consumers.info(INGEST_STREAM, this.name);
    } catch {
      await this.peer.jsm.consumers.add(INGEST_STREAM, {
        durable_name: this.name,
        filter_subject: `${dbrpSubject(this.db, this.rp)}.*`,
        ack_policy: AckPolicy.All,
        deliver_policy: DeliverPolicy.New,
        ack_wait: nanos(ackWaitMs),
        max_ack_pending: 20_000,
      });
    }
    if (this.stopped) return;
    this.after = this.processed();
    const consumer = await this.peer.js.consumers.get(INGEST_STREAM, this.name);
    this.messages = await consumer.consume({ max_messages: 512 });
    this.done = this.run(this.messages);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    let last: JsMsg | undefined;
    let unacked = 0;
    for await (const m of messages) {
      if (this.stopped) break;
      const seq = m.seq;
      if (seq > this.after) {
        try {
          this.handler.points(decodePoints(m.data, this.db, this.rp), seq);
        } catch (err) {
          this.onError(err as Error);
        }
        this.after = seq;
      }
      last = m;
      unacked++;
      if (unacked >= 256 || messages.getPending() === 0) {
        await this.commit(last);
        unacked = 0;
      }
    }
    if (unacked > 0 && last !== undefined) await this.commit(last);
  }

  private async commit(last: JsMsg): Promise<void> {
    try {
      await this.handler.checkpoint(this.after);
      last.ack();
    } catch (err) {
      this.onError(err as Error);
    }
  }

  /** Stops reading; what was not acknowledged is redelivered to the next reader. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.done?.catch(() => {});
  }

  /** Removes the durable consumer (the task is disabled or deleted). */
  static async remove(peer: NatsPeer, name: string): Promise<void> {
    await peer.jsm.consumers.delete(INGEST_STREAM, name).catch(() => {});
  }
}
