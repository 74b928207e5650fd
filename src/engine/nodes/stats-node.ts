// stats(interval): every interval of wall-clock time, emits one point per group of the node it
// observes: name "stats", the group's tags, field "emitted" (messages the node has sent for
// that group so far). .align() rounds the times to the interval. Deadman switches use it.

import { nowNs } from '../../models/time.js';
import { hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { EngineNode, type TaskContext } from '../node.js';
import { roundTime } from '../time-ops.js';

export class StatsNode extends EngineNode {
  private readonly interval: bigint;
  private readonly align: boolean;
  private timer: NodeJS.Timeout | undefined;
  private observed: EngineNode | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const arg = spec.args[0];
    this.interval = typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'duration' ? arg.ns : 1_000_000_000n;
    this.align = hasProperty(spec, 'align');
  }

  override open(): void {
    this.observed = this.spec.observes === undefined ? undefined : this.ctx.node(this.spec.observes.name);
    this.observed?.trackGroupEmitted();
    this.timer = setInterval(() => this.tick(), Math.max(1, Number(this.interval / 1_000_000n)));
    this.timer.unref();
  }

  override close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private tick(): void {
    const groups = this.observed?.groupEmitted;
    if (groups === undefined) return;
    let time = nowNs();
    if (this.align) time = roundTime(time, this.interval);
    for (const [group, stat] of groups) {
      try {
        this.emit({
          type: 'point', name: 'stats', database: '', retentionPolicy: '', tags: stat.tags,
          fields: { emitted: BigInt(stat.emitted) }, time, group, dimensions: stat.dimensions,
        });
      } catch (error) {
        this.error(error);
      }
    }
  }
}
