// trickle(): turns batches back into a stream: every point of a batch becomes a point message.

import type { BatchMessage } from '../messages.js';
import { EngineNode } from '../node.js';

export class TrickleNode extends EngineNode {
  protected override batch(b: BatchMessage): void {
    for (const pt of b.points) {
      this.emit({
        type: 'point',
        name: b.name,
        database: '',
        retentionPolicy: '',
        tags: pt.tags,
        fields: pt.fields,
        time: pt.time,
        group: b.group,
        dimensions: b.dimensions,
      });
    }
  }
}
