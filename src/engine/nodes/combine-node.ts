// combine(lambdas...): within a group, takes the points that share a time (rounded to
// .tolerance) and emits one point per combination (in arrival order) whose i-th member matches
// the i-th lambda; fields and tags of member i are prefixed with .as name i and .delimiter.

import type { Fields, Tags } from '../../models/point.js';
import { allCalls, durationNs, intValue, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import { dimensionTags, type PointMessage } from '../messages.js';
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
    if (this.names.length !== programs.length) throw new Error('combine: must provide one name per expression via the \'As\' property');
    const delimiter = propertyValue(spec, 'delimiter');
    this.delimiter = typeof delimiter === 'string' ? delimiter : '.';
    this.tolerance = durationNs(spec, 'tolerance');
    this.max = Number(intValue(spec, 'max'));
    this.buffers = this.groups(() => ({ time: 0n, points: [], instances: programs.map((p) => p.instantiate()) }));
  }

  protected override point(p: PointMessage): void {
    const time = this.tolerance > 0n ? roundTime(p.time, this.tolerance) : p.time;
    const buffer = this.buffers.get(p);
    if (buffer.points.length > 0 && buffer.time !== time) {
      const points = buffer.points;
      buffer.points = [];
      this.combine(buffer, points, buffer.time);
    }
    buffer.time = time;
    if (this.max > 0 && buffer.points.length >= this.max) return;
    buffer.points.push(p);
  }

  private combine(buffer: Buffer, points: PointMessage[], time: bigint): void {
    const k = this.names.length;
    const matches: boolean[][] = buffer.instances.map((instance) => points.map((p) => {
      this.scope.time = p.time;
      this.scope.fields = p.fields;
      this.scope.tags = p.tags as Tags;
      try { return instance.evalBool(this.scope); } catch (error) { this.error(error); return false; }
    }));
    const first = points[0]!;
    const groupTags = dimensionTags(first.tags, first.dimensions);
    const indices = new Array<number>(k);
    const visit = (depth: number, start: number): void => {
      if (depth === k) {
        const fields: Fields = {};
        const tags: Tags = { ...groupTags };
        for (let i = 0; i < k; i++) {
          const member = points[indices[i]!]!;
          const prefix = this.names[i]! + this.delimiter;
          for (const key in member.fields) fields[prefix + key] = member.fields[key]!;
          for (const key in member.tags) if (!(key in groupTags)) tags[prefix + key] = member.tags[key]!;
        }
        this.emit({ ...first, tags, fields, time });
        return;
      }
      for (let i = start; i <= points.length - (k - depth); i++) {
        if (!matches[depth]![i]) continue;
        indices[depth] = i;
        visit(depth + 1, i + 1);
      }
    };
    visit(0, 0);
  }
}
