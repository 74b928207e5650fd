// combine(lambdas...): within a group, takes the points that share a time (rounded to
// .tolerance) and emits one point per combination of as many points as lambdas (n choose k, in
// order, at most .max combinations) in which each lambda in turn matches a distinct member;
// fields and non-group tags of member i are prefixed with .as name i and .delimiter.
// A batch's points are taken in time order and combined per rounded time, the last ones at the
// end of the batch. The output is a stream of points.

import type { Fields, Tags } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, intValue, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import { dimensionTags, type BatchMessage, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { roundTime } from '../time-ops.js';

interface Buffer {
  time: bigint;
  points: PointMessage[];
  instances: LambdaInstance[];
}

export class CombineNode extends EngineNode {
  private readonly names: string[];
  private readonly delimiter: string;
  private readonly tolerance: bigint;
  private readonly max: number;
  private readonly buffers: GroupStates<Buffer>;
  private readonly scope = { time: 0n, fields: {} as Fields, tags: {} as Tags };

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const programs = spec.args.map((arg) => compileArg(spec, arg));
    this.names = allCalls(spec, 'as').flatMap((c) => c.args.map(String));
    if (this.names.length !== programs.length) throw new Error("combine: must provide one name per expression via the 'As' property");
    const delimiter = propertyValue(spec, 'delimiter');
    this.delimiter = typeof delimiter === 'string' ? delimiter : '.';
    this.tolerance = durationNs(spec, 'tolerance');
    this.max = hasProperty(spec, 'max') ? Number(intValue(spec, 'max')) : 10_000;
    this.buffers = this.groups(() => ({ time: 0n, points: [], instances: programs.map((p) => p.instantiate()) }));
  }

  private round(time: bigint): bigint {
    return this.tolerance > 0n ? roundTime(time, this.tolerance) : time;
  }

  protected override batch(b: BatchMessage): void {
    // Batch points are combined in time order, whatever order regrouping left them in.
    let sorted = true;
    for (let i = 1; i < b.points.length && sorted; i++) sorted = b.points[i - 1]!.time <= b.points[i]!.time;
    const points = sorted ? b.points : b.points.slice().sort((x, y) => (x.time < y.time ? -1 : x.time > y.time ? 1 : 0));
    const buffer = this.buffers.get(b);
    let bucket: PointMessage[] = [];
    let bucketTime = 0n;
    for (const pt of points) {
      const time = this.round(pt.time);
      if (bucket.length > 0 && time !== bucketTime) {
        this.combine(buffer, bucket, bucketTime);
        bucket = [];
      }
      bucketTime = time;
      bucket.push({
        type: 'point',
        name: b.name,
        database: '',
        retentionPolicy: '',
        tags: pt.tags,
        fields: pt.fields,
        time,
        group: b.group,
        dimensions: b.dimensions,
      });
    }
    if (bucket.length > 0) this.combine(buffer, bucket, bucketTime);
  }

  protected override point(p: PointMessage): void {
    const time = this.round(p.time);
    const buffer = this.buffers.get(p);
    if (buffer.points.length > 0 && buffer.time !== time) {
      const points = buffer.points;
      buffer.points = [];
      this.combine(buffer, points, buffer.time);
    }
    buffer.time = time;
    buffer.points.push(p);
  }

  private combine(buffer: Buffer, points: PointMessage[], time: bigint): void {
    const k = this.names.length;
    const n = points.length;
    if (n < k) return;
    let total = 1;
    for (let i = 0; i < k; i++) total = Math.floor((total * (n - i)) / (i + 1));
    if (total > this.max) {
      this.error(new Error(`refusing to perform combination as total combinations ${total} exceeds max combinations ${this.max}`));
      return;
    }
    const matches: boolean[][] = buffer.instances.map((instance) =>
      points.map((p) => {
        this.scope.time = p.time;
        this.scope.fields = p.fields;
        this.scope.tags = p.tags;
        try {
          return instance.evalBool(this.scope);
        } catch (error) {
          this.error(error);
          return false;
        }
      }),
    );
    const first = points[0]!;
    const groupTags = dimensionTags(first.tags, first.dimensions);
    const indices = Array.from({ length: k }, (_, i) => i);
    const members = new Array<PointMessage>(k);
    for (;;) {
      // Each expression in turn takes the first remaining member of the combination it matches.
      const remaining = indices.slice();
      let valid = true;
      for (let e = 0; e < k && valid; e++) {
        const at = remaining.findIndex((i) => matches[e]![i]);
        if (at < 0) {
          valid = false;
          break;
        }
        members[e] = points[remaining[at]!]!;
        remaining.splice(at, 1);
      }
      if (valid) this.emitCombined(first, members, groupTags, time);
      // next combination in lexicographic order
      let i = k - 1;
      while (i >= 0 && indices[i] === i + n - k) i--;
      if (i < 0) return;
      indices[i]!++;
      for (let j = i + 1; j < k; j++) indices[j] = indices[j - 1]! + 1;
    }
  }

  private emitCombined(first: PointMessage, members: PointMessage[], groupTags: Tags, time: bigint): void {
    const fields: Fields = {};
    const tags: Tags = {};
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      const prefix = this.names[i]! + this.delimiter;
      for (const key in member.fields) fields[prefix + key] = member.fields[key]!;
      for (const key in member.tags) {
        if (key in groupTags) tags[key] = member.tags[key]!;
        else tags[prefix + key] = member.tags[key]!;
      }
    }
    this.emit({ ...first, tags, fields, time });
  }
}
