// changeDetect(fields...): passes a point only when one of the fields differs from the
// group's previous point (the first point, and the first of every batch, always passes).

import type { FieldValue } from '../../models/point.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

export class ChangeDetectNode extends EngineNode {
  private readonly fields: string[];
  private readonly previous: GroupStates<{ values: Array<FieldValue | undefined> | undefined }>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.fields = spec.args.map(String);
    this.previous = this.groups(() => ({ values: undefined }));
  }

  private changed(state: { values: Array<FieldValue | undefined> | undefined }, point: BatchPoint): boolean {
    const values = this.fields.map((f) => point.fields[f]);
    const prev = state.values;
    state.values = values;
    if (prev === undefined) return true;
    for (let i = 0; i < values.length; i++) if (values[i] !== prev[i]) return true;
    return false;
  }

  protected override point(p: PointMessage): void {
    if (this.changed(this.previous.get(p), p)) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const state = this.previous.get(b);
    state.values = undefined; // each batch starts afresh
    this.emit({ ...b, points: b.points.filter((pt) => this.changed(state, pt)) });
  }
}
