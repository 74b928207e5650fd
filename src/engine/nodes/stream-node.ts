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
      if (child instanceof FromNode) {
        this.froms.push(child);
        this.fromEdges.push(index);
      }
    });
  }

  /**
   * The single from() child when it is the only child, for routing by its routingTag; the
   * task master then counts points in bulk (offer) and hands over only candidates (deliver).
   */
  soleFrom(): FromNode | undefined {
    return this.children.length === 1 && this.children[0] instanceof FromNode ? this.children[0] : undefined;
  }

  /** Counts `count` written points as received and passed to the sole from(). */
  offer(count: number): void {
    this.collected += count;
    this.emitted += count;
    this.processed[0]! += count;
    this.froms[0]!.collected += count;
  }

  /** A point already counted by offer() that may pass the sole from()'s selection. */
  deliver(point: Point): void {
    this.froms[0]!.acceptCounted(point);
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
