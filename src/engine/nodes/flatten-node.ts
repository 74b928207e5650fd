// flatten(): merges the points of a group that share a time (rounded to .tolerance) into one
// point whose field names are prefixed by the values of the .on tags, joined with .delimiter
// (.dropOriginalFieldName leaves the field name out). A set is emitted when a point of another
// time arrives (in a batch: consecutive points of one time form a set), with the group's tags.

import type { Fields } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, lastCall, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { dimensionTags, type BatchMessage, type BatchPoint, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { roundTime } from '../time-ops.js';

interface Buffer {
  /** The group's first name (flatten.go flattenBuffer.name; a batch sets it). */
  name: string;
  time: bigint;
  points: Array<{ fields: Fields; tags: Readonly<Record<string, string>> }>;
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
    this.buffers = this.groups((_group, message) => ({ name: (message as PointMessage).name, time: 0n, points: [] }));
  }

  /**
   * FlattenNode.flatten: the .on tag values, then the field name, joined by the delimiter. A
   * point missing an .on tag is an error and left out, and (as in Kapacitor, whose prefix
   * buffer is only reset after a complete point) the part of its prefix already written
   * starts the next point's prefix.
   */
  private flatten(points: ReadonlyArray<{ fields: Fields; tags: Readonly<Record<string, string>> }>): Fields {
    const fields: Fields = {};
    let prefix = '';
    points: for (const p of points) {
      for (let i = 0; i < this.on.length; i++) {
        const value = p.tags[this.on[i]!];
        if (value === undefined) {
          this.error(new Error(`point missing tag for flatten operation: tag ${this.on[i]} is missing from point`));
          continue points;
        }
        if (i > 0) prefix += this.delimiter;
        prefix += value;
      }
      for (const key in p.fields) {
        const name = this.dropOriginal ? prefix : prefix === '' ? key : prefix + this.delimiter + key;
        fields[name] = p.fields[key]!;
      }
      prefix = '';
    }
    return fields;
  }

  private round(time: bigint): bigint {
    return this.tolerance > 0n ? roundTime(time, this.tolerance) : time;
  }

  /** Adds a point to the set; returns the previous set's fields when the time moved on. */
  private add(buffer: Buffer, time: bigint): Fields | undefined {
    let flushed: Fields | undefined;
    if (time !== buffer.time) {
      if (buffer.points.length > 0) {
        flushed = this.flatten(buffer.points);
        buffer.points = [];
      }
    }
    return flushed;
  }

  protected override point(p: PointMessage): void {
    const time = this.round(p.time);
    const buffer = this.buffers.get(p);
    const setTime = buffer.time;
    const fields = this.add(buffer, time);
    buffer.time = time;
    buffer.points.push(p);
    if (fields === undefined || Object.keys(fields).length === 0) return;
    this.emit({
      type: 'point',
      name: buffer.name,
      database: '',
      retentionPolicy: '',
      tags: dimensionTags(p.tags, p.dimensions),
      fields,
      time: setTime,
      group: p.group,
      dimensions: p.dimensions,
    });
  }

  protected override batch(b: BatchMessage): void {
    const buffer: Buffer = { name: b.name, time: -(2n ** 63n), points: [] };
    const state = this.buffers.get(b);
    state.name = b.name;
    const points: BatchPoint[] = [];
    for (const pt of b.points) {
      const time = this.round(pt.time);
      const setTime = buffer.time;
      const fields = this.add(buffer, time);
      buffer.time = time;
      buffer.points.push(pt);
      if (fields !== undefined && Object.keys(fields).length > 0) points.push({ time: setTime, fields, tags: b.tags });
    }
    // EndBatch flushes the last set even when it flattened to nothing
    if (buffer.points.length > 0) points.push({ time: buffer.time, fields: this.flatten(buffer.points), tags: b.tags });
    this.emit({ ...b, points });
  }
}
