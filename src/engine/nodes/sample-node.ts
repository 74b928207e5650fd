// sample(n | duration): keeps every n-th point (or batch) of each group, starting with the
// first; with a duration, keeps those whose time is a multiple of it.

import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { truncateTime } from '../time-ops.js';

export class SampleNode extends EngineNode {
  private readonly n: number = 0;
  private readonly duration: bigint = 0n;
  private readonly counts: GroupStates<{ count: number }>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const arg = spec.args[0];
    if (typeof arg === 'bigint') this.n = Number(arg);
    else if (typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'duration') this.duration = arg.ns;
    else throw new Error('sample: expected a count or a duration');
    this.counts = this.groups(() => ({ count: 0 }));
  }

  private keep(message: PointMessage | BatchMessage, time: bigint): boolean {
    if (this.n > 0) {
      const state = this.counts.get(message);
      const keep = state.count % this.n === 0;
      state.count++;
      return keep;
    }
    return truncateTime(time, this.duration) === time;
  }

  protected override point(p: PointMessage): void {
    if (this.keep(p, p.time)) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    if (this.keep(b, b.tmax)) this.emit(b);
  }
}
