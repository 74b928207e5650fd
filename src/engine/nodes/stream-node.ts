// stream: the source of a stream task. The task master hands it written points; it passes
// each one to its from() children, which select, group and wrap them into point messages.

import type { Point } from '../../models/point.js';
import { EngineNode } from '../node.js';
import { FromNode } from './from-node.js';

export class StreamNode extends EngineNode {
  private froms: FromNode[] = [];
  private fromEdges: number[] = [];

  override open(): void {
    this.froms = [];
    this.fromEdges = [];
    this.children.forEach((child, index) => {
      if (child instanceof FromNode) { this.froms.push(child); this.fromEdges.push(index); }
    });
  }

  /** One written point for this task (its db/rp is one of the task's). */
  write(point: Point): void {
    this.collected++;
    this.emitted++;
    const froms = this.froms;
    for (let i = 0; i < froms.length; i++) {
      this.processed[this.fromEdges[i]!]!++;
      froms[i]!.accept(point);
    }
  }
}
