// shift(duration): moves point times (and a batch's points and end time) by a duration.
// Barriers pass unchanged (shift.go ShiftNode.Barrier).

import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

export class ShiftNode extends EngineNode {
  private readonly shift: bigint;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const arg = spec.args[0];
    this.shift = typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'duration' ? arg.ns : 0n;
  }

  protected override point(p: PointMessage): void {
    this.emit({ ...p, time: p.time + this.shift });
  }

  protected override batch(b: BatchMessage): void {
    this.emit({ ...b, tmax: b.tmax + this.shift, points: b.points.map((pt) => ({ ...pt, time: pt.time + this.shift })) });
  }
}
