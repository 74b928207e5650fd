// groupBy(tags... | *): regroups points (and the points of batches) by tags, optionally
// excluding tags (.exclude) and by measurement (.byMeasurement). Batches are regrouped as
// Kapacitor does: the points of all batches with the same time are collected per new group,
// and those groups are emitted (in order of first appearance) when a batch with a later time
// arrives.

import { allCalls, hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupSpec, Grouper } from '../group-by.js';
import { dimensionTags, NO_DIMENSIONS, type BatchMessage, type BatchPoint, type Dimensions, type GroupId, type PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

interface PendingGroup {
  name: string;
  dimensions: Dimensions;
  points: BatchPoint[];
}

export class GroupByNode extends EngineNode {
  private readonly grouper: Grouper;
  private pending = new Map<GroupId, PendingGroup>();
  private pendingTime: bigint | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const exclude = allCalls(spec, 'exclude').flatMap((c) => c.args.map(String));
    this.grouper = new Grouper(groupSpec(spec.args, exclude, hasProperty(spec, 'byMeasurement')));
  }

  protected override point(p: PointMessage): void {
    if (this.grouper.none) {
      this.emit(p.group === '' ? p : { ...p, group: '', dimensions: NO_DIMENSIONS });
      return;
    }
    const g = this.grouper.dimensionsOf(p.name, p.tags);
    this.emit(g.group === p.group && g.dimensions === p.dimensions ? p : { ...p, group: g.group, dimensions: g.dimensions });
  }

  protected override batch(b: BatchMessage): void {
    if (this.pendingTime !== undefined && this.pendingTime < b.tmax) this.flush();
    this.pendingTime = b.tmax;
    for (const point of b.points) {
      const g = this.grouper.none ? { group: '', dimensions: NO_DIMENSIONS } : this.grouper.dimensionsOf(b.name, point.tags);
      let entry = this.pending.get(g.group);
      if (entry === undefined) this.pending.set(g.group, (entry = { name: b.name, dimensions: g.dimensions, points: [] }));
      entry.points.push(point);
    }
  }

  private flush(): void {
    const tmax = this.pendingTime!;
    const groups = this.pending;
    this.pending = new Map();
    for (const [group, entry] of groups) {
      const tags = dimensionTags(entry.points[0]!.tags, entry.dimensions);
      this.emit({ type: 'batch', name: entry.name, tags, tmax, points: entry.points, group, dimensions: entry.dimensions });
    }
  }

  override cardinality(): number {
    return this.pending.size;
  }
}
