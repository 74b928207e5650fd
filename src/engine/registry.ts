// Node kind → factory: the one table the executing task consults to build runtime nodes.
// To add a node kind, write src/engine/nodes/<kind>-node.ts (see node.ts) and add one line here.

import type { NodeFactory } from './node.js';
import { StreamNode } from './nodes/stream-node.js';
import { FromNode } from './nodes/from-node.js';
import { HttpOutNode } from './nodes/http-out-node.js';
import { NoOpNode } from './nodes/noop-node.js';

const FACTORIES: Record<string, NodeFactory> = {
  stream: (spec, ctx) => new StreamNode(spec, ctx),
  from: (spec, ctx) => new FromNode(spec, ctx),
  httpOut: (spec, ctx) => new HttpOutNode(spec, ctx),
  noOp: (spec, ctx) => new NoOpNode(spec, ctx),
};

export function nodeFactory(kind: string): NodeFactory | undefined {
  return Object.prototype.hasOwnProperty.call(FACTORIES, kind) ? FACTORIES[kind] : undefined;
}

/** Registers a factory at runtime (tests, optional services). */
export function registerNodeKind(kind: string, factory: NodeFactory): void {
  FACTORIES[kind] = factory;
}
