// The InfluxQL aggregate and selector nodes (count, sum, mean, median, mode, spread, stddev,
// first, last, min, max, percentile, distinct, top, bottom). A batch is reduced to one point
// (aggregates, selectors) or a batch (distinct, top, bottom); on a stream edge, consecutive
// points of a group with the same time form the batch, reduced when a later time arrives.

import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { hasProperty, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import * as R from '../influxql/reducers.js';
import { dimensionTags, type BatchMessage, type BatchPoint, type Dimensions, type GroupId, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

const AGGREGATES: Record<string, (c: R.Column) => FieldValue> = {
  count: R.count, sum: R.sum, mean: R.mean, median: R.median, mode: R.mode, spread: R.spread, stddev: R.stddev,
};
const SELECTORS: Record<string, (c: R.Column) => number> = {
  first: R.first, last: R.last, min: R.min, max: R.max,
};

interface Pending {
  time: bigint;
  name: string;
  tags: Tags;
  points: BatchPoint[];
  dimensions: Dimensions;
}

/** The values of `field` in a batch; undefined when no point has it. Mixed types are an error. */
export function columnOf(points: readonly BatchPoint[], field: string): R.Column | undefined {
  let type: R.ValueType | undefined;
  const values: FieldValue[] = [];
  const times: bigint[] = [];
  const index: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const value = points[i]!.fields[field];
    if (value === undefined) continue;
    const t = R.valueType(value);
    if (type === undefined) type = t;
    else if (t !== type) throw new Error(`field "${field}" changed type from ${type} to ${t} within a batch`);
    values.push(value);
    times.push(points[i]!.time);
    index.push(i);
  }
  return type === undefined ? undefined : { type, values, times, index };
}

export class InfluxQLNode extends EngineNode {
  private readonly field: string;
  private readonly as: string;
  private readonly usePointTimes: boolean;
  private readonly percentile: number = 0;
  private readonly limit: number = 0;
  private readonly tagKeys: string[] = [];
  private readonly pending: GroupStates<Pending>;
  /** Whether the last values sum() reduced were integers (the type of an empty batch's 0). */
  private sumInteger = false;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const args = spec.args;
    if (spec.kind === 'top' || spec.kind === 'bottom') {
      this.limit = Number(args[0] as bigint);
      this.field = String(args[1]);
      this.tagKeys = args.slice(2).map(String);
    } else {
      this.field = String(args[0]);
      if (spec.kind === 'percentile') this.percentile = Number(args[1]);
    }
    if (!(spec.kind in AGGREGATES) && !(spec.kind in SELECTORS) && !['percentile', 'distinct', 'top', 'bottom'].includes(spec.kind)) {
      throw new Error(`unsupported InfluxQL function ${spec.kind}`);
    }
    this.as = stringValue(spec, 'as') || spec.kind;
    this.usePointTimes = hasProperty(spec, 'usePointTimes');
    this.pending = this.groups((_group, message) => {
      const p = message as PointMessage;
      return { time: p.time, name: p.name, tags: dimensionTags(p.tags, p.dimensions), points: [], dimensions: p.dimensions };
    });
  }

  protected override point(p: PointMessage): void {
    const state = this.pending.get(p);
    if (state.points.length > 0 && p.time !== state.time) {
      const points = state.points;
      state.points = [];
      const time = state.time;
      state.time = p.time;
      state.points.push({ time: p.time, fields: p.fields, tags: p.tags });
      this.reduce(state.name, state.tags, time, points, p.group, state.dimensions);
      return;
    }
    state.time = p.time;
    state.points.push({ time: p.time, fields: p.fields, tags: p.tags });
  }

  protected override batch(b: BatchMessage): void {
    const emptyValue = this.kind === 'count' && columnOf(b.points, this.field) === undefined ? 0n
      // sum also reports an empty batch: 0 of the type seen last (float before any value).
      : this.kind === 'sum' && b.points.length === 0 ? (this.sumInteger ? 0n : 0)
        : undefined;
    if (emptyValue !== undefined) {
      this.emit({
        type: 'point', name: b.name, database: '', retentionPolicy: '', tags: b.tags,
        fields: { [this.as]: emptyValue }, time: b.tmax, group: b.group, dimensions: b.dimensions,
      });
      return;
    }
    this.reduce(b.name, b.tags, b.tmax, b.points, b.group, b.dimensions);
  }

  private reduce(name: string, tags: Readonly<Tags>, tmax: bigint, points: readonly BatchPoint[], group: GroupId, dimensions: Dimensions): void {
    const column = columnOf(points, this.field);
    if (column === undefined) return;
    const kind = this.kind;
    if (kind === 'sum') this.sumInteger = column.type === 'integer';
    const aggregate = AGGREGATES[kind];
    if (aggregate !== undefined) {
      const fields: Fields = { [this.as]: aggregate(column) };
      this.emit({ type: 'point', name, database: '', retentionPolicy: '', tags, fields, time: tmax, group, dimensions });
      return;
    }
    const selector = SELECTORS[kind];
    if (selector !== undefined || kind === 'percentile') {
      const i = selector !== undefined ? selector(column) : R.percentile(column, this.percentile);
      if (i < 0) return;
      const point = points[column.index[i]!]!;
      const fields: Fields = {};
      for (const key in point.fields) if (key !== this.field) fields[key] = point.fields[key]!;
      fields[this.as] = column.values[i]!;
      const time = this.usePointTimes ? point.time : tmax;
      this.emit({ type: 'point', name, database: '', retentionPolicy: '', tags: point.tags, fields, time, group, dimensions });
      return;
    }
    let out: BatchPoint[];
    if (kind === 'distinct') {
      out = R.distinct(column).map((i) => ({ time: tmax, fields: { [this.as]: column.values[i]! }, tags }));
    } else {
      const keys = this.tagKeys.length === 0 ? undefined
        : column.index.map((pi) => this.tagKeys.map((k) => points[pi]!.tags[k] ?? points[pi]!.fields[k] ?? '').join('\u0000'));
      const chosen = R.topBottom(column, this.limit, kind === 'top', keys);
      out = chosen.map((i) => {
        const point = points[column.index[i]!]!;
        const fields: Fields = { [this.as]: column.values[i]! };
        for (const key of this.tagKeys) {
          const value = point.tags[key] ?? point.fields[key];
          if (value !== undefined && !(key in point.tags)) fields[key] = value;
        }
        return { time: this.usePointTimes ? point.time : tmax, fields, tags: point.tags };
      });
      if (this.usePointTimes) out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    }
    const batch: BatchMessage = { type: 'batch', name, tags, tmax, points: out, group, dimensions };
    this.emit(batch);
  }
}
