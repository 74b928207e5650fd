// kapacitorLoopback(): writes points back into the engine (to .database/.retentionPolicy,
// optionally renamed by .measurement, with extra .tag(k, v) tags), as if written over HTTP.
// Writes go through a bounded queue, so a task feeding itself never recurses.

import type { Point } from '../../models/point.js';
import { allCalls, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import type { TaskContext } from '../node.js';
import { QueueingNode } from '../queueing-node.js';
import { OutputQueue } from '../output-queue.js';

export class LoopbackNode extends QueueingNode<Point[]> {
  private readonly database: string;
  private readonly retentionPolicy: string;
  private readonly measurement: string;
  private readonly tags: Array<[string, string]>;
  protected readonly queue: OutputQueue<Point[]>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.database = stringValue(spec, 'database');
    this.retentionPolicy = stringValue(spec, 'retentionPolicy');
    this.measurement = stringValue(spec, 'measurement');
    this.tags = allCalls(spec, 'tag').map((c) => [String(c.args[0]), String(c.args[1])]);
    if (this.database === '' || this.retentionPolicy === '') throw new Error('must specify a database and retention policy');
    const write = ctx.services.loopback;
    if (write === undefined) throw new Error('kapacitorLoopback: the engine has no loopback');
    this.queue = new OutputQueue<Point[]>({
      send: (points) =>
        new Promise<void>((resolve, reject) => {
          setImmediate(() => {
            try {
              write(points);
              resolve();
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        }),
      onError: (error) => this.error(error),
    });
  }

  private toPoint(name: string, tags: Readonly<Record<string, string>>, fields: Point['fields'], time: bigint): Point {
    let outTags = tags;
    if (this.tags.length > 0) {
      const copy = { ...tags };
      for (const [k, v] of this.tags) copy[k] = v;
      outTags = copy;
    }
    return { name: this.measurement || name, tags: outTags, fields, time, database: this.database, retentionPolicy: this.retentionPolicy };
  }

  protected override point(p: PointMessage): void {
    this.queue.push([this.toPoint(p.name, p.tags, p.fields, p.time)]);
    this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    this.queue.push(b.points.map((pt) => this.toPoint(b.name, pt.tags, pt.fields, pt.time)));
    this.emit(b);
  }
}
