// sample(n | duration): keeps every n-th point of each group, starting with the first; with a
// duration, keeps those whose time is a multiple of it. A batch always goes on, with the points
// of it kept by the same rule, counted afresh in every batch (sample.go sampleGroup), so it
// may go on empty.

import type { PipelineNode } from '../../pipeline/types.js';
import { withBatch, type BatchMessage, type PointMessage } from '../messages.js';
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

  private keep(count: number, time: bigint): boolean {
    if (this.n > 0) return count % this.n === 0;
    return truncateTime(time, this.duration) === time;
  }

  protected override point(p: PointMessage): void {
    const state = this.counts.get(p);
    const keep = this.keep(state.count, p.time);
    state.count++;
    if (keep) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const points = b.points.filter((point, count) => this.keep(count, point.time));
    this.emit(points.length === b.points.length ? b : withBatch(b, { points }));
  }
}
