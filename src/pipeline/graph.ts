// The pipeline under construction: ids handed out as Kapacitor does (one per link, so a join
// of three parents takes the third id it was given) and sources. Mutable while building;
// frozen into a Pipeline at the end.

import type { Position } from '../tick/ast.js';
import type { NodeSpec } from './catalogue/index.js';
import type { EdgeType, PipelineNode, PropertyValue } from './types.js';

/** A property call while building: handler calls collect their children here. */
export interface BuildCall {
  readonly name: string;
  readonly args: PropertyValue[];
  readonly position: Position;
  children?: BuildCall[];
}

export interface BuildNode {
  id: number;
  readonly kind: string;
  readonly spec: NodeSpec;
  /** DOT name prefix: the catalogue's desc, or the UDF's name. */
  readonly desc: string;
  name: string;
  readonly args: PropertyValue[];
  readonly properties: BuildCall[];
  readonly wants: EdgeType;
  readonly provides: EdgeType;
  readonly parents: BuildNode[];
  readonly children: BuildNode[];
  readonly position: Position;
  observes?: BuildNode;
}

export class BuildGraph {
  private nextId = 0;
  readonly sources: BuildNode[] = [];
  readonly nodes = new Set<BuildNode>();

  create(spec: NodeSpec, init: { args?: PropertyValue[]; wants: EdgeType; provides: EdgeType; position: Position; desc?: string }): BuildNode {
    const node: BuildNode = {
      id: -1,
      kind: spec.kind,
      spec,
      desc: init.desc ?? spec.desc,
      name: '',
      args: init.args ?? [],
      properties: [],
      wants: init.wants,
      provides: init.provides,
      parents: [],
      children: [],
      position: init.position,
    };
    this.nodes.add(node);
    return node;
  }

  addSource(node: BuildNode): void {
    node.id = this.nextId++;
    this.sources.push(node);
  }

  /** Links child under parent and gives the child a fresh id, as Kapacitor's linkChild does. */
  link(parent: BuildNode, child: BuildNode): void {
    child.id = this.nextId++;
    parent.children.push(child);
    child.parents.push(parent);
  }

  /** Names every node (`desc` + id) and returns the nodes in id order. */
  finish(): PipelineNode[] {
    const nodes = [...this.nodes];
    for (const node of nodes) node.name = `${node.desc}${node.id}`;
    return nodes.sort((a, b) => a.id - b.id).map(freezeNode);
  }
}

function freezeNode(node: BuildNode): PipelineNode {
  return node;
}
