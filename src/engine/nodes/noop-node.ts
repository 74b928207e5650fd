// noOp: passes every message through unchanged (Kapacitor inserts it where a graph needs a node).

import { EngineNode } from '../node.js';

export class NoOpNode extends EngineNode {}
