// groupBy(tags... | *): regroups points (and the points of batches) by tags, optionally
// excluding tags (.exclude) and by measurement (.byMeasurement). Batches are regrouped as
// Kapacitor does (group_by.go): the points of all batches with the same time are collected per
// new group, and those groups are emitted (in order of first appearance, points sorted by time
// with Go's sort.Sort) when a batch or barrier with another time arrives.

import { allCalls, hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupSpec, Grouper } from '../group-by.js';
import { goSortArray } from '../influxql/go-sort.js';
import {
  dimensionTags,
  NO_DIMENSIONS,
  type BarrierMessage,
  type BatchMessage,
  type BatchPoint,
  type Dimensions,
  type GroupId,
  type PointMessage,
} from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

interface PendingGroup {
  name: string;
  dimensions: Dimensions;
  points: BatchPoint[];
}

export class GroupByNode extends EngineNode {
  private readonly grouper: Grouper;
  private byNameGrouper: Grouper | undefined;
  private pending = new Map<GroupId, PendingGroup>();
  private pendingTime: bigint | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const exclude = allCalls(spec, 'exclude').flatMap((c) => c.args.map(String));
    this.grouper = new Grouper(groupSpec(spec.args, exclude, hasProperty(spec, 'byMeasurement')));
  }

  /** An input grouped by measurement stays so (group_by.go: ByName = input's || byMeasurement). */
  private grouperFor(byName: boolean): Grouper {
    if (!byName || this.grouper.spec.byName) return this.grouper;
    return (this.byNameGrouper ??= new Grouper({ ...this.grouper.spec, byName: true }));
  }

  protected override point(p: PointMessage): void {
    const grouper = this.grouperFor(p.dimensions.byName);
    if (grouper.none) {
      this.emit(p.group === '' ? p : { ...p, group: '', dimensions: NO_DIMENSIONS });
      return;
    }
    const g = grouper.dimensionsOf(p.name, p.tags);
    this.emit(g.group === p.group && g.dimensions === p.dimensions ? p : { ...p, group: g.group, dimensions: g.dimensions });
  }

  protected override batch(b: BatchMessage): void {
    if (this.pendingTime !== undefined && this.pendingTime !== b.tmax) this.flush();
    this.pendingTime = b.tmax;
    const grouper = this.grouperFor(b.dimensions.byName);
    for (const point of b.points) {
      const g = grouper.none ? { group: '', dimensions: NO_DIMENSIONS } : grouper.dimensionsOf(b.name, point.tags);
      let entry = this.pending.get(g.group);
      if (entry === undefined) this.pending.set(g.group, (entry = { name: b.name, dimensions: g.dimensions, points: [] }));
      entry.points.push(point);
    }
  }

  protected override barrier(b: BarrierMessage): void {
    if (this.pendingTime !== b.time) {
      if (this.pendingTime !== undefined) this.flush();
      this.pendingTime = b.time;
    }
    this.emit(b);
  }

  private flush(): void {
    const tmax = this.pendingTime!;
    const groups = this.pending;
    this.pending = new Map();
    for (const [group, entry] of groups) {
      const tags = dimensionTags(entry.points[0]!.tags, entry.dimensions);
      goSortArray(entry.points, (x, y) => x.time < y.time);
      this.emit({ type: 'batch', name: entry.name, tags, tmax, points: entry.points, group, dimensions: entry.dimensions });
    }
  }

  override cardinality(): number {
    return this.pending.size;
  }
}
