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
    this.h = Number(h);
    this.m = Number(m);
    this.interval = typeof interval === 'object' && interval !== null && !Array.isArray(interval) && interval.kind === 'duration' ? interval.ns : 0n;
    this.withFit = spec.kind === 'holtWintersWithFit';
    this.as = stringValue(spec, 'as') || 'holtWinters';
  }

  /**
   * As an InfluxQL node (influxql.go influxqlGroup): the reducer takes the type of the first
   * numeric value; other types are left out (counted as errors); a batch without any gives
   * nothing. The result batch ends at its last forecast (EmitBatch moves the begin time).
   */
  protected override batch(b: BatchMessage): void {
    const input: HoltWintersPoint[] = [];
    let type: string | undefined;
    for (const p of b.points) {
      const v = p.fields[this.field];
      const t = typeof v;
      if (v === undefined || (t !== 'number' && t !== 'bigint') || (type !== undefined && t !== type)) {
        this.error(new Error(`field ${this.field} missing or not of the reducer's type (${t})`));
        continue;
      }
      type = t;
      input.push({ time: p.time, value: Number(v) });
    }
    if (type === undefined) return;
    let tmax = b.tmax;
    const points: BatchPoint[] = holtWinters(input, this.h, this.m, this.interval, this.withFit).map((p) => {
      if (p.time > tmax) tmax = p.time;
      return { time: p.time, fields: { [this.as]: p.value }, tags: b.tags };
    });
    this.emit({ ...b, tmax, points });
  }
}
