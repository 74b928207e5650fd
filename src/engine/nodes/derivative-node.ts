// derivative(field): rate of change between consecutive points of a group per .unit (default
// 1s), stored in .as (default: the field itself); .nonNegative drops negative rates. In a
// batch the rates are computed between the batch's consecutive points.

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

  /** The rate, or undefined when nothing is emitted. */
  private rate(prev: BatchPoint, curr: BatchPoint): number | undefined {
    const f0 = toFloat(prev.fields[this.field]);
    const f1 = toFloat(curr.fields[this.field]);
    if (f0 === undefined || f1 === undefined) {
      this.error(new Error(`cannot apply derivative to type ${typeof (f0 === undefined ? prev : curr).fields[this.field]}`));
      return undefined;
    }
    const elapsed = Number(curr.time - prev.time);
    if (elapsed === 0) {
      this.error(new Error('cannot perform derivative elapsed time was 0'));
      return undefined;
    }
    const diff = f1 - f0;
    if (this.nonNegative && diff < 0) return undefined;
    return diff / (elapsed / this.unit);
  }

  protected override point(p: PointMessage): void {
    const state = this.previous.get(p);
    const prev = state.point;
    if (prev === undefined) { state.point = p; return; }
    if (toFloat(p.fields[this.field]) !== undefined) state.point = p;
    const value = this.rate(prev, p);
    if (value === undefined) return;
    this.emit({ ...p, fields: { ...p.fields, [this.as]: value } });
  }

  protected override batch(b: BatchMessage): void {
    const points: BatchPoint[] = [];
    let prev = b.points[0];
    for (let i = 1; i < b.points.length; i++) {
      const curr = b.points[i]!;
      const value = this.rate(prev!, curr);
      if (toFloat(curr.fields[this.field]) !== undefined) prev = curr;
      if (value !== undefined) points.push({ ...curr, fields: { ...curr.fields, [this.as]: value } });
    }
    this.emit({ ...b, points });
  }
}
