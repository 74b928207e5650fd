// Routing of the written points of one database/retention policy to its stream tasks. Tasks
// whose sole from() selects on a tag equality are indexed by that tag's value: a point goes
// only to the tasks its value can match, the others count it in bulk (as received, like
// Kapacitor's from node does), so N tasks each selecting one host cost one lookup per point.

import type { Point } from '../models/point.js';
import type { StreamNode } from './nodes/stream-node.js';

interface TagIndex {
  readonly name: string;
  readonly values: Map<string, StreamNode[]>;
  /** Every task of the index, for points the index cannot decide (tag missing, field of that name). */
  readonly all: StreamNode[];
}

const NONE: StreamNode[] = [];

export class DbrpRoute {
  /** Streams that see every point. */
  private readonly every: StreamNode[] = [];
  /** Streams reached through a tag index, counted in bulk. */
  private readonly indexed: StreamNode[] = [];
  private readonly byTag: TagIndex[] = [];

  add(stream: StreamNode): void {
    const tag = stream.soleFrom()?.routingTag;
    if (tag === undefined) {
      this.every.push(stream);
      return;
    }
    this.indexed.push(stream);
    let index = this.byTag.find((i) => i.name === tag.name);
    if (index === undefined) this.byTag.push((index = { name: tag.name, values: new Map(), all: [] }));
    index.all.push(stream);
    let streams = index.values.get(tag.literal);
    if (streams === undefined) index.values.set(tag.literal, (streams = []));
    streams.push(stream);
  }

  /** Hands points[from, to) (all of this db/rp) to the tasks. */
  write(points: readonly Point[], from: number, to: number): void {
    const indexed = this.indexed;
    for (let i = 0; i < indexed.length; i++) indexed[i]!.offer(to - from);
    const every = this.every;
    const byTag = this.byTag;
    for (let k = from; k < to; k++) {
      const point = points[k]!;
      for (let i = 0; i < every.length; i++) every[i]!.write(point);
      for (let t = 0; t < byTag.length; t++) {
        const index = byTag[t]!;
        const value = point.tags[index.name];
        const streams = value === undefined || point.fields[index.name] !== undefined ? index.all : (index.values.get(value) ?? NONE);
        for (let i = 0; i < streams.length; i++) streams[i]!.deliver(point);
      }
    }
  }
}
