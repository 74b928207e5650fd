// holtWinters(field, h, m, interval) and holtWintersWithFit(...): forecasts h values of a
// batch's field (with the fitted values first for ...WithFit) as a batch in .as (default
// "holtWinters").

import { stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { holtWinters, type HoltWintersPoint } from '../influxql/holt-winters.js';
import type { BatchMessage, BatchPoint } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

export class HoltWintersNode extends EngineNode {
  private readonly field: string;
  private readonly h: number;
  private readonly m: number;
  private readonly interval: bigint;
  private readonly withFit: boolean;
  private readonly as: string;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const [field, h, m, interval] = spec.args;
    this.field = String(field);
    this.h = Number(h as bigint);
    this.m = Number(m as bigint);
    this.interval = typeof interval === 'object' && interval !== null && !Array.isArray(interval) && interval.kind === 'duration' ? interval.ns : 0n;
    this.withFit = spec.kind === 'holtWintersWithFit';
    this.as = stringValue(spec, 'as') || 'holtWinters';
  }

  protected override batch(b: BatchMessage): void {
    const input: HoltWintersPoint[] = [];
    for (const p of b.points) {
      const v = p.fields[this.field];
      if (typeof v === 'number') input.push({ time: p.time, value: v });
      else if (typeof v === 'bigint') input.push({ time: p.time, value: Number(v) });
      else if (v !== undefined) throw new Error(`unsupported holtWinters iterator type: ${typeof v}`);
    }
    const points: BatchPoint[] = holtWinters(input, this.h, this.m, this.interval, this.withFit)
      .map((p) => ({ time: p.time, fields: { [this.as]: p.value }, tags: b.tags }));
    this.emit({ ...b, points });
  }
}
