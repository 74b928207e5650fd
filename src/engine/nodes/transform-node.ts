// The InfluxQL transformations that map a group's points one by one: elapsed, difference,
// movingAverage, cumulativeSum, with the semantics of Kapacitor's streaming-transform groups
// (influxql.go influxqlStreamingTransformGroup over the vendored InfluxQL reducers):
//  - the reducer is created from the first point that has the field, with that field's type;
//    until then points without it are dropped (an error is counted);
//  - after that every point is fed and the reducer asked for its value, even when the point
//    lacks the field or has another type (counted as an error): cumulativeSum, elapsed and
//    movingAverage then repeat their last output, difference emits nothing;
//  - the output carries only the group's tags, the group's first name and the reducer's time.
// On a stream the state runs across a group's points; each batch starts afresh.

import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { dimensionTags, type BatchMessage, type BatchPoint, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { valueType, type ValueType } from '../influxql/reducers.js';

type Kind = ValueType;
const kindOf = valueType;

/** A reducer's state (one per group on a stream, one per batch). */
interface Reducer {
  kind: Kind;
  // elapsed / difference: the previous and current point (difference clears prevSet once read)
  prevSet: boolean;
  prevTime: bigint;
  prevValue: number | bigint;
  currSet: boolean;
  currTime: bigint;
  currValue: number | bigint;
  // movingAverage: ring buffer, running sum (float or int64), time of the last value
  buf: Array<number | bigint>;
  pos: number;
  sum: number | bigint;
  time: bigint;
}

interface Output {
  time: bigint;
  value: FieldValue;
}

interface StreamState {
  reducer: Reducer | undefined;
  name: string;
  tags: Tags;
}

export class TransformNode extends EngineNode {
  private readonly field: string;
  private readonly as: string;
  private readonly unit: bigint = 1_000_000_000n;
  private readonly n: number = 0;
  private readonly states: GroupStates<StreamState>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.field = String(spec.args[0]);
    const second = spec.args[1];
    if (spec.kind === 'elapsed' && typeof second === 'object' && second !== null && !Array.isArray(second) && second.kind === 'duration') this.unit = second.ns;
    if (spec.kind === 'movingAverage') this.n = Number(second);
    this.as = stringValue(spec, 'as') || spec.kind;
    this.states = this.groups((_group, message) => {
      const p = message as PointMessage;
      return { reducer: undefined, name: p.name, tags: dimensionTags(p.tags, p.dimensions) };
    });
  }

  /** A reducer for a field of this type, or an error when the function does not take it. */
  private create(value: FieldValue | undefined): Reducer {
    if (value === undefined) throw new Error(`field "${this.field}" missing from point`);
    const kind = kindOf(value);
    if (this.kind !== 'elapsed' && kind !== 'float' && kind !== 'integer') {
      throw new Error(`invalid influxql func ${this.kind} with field ${this.field}: unsupported ${kind} type`);
    }
    const zero = kind === 'integer' ? 0n : 0;
    return {
      kind,
      prevSet: false,
      prevTime: 0n,
      prevValue: zero,
      currSet: false,
      currTime: 0n,
      currValue: zero,
      buf: [],
      pos: 0,
      sum: zero,
      time: 0n,
    };
  }

  /** Feeds one point (a missing or mistyped field counts an error and feeds nothing). */
  private aggregate(r: Reducer, time: bigint, value: FieldValue | undefined): void {
    if (value === undefined) {
      this.error(new Error(`field ${this.field} missing from point cannot aggregate`));
      return;
    }
    if (kindOf(value) !== r.kind) {
      this.error(new Error(`field ${this.field} has wrong type: got ${kindOf(value)} exp ${r.kind}`));
      return;
    }
    const v = value as number | bigint;
    switch (this.kind) {
      case 'elapsed':
        r.prevSet = r.currSet;
        r.prevTime = r.currTime;
        r.currSet = true;
        r.currTime = time;
        return;
      case 'difference':
        // a point that does not advance the time is skipped (FloatDifferenceReducer)
        if (r.currSet && r.currTime === time) return;
        r.prevSet = r.currSet;
        r.prevTime = r.currTime;
        r.prevValue = r.currValue;
        r.currSet = true;
        r.currTime = time;
        r.currValue = v;
        return;
      case 'movingAverage':
        if (r.buf.length !== this.n) {
          r.buf.push(v);
        } else if (r.kind === 'integer') {
          r.sum = BigInt.asIntN(64, (r.sum as bigint) - (r.buf[r.pos] as bigint));
          r.buf[r.pos] = v;
        } else {
          r.sum = (r.sum as number) - (r.buf[r.pos] as number);
          r.buf[r.pos] = v;
        }
        r.sum = r.kind === 'integer' ? BigInt.asIntN(64, (r.sum as bigint) + (v as bigint)) : (r.sum as number) + (v as number);
        r.time = time;
        r.pos++;
        if (r.pos >= this.n) r.pos = 0;
        return;
      default: // cumulativeSum
        r.currValue = r.kind === 'integer' ? BigInt.asIntN(64, (r.currValue as bigint) + (v as bigint)) : (r.currValue as number) + (v as number);
        r.currTime = time;
        r.currSet = true;
    }
  }

  /** The reducer's current output, if any (called after every point, as Kapacitor does). */
  private output(r: Reducer): Output | undefined {
    switch (this.kind) {
      case 'elapsed':
        if (!r.prevSet) return undefined;
        return { time: r.currTime, value: BigInt.asIntN(64, (r.currTime - r.prevTime) / this.unit) };
      case 'difference': {
        if (!r.prevSet) return undefined;
        r.prevSet = false;
        const value =
          r.kind === 'integer' ? BigInt.asIntN(64, (r.currValue as bigint) - (r.prevValue as bigint)) : (r.currValue as number) - (r.prevValue as number);
        return { time: r.currTime, value };
      }
      case 'movingAverage':
        if (r.buf.length !== this.n) return undefined;
        return { time: r.time, value: Number(r.sum) / r.buf.length };
      default:
        return r.currSet ? { time: r.currTime, value: r.currValue } : undefined;
    }
  }

  /** Feeds a point to a group's reducer (creating it when needed); returns the output. */
  private step(reducer: Reducer | undefined, time: bigint, fields: Fields, set: (r: Reducer) => void): Output | undefined {
    const value = fields[this.field];
    if (reducer === undefined) {
      try {
        reducer = this.create(value);
      } catch (error) {
        this.error(error);
        return undefined;
      }
      set(reducer);
    }
    this.aggregate(reducer, time, value);
    return this.output(reducer);
  }

  protected override point(p: PointMessage): void {
    const state = this.states.get(p);
    const out = this.step(state.reducer, p.time, p.fields, (r) => {
      state.reducer = r;
    });
    if (out === undefined) return;
    this.emit({
      type: 'point',
      name: state.name,
      database: '',
      retentionPolicy: '',
      tags: state.tags,
      fields: { [this.as]: out.value },
      time: out.time,
      group: p.group,
      dimensions: p.dimensions,
    });
  }

  protected override batch(b: BatchMessage): void {
    let reducer: Reducer | undefined;
    const set = (r: Reducer): void => {
      reducer = r;
    };
    const points: BatchPoint[] = [];
    for (const pt of b.points) {
      const out = this.step(reducer, pt.time, pt.fields, set);
      if (out !== undefined) points.push({ time: out.time, fields: { [this.as]: out.value }, tags: b.tags });
    }
    this.emit({ ...b, points });
  }
}
