// derivative(field): rate of change between consecutive points of a group per .unit (default
// 1s), stored in .as (default: the field itself); .nonNegative drops negative rates. In a
// batch the rates are computed between the batch's consecutive points. Points keep all their
// tags and fields (derivative.go derivativeGroup).

import type { FieldValue } from '../../models/point.js';
import { durationNs, hasProperty, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

function toFloat(value: FieldValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

export class DerivativeNode extends EngineNode {
  private readonly field: string;
  private readonly as: string;
  private readonly unit: number;
  private readonly nonNegative: boolean;
  private readonly previous: GroupStates<{ point: BatchPoint | undefined }>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.field = String(spec.args[0]);
    this.as = stringValue(spec, 'as') || this.field;
    const unit = durationNs(spec, 'unit');
    this.unit = Number(unit === 0n ? 1_000_000_000n : unit);
    this.nonNegative = hasProperty(spec, 'nonNegative');
    this.previous = this.groups(() => ({ point: undefined }));
  }

  /**
   * derivative.go DerivativeNode.derivative: a current point without a numeric field is an
   * error and is not kept; the first numeric point (no previous) is kept without output.
   */
  private rate(prev: BatchPoint | undefined, curr: BatchPoint): { value: number | undefined; store: boolean } {
    const f1 = toFloat(curr.fields[this.field]);
    if (f1 === undefined) {
      this.error(new Error(`cannot perform derivative: field ${this.field} is the wrong type`));
      return { value: undefined, store: false };
    }
    const f0 = prev === undefined ? undefined : toFloat(prev.fields[this.field]);
    if (f0 === undefined) return { value: undefined, store: true };
    const elapsed = Number(curr.time - prev!.time);
    if (elapsed === 0) {
      this.error(new Error('cannot perform derivative elapsed time was 0'));
      return { value: undefined, store: true };
    }
    const diff = f1 - f0;
    if (this.nonNegative && diff < 0) return { value: undefined, store: true };
    return { value: diff / (elapsed / this.unit), store: true };
  }

  protected override point(p: PointMessage): void {
    const state = this.previous.get(p);
    const { value, store } = this.rate(state.point, p);
    if (store) state.point = p;
    if (value === undefined) return;
    this.emit({ ...p, fields: { ...p.fields, [this.as]: value } });
  }

  protected override batch(b: BatchMessage): void {
    const points: BatchPoint[] = [];
    let prev: BatchPoint | undefined;
    for (const curr of b.points) {
      const { value, store } = this.rate(prev, curr);
      if (store) prev = curr;
      if (value !== undefined) points.push({ ...curr, fields: { ...curr.fields, [this.as]: value } });
    }
    this.emit({ ...b, points });
  }
}
