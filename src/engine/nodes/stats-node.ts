// stats(interval): every interval (wall clock), emits a point with the statistics of the node
// it observes: name "stats", tags node/task/type, fields collected, emitted, errors and the
// node's counters. .align() aligns the times to the interval.

import { nowNs } from '../../models/time.js';
import { hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { NO_DIMENSIONS } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { truncateTime } from '../time-ops.js';

export class StatsNode extends EngineNode {
  private readonly interval: bigint;
  private readonly align: boolean;
  private timer: NodeJS.Timeout | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const arg = spec.args[0];
    this.interval = typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'duration' ? arg.ns : 1_000_000_000n;
    this.align = hasProperty(spec, 'align');
  }

  override open(): void {
    this.timer = setInterval(() => this.tick(), Math.max(1, Number(this.interval / 1_000_000n)));
    this.timer.unref();
  }

  override close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private tick(): void {
    const observed = this.spec.observes === undefined ? undefined : this.ctx.node(this.spec.observes.name);
    if (observed === undefined) return;
    let time = nowNs();
    if (this.align) time = truncateTime(time, this.interval);
    const fields: Record<string, number | bigint> = {
      collected: BigInt(observed.collected),
      emitted: BigInt(observed.emitted),
      errors: BigInt(observed.errors),
      working_cardinality: BigInt(observed.cardinality()),
      avg_exec_time_ns: BigInt(Math.round(observed.avgExecTimeNs())),
    };
    for (const [key, value] of Object.entries(observed.counters)) fields[key] = BigInt(Math.trunc(value));
    try {
      this.emit({
        type: 'point', name: 'stats', database: '', retentionPolicy: '',
        tags: { node: observed.name, task: this.ctx.taskId, type: observed.kind }, fields, time, group: '', dimensions: NO_DIMENSIONS,
      });
    } catch (error) {
      this.error(error);
    }
  }
}
