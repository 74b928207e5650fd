// batch: the source of a batch task. Its children are query() nodes, which produce the
// batches themselves; it only groups them (for replays: the query nodes in order).

import { EngineNode } from '../node.js';
import { QueryNode } from './query-node.js';

export class BatchNode extends EngineNode {
  /** The task's query nodes, in pipeline order (Kapacitor's batch collectors). */
  queryNodes(): QueryNode[] {
    return this.children.filter((child): child is QueryNode => child instanceof QueryNode);
  }
}
