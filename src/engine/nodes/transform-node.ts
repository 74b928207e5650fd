// The InfluxQL transformations that map a group's points one by one: elapsed, difference,
// movingAverage, cumulativeSum. On a stream the state runs across points of a group; each
// batch starts afresh. Output: the point's time and tags with the single field .as.

import type { FieldValue } from '../../models/point.js';
import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

interface State {
  prevTime: bigint | undefined;
  prev: FieldValue | undefined;
  window: number[];
  sum: number;
  total: FieldValue | undefined;
}

function newState(): State {
  return { prevTime: undefined, prev: undefined, window: [], sum: 0, total: undefined };
}

export class TransformNode extends EngineNode {
  private readonly field: string;
  private readonly as: string;
  private readonly unit: bigint = 1_000_000_000n;
  private readonly n: number = 0;
  private readonly states: GroupStates<State>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.field = String(spec.args[0]);
    const second = spec.args[1];
    if (spec.kind === 'elapsed' && typeof second === 'object' && second !== null && !Array.isArray(second) && second.kind === 'duration') this.unit = second.ns;
    if (spec.kind === 'movingAverage') this.n = Number(second as bigint);
    this.as = stringValue(spec, 'as') || spec.kind;
    this.states = this.groups(newState);
  }

  /** The output value for this point, or undefined for none. */
  private step(state: State, time: bigint, value: FieldValue | undefined): FieldValue | undefined {
    if (value === undefined) return undefined;
    const numeric = typeof value === 'number' || typeof value === 'bigint';
    switch (this.kind) {
      case 'elapsed': {
        const prev = state.prevTime;
        state.prevTime = time;
        return prev === undefined ? undefined : (time - prev) / this.unit;
      }
      case 'difference': {
        if (!numeric) throw new Error(`unsupported difference iterator type: ${typeof value}`);
        const prev = state.prev;
        state.prev = value;
        if (prev === undefined) return undefined;
        return typeof value === 'bigint' && typeof prev === 'bigint' ? value - prev : Number(value) - Number(prev);
      }
      case 'movingAverage': {
        if (!numeric) throw new Error(`unsupported moving_average iterator type: ${typeof value}`);
        const v = Number(value);
        state.window.push(v);
        state.sum += v;
        if (state.window.length > this.n) state.sum -= state.window.shift()!;
        return state.window.length < this.n ? undefined : state.sum / this.n;
      }
      default: { // cumulativeSum
        if (!numeric) throw new Error(`unsupported cumulative_sum iterator type: ${typeof value}`);
        const total = state.total;
        state.total = total === undefined ? value
          : typeof value === 'bigint' && typeof total === 'bigint' ? value + total : Number(value) + Number(total);
        return state.total;
      }
    }
  }

  protected override point(p: PointMessage): void {
    const value = this.step(this.states.get(p), p.time, p.fields[this.field]);
    if (value !== undefined) this.emit({ ...p, fields: { [this.as]: value } });
  }

  protected override batch(b: BatchMessage): void {
    const state = newState();
    const points: BatchPoint[] = [];
    for (const pt of b.points) {
      const value = this.step(state, pt.time, pt.fields[this.field]);
      if (value !== undefined) points.push({ time: pt.time, fields: { [this.as]: value }, tags: pt.tags });
    }
    this.emit({ ...b, points });
  }
}
