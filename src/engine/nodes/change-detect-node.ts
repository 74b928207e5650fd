// changeDetect(fields...): passes a point only when one of the fields differs from the last
// point the group passed on (change_detect.go): a field the point lacks is an error and counts
// as unchanged (so a point with none of the fields is dropped); the first point with any of
// the fields passes. Every batch starts afresh.

import type { Fields } from '../../models/point.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

interface State {
  /** Fields of the last point passed on. */
  previous: Fields | undefined;
}

export class ChangeDetectNode extends EngineNode {
  private readonly fields: string[];
  private readonly states: GroupStates<State>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.fields = spec.args.map(String);
    this.states = this.groups(() => ({ previous: undefined }));
  }

  private changed(state: State, fields: Fields): boolean {
    const previous = state.previous;
    for (const field of this.fields) {
      const value = fields[field];
      if (value === undefined) {
        this.error(new Error(`Invalid field in change detect: expected field ${field} not found`));
        continue;
      }
      if (previous === undefined || previous[field] !== value) {
        state.previous = fields;
        return true;
      }
    }
    return false;
  }

  protected override point(p: PointMessage): void {
    if (this.changed(this.states.get(p), p.fields)) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const state = this.states.get(b);
    state.previous = undefined;
    this.emit({ ...b, points: b.points.filter((pt) => this.changed(state, pt.fields)) });
  }
}
