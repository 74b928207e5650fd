// log(): logs every point and batch (at .level, default INFO, with .prefix) and passes it on.

import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { batchToRow, pointToRow, type Row } from '../rows.js';

/** Rows with int64 values as numbers (the logger cannot encode bigint). */
function loggable(row: Row): Row {
  return { ...row, values: row.values.map((v) => v.map((x) => (typeof x === 'bigint' ? Number(x) : x))) };
}

type Level = 'debug' | 'info' | 'warn' | 'error';

export class LogNode extends EngineNode {
  private readonly level: Level;
  private readonly prefix: string;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const level = (stringValue(spec, 'level') || 'INFO').toLowerCase();
    this.level = level === 'debug' ? 'debug' : level === 'warn' ? 'warn' : level === 'error' ? 'error' : 'info';
    this.prefix = stringValue(spec, 'prefix');
  }

  protected override point(p: PointMessage): void {
    this.ctx.logger[this.level]({ node: this.name, prefix: this.prefix, point: loggable(pointToRow(p)) }, 'point');
    this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    this.ctx.logger[this.level]({ node: this.name, prefix: this.prefix, batch: loggable(batchToRow(b)) }, 'batch');
    this.emit(b);
  }
}
