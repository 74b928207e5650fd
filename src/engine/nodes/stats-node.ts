// stats(interval): every interval of wall-clock time, emits one point per group of the node it
// observes: name "stats", the group's tags, field "emitted" (messages the node has sent for
// that group so far); before the node has sent anything, one point of the empty group with
// emitted 0. .align() waits for the next multiple of the interval before the first emit and
// rounds the times to the interval. Deadman switches use it. (Kapacitor stats.go, node.go
// nodeStatsByGroup.)

import { nowNs } from '../../models/time.js';
import { hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { NO_DIMENSIONS } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { roundTime, truncateTime } from '../time-ops.js';

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

export class StatsNode extends EngineNode {
  private readonly interval: bigint;
  private readonly align: boolean;
  private timer: NodeJS.Timeout | undefined;
  private observed: EngineNode | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const arg = spec.args[0];
    this.interval = typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'duration' ? arg.ns : 0n;
    // stats.go newStatsNode: the task does not start.
    if (this.interval <= 0n) throw new Error('stats node must have positive interval');
    this.align = hasProperty(spec, 'align');
  }

  override open(): void {
    this.observed = this.spec.observes === undefined ? undefined : this.ctx.node(this.spec.observes.name);
    this.observed?.trackGroupEmitted();
    const intervalMs = Math.max(1, Number(this.interval / 1_000_000n));
    if (!this.align) {
      this.startTicker(intervalMs);
      return;
    }
    // stats.go runStats: wait for the next multiple of the interval, emit with the time read
    // before waiting (rounded), then tick every interval from there.
    const now = nowNs();
    const waitMs = Math.max(0, Number((truncateTime(now, this.interval) + this.interval - now) / 1_000_000n));
    this.timer = setTimeout(() => {
      this.tick(now);
      this.startTicker(intervalMs);
    }, waitMs);
    this.timer.unref();
  }

  override close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private startTicker(intervalMs: number): void {
    this.timer = setInterval(() => this.tick(nowNs()), intervalMs);
    this.timer.unref();
  }

  private tick(now: bigint): void {
    const time = this.align ? roundTime(now, this.interval) : now;
    const groups = this.observed?.groupEmitted;
    try {
      if (groups === undefined || groups.size === 0) {
        // node.go nodeStatsByGroup: no group yet is the nil group with emitted 0.
        this.emit({
          type: 'point',
          name: 'stats',
          database: '',
          retentionPolicy: '',
          tags: NO_TAGS,
          fields: { emitted: 0n },
          time,
          group: '',
          dimensions: NO_DIMENSIONS,
        });
        return;
      }
      for (const [group, stat] of groups) {
        this.emit({
          type: 'point',
          name: 'stats',
          database: '',
          retentionPolicy: '',
          tags: stat.tags,
          fields: { emitted: BigInt(stat.emitted) },
          time,
          group,
          dimensions: stat.dimensions,
        });
      }
    } catch (error) {
      this.error(error);
    }
  }
}
