// union(nodes...): merges its parents' messages into one stream in time order, optionally
// renaming them (.rename). As Kapacitor's union does, each parent's messages are buffered and a
// message goes on only once every parent has reached its time (the low-water mark over all
// parents); what is still buffered goes on when the task stops. Delete-group messages end here.
// Never reorders the messages of one parent.

import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BarrierMessage, BatchMessage, DeleteGroupMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

type Timed = PointMessage | BatchMessage | BarrierMessage;

function timeOf(message: Timed): bigint {
  return message.type === 'batch' ? message.tmax : message.time;
}

export class UnionNode extends EngineNode {
  private readonly rename: string;
  /** Buffered messages of each parent, oldest first (a head index instead of shifting). */
  private readonly sources: Timed[][];
  private readonly heads: number[];
  /** Each parent's low-water mark: the time of the last message seen at its head. */
  private readonly lowMarks: Array<bigint | undefined>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.rename = stringValue(spec, 'rename');
    const parents = Math.max(1, spec.parents.length);
    this.sources = Array.from({ length: parents }, () => []);
    this.heads = new Array<number>(parents).fill(0);
    this.lowMarks = new Array<bigint | undefined>(parents).fill(undefined);
  }

  protected override point(p: PointMessage, edge: number): void {
    this.buffer(this.rename === '' ? p : { ...p, name: this.rename }, edge);
  }

  protected override batch(b: BatchMessage, edge: number): void {
    this.buffer(this.rename === '' ? b : { ...b, name: this.rename }, edge);
  }

  protected override barrier(b: BarrierMessage, edge: number): void {
    this.buffer(b, edge);
  }

  /** Kapacitor's union reads only points, batches and barriers from its parents. */
  protected override deleteGroup(_d: DeleteGroupMessage): void {}

  override close(): void {
    this.emitReady(true);
  }

  private buffer(message: Timed, edge: number): void {
    (this.sources[edge] ?? this.sources[0]!).push(message);
    this.emitReady(false);
  }

  /** Emits every buffered message at or before the low-water mark, until nothing moves. */
  private emitReady(drain: boolean): void {
    const sources = this.sources;
    const heads = this.heads;
    const lowMarks = this.lowMarks;
    let emitted = true;
    while (emitted) {
      emitted = false;
      let mark: bigint | undefined;
      let valid = 0;
      for (let i = 0; i < sources.length; i++) {
        let sourceMark = lowMarks[i];
        if (heads[i]! < sources[i]!.length) {
          const t = timeOf(sources[i]![heads[i]!]!);
          if (mark === undefined || t < mark) mark = t;
          sourceMark = t;
        }
        lowMarks[i] = sourceMark;
        if (sourceMark !== undefined) {
          valid++;
          if (!drain && (mark === undefined || sourceMark < mark)) mark = sourceMark;
        }
      }
      if (!drain && valid !== sources.length) return;
      if (mark === undefined) return;
      for (let i = 0; i < sources.length; i++) {
        const values = sources[i]!;
        let j = heads[i]!;
        while (j < values.length && timeOf(values[j]!) <= mark) {
          this.emit(values[j]!);
          emitted = true;
          j++;
        }
        if (j === values.length) {
          values.length = 0;
          j = 0;
        } else if (j > 1024 && j * 2 > values.length) {
          values.splice(0, j);
          j = 0;
        }
        heads[i] = j;
      }
    }
  }
}
