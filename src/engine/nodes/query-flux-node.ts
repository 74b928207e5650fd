// queryFlux(): the Flux source of a batch task (Kapacitor 1.6+). The schedule is query()'s
// (every, aligned or not, or cron; offset); each tick runs the script on the Flux engine with
// now() = tick - offset against the node's cluster, and turns every result table into a batch
// as Kapacitor reads a Flux answer: name from _measurement, tags from the group key columns,
// fields from the other columns (_start, _stop, _measurement left out), point times from
// _time. The script is compiled once, when the task starts; a bad script stops the start.

import type { TimeNs } from '../../models/point.js';
import type { Fields, FieldValue } from '../../models/point.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { compileScript, runScript, type CompiledScript } from '../../flux-runtime/run.js';
import { InfluxFluxSource } from '../../flux-runtime/influx-source.js';
import type { Table } from '../../flux-runtime/table.js';
import { display, FluxTime, FluxUint, type Value } from '../../flux-runtime/values.js';
import { ZERO_TIME, type RecordedBatch } from '../../recording/recording-files.js';
import type { TaskContext } from '../node.js';
import { QueryNode, type BatchServices } from './query-node.js';

const NOT_FIELDS = new Set(['_start', '_stop', '_measurement', '_time']);
const NOT_TAGS = new Set(['_start', '_stop', '_measurement']);

export class QueryFluxNode extends QueryNode {
  readonly script: CompiledScript;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.script = compileScript(this.query.spec.query);
  }

  override async runTick(tick: TimeNs): Promise<void> {
    const services = this.ctx.services as BatchServices;
    const now = tick - this.query.spec.offset;
    try {
      const influxdb = services.influxdb;
      if (influxdb === undefined || !influxdb.hasClusters()) {
        throw new Error('InfluxDB not configured, cannot query InfluxDB for batch query');
      }
      this.ctx.logger.debug({ task: this.ctx.taskId, node: this.name, query: this.query.spec.query }, 'starting batch query');
      const source = new InfluxFluxSource(() => influxdb.client(this.query.spec.cluster));
      const result = await runScript(this.script, { now, source });
      if (this.closed) return;
      for (const { tables } of result.results) {
        for (const table of tables) {
          const batch = tableToBatch(table);
          if (batch === undefined) continue;
          if (batch.tmax === ZERO_TIME) batch.tmax = tick;
          this.collect(batch);
        }
      }
    } catch (error) {
      this.counters.query_errors!++;
      this.error(new Error(`error executing query: ${(error as Error).message}`));
    }
  }
}

function fieldValue(value: Value): FieldValue | undefined {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof FluxUint) return value.value;
  if (value === null || value === undefined) return undefined;
  return display(value);
}

/** One Flux table as one batch; undefined when no row has a field value. */
export function tableToBatch(table: Table): RecordedBatch | undefined {
  const tags: Record<string, string> = {};
  for (const column of table.key) {
    if (NOT_TAGS.has(column)) continue;
    const value = table.keyValues[column] ?? null;
    if (value !== null) tags[column] = display(value);
  }
  const measurement = table.keyValues._measurement ?? table.rows[0]?._measurement ?? null;
  const keyColumns = new Set(table.key);
  const batch: RecordedBatch = { name: typeof measurement === 'string' ? measurement : '', tmax: ZERO_TIME, tags, byName: false, points: [] };
  for (const row of table.rows) {
    const fields: Fields = {};
    let count = 0;
    for (const column in row) {
      if (NOT_FIELDS.has(column) || keyColumns.has(column)) continue;
      const value = fieldValue(row[column]!);
      if (value === undefined) continue;
      fields[column] = value;
      count++;
    }
    if (count === 0) continue;
    const time = row._time instanceof FluxTime ? row._time.ns : ZERO_TIME;
    if (time > batch.tmax) batch.tmax = time;
    batch.points.push({ fields, tags, time });
  }
  return batch.points.length === 0 ? undefined : batch;
}
