// httpOut('name'): keeps the latest message of every group and serves them, as an InfluxDB
// query result, at /kapacitor/v1/tasks/<task>/<name> while the task runs. Rows are built only
// when the endpoint is read; the hot path just remembers the message.

import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, DeleteGroupMessage, GroupId, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { batchToRow, pointToRow, rowJSON } from '../rows.js';

export class HttpOutNode extends EngineNode {
  readonly endpoint: string;
  private readonly index = new Map<GroupId, number>();
  private latest: Array<PointMessage | BatchMessage> = [];
  private seen: number[] = [];

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.endpoint = typeof spec.args[0] === 'string' ? spec.args[0] : '';
  }

  protected override point(message: PointMessage): void {
    this.remember(message);
    this.emit(message);
  }

  protected override batch(message: BatchMessage): void {
    this.remember(message);
    this.emit(message);
  }

  protected override deleteGroup(message: DeleteGroupMessage): void {
    const index = this.index.get(message.group);
    if (index !== undefined) {
      this.latest.splice(index, 1);
      this.seen.splice(index, 1);
      this.index.delete(message.group);
      for (const [group, i] of this.index) if (i > index) this.index.set(group, i - 1);
    }
    this.emit(message);
  }

  private remember(message: PointMessage | BatchMessage): void {
    const index = this.index.get(message.group);
    if (index === undefined) {
      this.index.set(message.group, this.latest.length);
      this.latest.push(message);
      this.seen.push(this.ctx.clock.now);
    } else {
      this.latest[index] = message;
      this.seen[index] = this.ctx.clock.now;
    }
  }

  override expireIdle(cutoff: number): void {
    const latest: Array<PointMessage | BatchMessage> = [];
    const seen: number[] = [];
    this.index.clear();
    for (let i = 0; i < this.latest.length; i++) {
      if (this.seen[i]! < cutoff) continue;
      this.index.set(this.latest[i]!.group, latest.length);
      latest.push(this.latest[i]!);
      seen.push(this.seen[i]!);
    }
    const dropped = this.latest.length - latest.length;
    if (dropped > 0) this.counters.groups_expired = (this.counters.groups_expired ?? 0) + dropped;
    this.latest = latest;
    this.seen = seen;
  }

  override cardinality(): number {
    return this.index.size;
  }

  /** The current result: {"series": [...]} ({"series": null} before any data). */
  result(): { series: unknown[] | null } {
    if (this.latest.length === 0) return { series: null };
    return { series: this.latest.map((m) => (m.type === 'point' ? pointToRow(m) : rowJSON(batchToRow(m)))) };
  }
}
