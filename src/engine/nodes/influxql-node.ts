// The InfluxQL aggregate and selector nodes (count, sum, mean, median, mode, spread, stddev,
// first, last, min, max, percentile, distinct, top, bottom), with the semantics of Kapacitor's
// influxqlGroup (influxql.go, influxql.gen.go):
//  - the reducer takes the type of the first point whose field has a type the function handles;
//    points before it, and later points without the field or of another type, are left out
//    (each counted as an error);
//  - a batch with no such point gives nothing, except count (0) and sum (0.0), which report it
//    (at the epoch under usePointTimes, like sum always);
//  - aggregates carry the group's tags; selectors the chosen point's tags and fields;
//    distinct/top/bottom give a batch (top/bottom rows in time order, with their point's tags);
//  - on a stream, consecutive points of a group with the same time form the batch, reduced when
//    a later time arrives.

import type { Fields, Tags } from '../../models/point.js';
import { hasProperty, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import * as R from '../influxql/reducers.js';
import { dimensionTags, type BatchMessage, type BatchPoint, type Dimensions, type GroupId, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

const SIMPLE_SELECTORS = new Set(['first', 'last', 'min', 'max', 'percentile']);
const BATCH_RESULTS = new Set(['distinct', 'top', 'bottom']);

interface Pending {
  time: bigint;
  name: string;
  tags: Tags;
  points: BatchPoint[];
  dimensions: Dimensions;
}

export class InfluxQLNode extends EngineNode {
  private readonly field: string;
  private readonly as: string;
  private readonly usePointTimes: boolean;
  private readonly percentile: number = 0;
  private readonly limit: number = 0;
  private readonly tagKeys: string[] = [];
  private readonly supported: readonly R.ValueType[];
  private readonly pending: GroupStates<Pending>;
  /** The function has a fast path for float fields (R.floatReduce). */
  private readonly floatFast: boolean;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const args = spec.args;
    if (spec.kind === 'top' || spec.kind === 'bottom') {
      this.limit = Number(args[0]);
      this.field = String(args[1]);
      this.tagKeys = args.slice(2).map(String);
    } else {
      this.field = String(args[0]);
      if (spec.kind === 'percentile') this.percentile = Number(args[1]);
    }
    const supported = R.SUPPORTED[spec.kind];
    if (supported === undefined) throw new Error(`unsupported InfluxQL function ${spec.kind}`);
    this.supported = supported;
    this.floatFast = R.FLOAT_FAST.has(spec.kind);
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
      const time = state.time;
      const name = state.name;
      state.points = [{ time: p.time, fields: p.fields, tags: p.tags }];
      state.time = p.time;
      state.name = p.name;
      this.reduce(name, state.tags, time, points, p.group, state.dimensions, false);
      return;
    }
    if (state.points.length === 0) {
      state.time = p.time;
      state.name = p.name;
    }
    state.points.push({ time: p.time, fields: p.fields, tags: p.tags });
  }

  protected override batch(b: BatchMessage): void {
    this.reduce(b.name, b.tags, b.tmax, b.points, b.group, b.dimensions, true);
  }

  /** The values the reducer takes (influxqlGroup.BatchPoint / aggregatePoint); undefined: none. */
  private collect(points: readonly BatchPoint[]): { type: R.ValueType; values: R.AggPoint[] } | undefined {
    let type: R.ValueType | undefined;
    const values: R.AggPoint[] = [];
    for (let i = 0; i < points.length; i++) {
      const point = points[i]!;
      const value = point.fields[this.field];
      if (value === undefined) {
        this.error(new Error(`field ${this.field} missing from point`));
        continue;
      }
      const t = R.valueType(value);
      if (type === undefined) {
        if (!this.supported.includes(t)) {
          this.error(new Error(`invalid influxql func ${this.kind} with field ${this.field}: unsupported ${t} type`));
          continue;
        }
        type = t;
      } else if (t !== type) {
        this.error(new Error(`field ${this.field} has wrong type: got ${t} exp ${type}`));
        continue;
      }
      values.push({ value, time: point.time, index: i });
    }
    return type === undefined ? undefined : { type, values };
  }

  private compute(type: R.ValueType, values: readonly R.AggPoint[], points: readonly BatchPoint[]): R.Reduced[] {
    switch (this.kind) {
      case 'count':
        return R.count(values);
      case 'sum':
        return R.sum(values, type);
      case 'mean':
        return R.mean(values, type);
      case 'median':
        return R.median(values, type);
      case 'mode':
        return R.mode(values);
      case 'spread':
        return R.spread(values, type);
      case 'stddev':
        return R.stddev(values);
      case 'first':
        return R.first(values);
      case 'last':
        return R.last(values);
      case 'min':
        return R.min(values);
      case 'max':
        return R.max(values);
      case 'percentile':
        return R.percentile(values, type, this.percentile);
      case 'distinct':
        return R.distinct(values);
      default: {
        const keys =
          this.tagKeys.length === 0
            ? undefined
            : values.map((v) => {
                const point = points[v.index]!;
                return this.tagKeys.map((k) => String(point.fields[k] ?? point.tags[k] ?? '')).join(',');
              });
        return R.topBottom(values, this.limit, this.kind === 'top', keys);
      }
    }
  }

  /** The function's results over a batch's points; undefined when it gives nothing. */
  private resultsOf(points: readonly BatchPoint[], isBatch: boolean): R.Reduced[] | undefined {
    if (this.floatFast) {
      const fast = R.floatReduce(this.kind, points, this.field);
      if (fast !== undefined) return fast;
    }
    const collected = this.collect(points);
    if (collected !== undefined) return this.compute(collected.type, collected.values, points);
    // influxqlGroup.EndBatch: an empty batch is reduced only by count and sum (IsEmptyOK),
    // with a float reducer whose initial point is {Time: 0, Value: 0}
    if (!isBatch) return undefined;
    if (this.kind === 'count') return [{ time: 0n, value: 0n }];
    if (this.kind === 'sum') return [{ time: 0n, value: 0 }];
    return undefined;
  }

  private reduce(
    name: string,
    tags: Readonly<Tags>,
    time: bigint,
    points: readonly BatchPoint[],
    group: GroupId,
    dimensions: Dimensions,
    isBatch: boolean,
  ): void {
    const results = this.resultsOf(points, isBatch);
    if (results === undefined) return;
    const timeOf = (r: R.Reduced): bigint => (this.usePointTimes && r.time !== R.ZERO_TIME ? r.time : time);
    if (BATCH_RESULTS.has(this.kind)) {
      // floatPointEmitter.EmitBatch: the value under .as, the point's tags over the group's
      let tmax = time;
      const out: BatchPoint[] = results.map((r) => {
        const t = timeOf(r);
        if (t > tmax) tmax = t;
        const pointTags = r.index === undefined ? tags : { ...tags, ...points[r.index]!.tags };
        return { time: t, fields: { [this.as]: r.value }, tags: pointTags };
      });
      this.emit({ type: 'batch', name, tags, tmax, points: out, group, dimensions });
      return;
    }
    // floatPointEmitter.EmitPoint: exactly one value, or nothing
    if (results.length !== 1) return;
    const r = results[0]!;
    let outTags: Readonly<Tags> = tags;
    let fields: Fields;
    if (SIMPLE_SELECTORS.has(this.kind)) {
      const point = points[r.index!]!;
      outTags = point.tags;
      if (this.as === this.field) {
        fields = point.fields;
      } else {
        fields = { ...point.fields, [this.as]: point.fields[this.field]! };
        delete fields[this.field];
      }
    } else {
      fields = { [this.as]: r.value };
    }
    this.emit({ type: 'point', name, database: '', retentionPolicy: '', tags: outTags, fields, time: timeOf(r), group, dimensions });
  }
}
