// union(nodes...): merges its parents' messages into one stream, optionally renaming them
// (.rename). Messages pass on in arrival order.

import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

export class UnionNode extends EngineNode {
  private readonly rename: string;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.rename = stringValue(spec, 'rename');
  }

  protected override point(p: PointMessage): void {
    this.emit(this.rename === '' ? p : { ...p, name: this.rename });
  }

  protected override batch(b: BatchMessage): void {
    this.emit(this.rename === '' ? b : { ...b, name: this.rename });
  }
}
