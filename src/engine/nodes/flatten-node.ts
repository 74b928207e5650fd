// flatten(): merges the points of a group that share a time (rounded to .tolerance) into one
// point whose field names are prefixed by the values of the .on tags, joined with .delimiter
// (.dropOriginalFieldName leaves the field name out). A set is emitted when a later time arrives.

import type { Fields } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, lastCall, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { dimensionTags, type BatchMessage, type BatchPoint, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { roundTime } from '../time-ops.js';

interface Buffer {
  time: bigint;
  points: PointMessage[];
}

export class FlattenNode extends EngineNode {
  private readonly on: string[];
  private readonly delimiter: string;
  private readonly tolerance: bigint;
  private readonly dropOriginal: boolean;
  private readonly buffers: GroupStates<Buffer>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.on = allCalls(spec, 'on').flatMap((c) => c.args.map(String));
    const delimiter = propertyValue(spec, 'delimiter');
    this.delimiter = typeof delimiter === 'string' ? delimiter : '.';
    this.tolerance = durationNs(spec, 'tolerance');
    const drop = lastCall(spec, 'dropOriginalFieldName');
    this.dropOriginal = hasProperty(spec, 'dropOriginalFieldName') && (drop!.args.length === 0 || drop!.args[0] === true);
    this.buffers = this.groups(() => ({ time: 0n, points: [] }));
  }

  private flatten(points: ReadonlyArray<{ fields: Fields; tags: Readonly<Record<string, string>> }>): Fields {
    const fields: Fields = {};
    for (const p of points) {
      let prefix = '';
      let missing: string | undefined;
      for (let i = 0; i < this.on.length; i++) {
        const value = p.tags[this.on[i]!];
        if (value === undefined) { missing = this.on[i]; break; }
        if (i > 0) prefix += this.delimiter;
        prefix += value;
      }
      if (missing !== undefined) {
        this.error(new Error(`point missing tag "${missing}" for flatten operation`));
        continue;
      }
      for (const key in p.fields) {
        fields[this.dropOriginal ? prefix : prefix + this.delimiter + key] = p.fields[key]!;
      }
    }
    return fields;
  }

  protected override point(p: PointMessage): void {
    const time = this.tolerance > 0n ? roundTime(p.time, this.tolerance) : p.time;
    const buffer = this.buffers.get(p);
    if (buffer.points.length > 0 && buffer.time !== time) {
      const points = buffer.points;
      const setTime = buffer.time;
      buffer.points = [];
      const first = points[0]!;
      this.emit({
        ...first, tags: dimensionTags(first.tags, first.dimensions), fields: this.flatten(points), time: setTime,
      });
    }
    buffer.time = time;
    buffer.points.push(p);
  }

  protected override batch(b: BatchMessage): void {
    const byTime = new Map<bigint, BatchPoint[]>();
    for (const pt of b.points) {
      const t = this.tolerance > 0n ? roundTime(pt.time, this.tolerance) : pt.time;
      let list = byTime.get(t);
      if (list === undefined) byTime.set(t, (list = []));
      list.push(pt);
    }
    const points: BatchPoint[] = [];
    for (const [time, list] of byTime) points.push({ time, fields: this.flatten(list), tags: b.tags });
    this.emit({ ...b, points });
  }
}
