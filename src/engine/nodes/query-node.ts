// query(): the source of a batch task. On its schedule (every, aligned or not, or cron) it
// runs its InfluxQL over [tick - offset - period, tick - offset) against its cluster and emits
// one batch per series. A failed query is logged and counted; the schedule goes on. Without
// InfluxDB (or with an unknown .cluster()) the task ends with that error at start. In a
// replay the schedule is off and the replay feeds batches through collect().

import type { TimeNs } from '../../models/point.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { BatchQuery, querySpecFromNode } from '../../influxql/batch-query.js';
import { resultToBatches } from '../../influxql/result-batches.js';
import type { InfluxDBPort } from '../ports.js';
import { ZERO_TIME, type RecordedBatch } from '../../recording/recording-files.js';
import { batchMessage, groupIdOf, sortedTagNames, type BatchMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

/** Longest delay setTimeout takes; later ticks re-arm the timer. */
const MAX_TIMER_MS = 2_147_483_647;

/** Engine services this node reads (wired by the server). */
export interface BatchServices {
  /** The InfluxDB service batch queries run against. */
  influxdb?: InfluxDBPort;
  /** False in replays: no schedule, batches come from collect(). */
  batchScheduling?: boolean;
}

export class QueryNode extends EngineNode {
  readonly query: BatchQuery;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  protected closed = false;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.query = new BatchQuery(querySpecFromNode(spec));
    this.counters.batches_queried = 0;
    this.counters.points_queried = 0;
    this.counters.query_errors = 0;
  }

  override open(): void {
    const services = this.ctx.services as BatchServices;
    if (services.batchScheduling === false) return;
    // batch.go QueryNode.doQuery: without InfluxDB, or with an unknown cluster, the node ends
    // with an error (and so does the task); a failing query only logs and waits for the next tick.
    const influxdb = services.influxdb;
    if (influxdb === undefined) {
      this.fatal(new Error('InfluxDB not configured, cannot query InfluxDB for batch query'));
      return;
    }
    if (!influxdb.hasClusters()) {
      // Kapacitor always has its InfluxDB service; with no cluster the lookup fails by name.
      this.fatal(new Error(`failed to get InfluxDB client: no such InfluxDB config ${this.query.spec.cluster}`));
      return;
    }
    try {
      influxdb.client(this.query.spec.cluster);
    } catch (error) {
      this.fatal(new Error(`failed to get InfluxDB client: ${(error as Error).message}`));
      return;
    }
    this.schedule(this.query.firstTick(this.ctx.now()));
  }

  override close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Emits one recorded or queried batch into the task. */
  collect(batch: RecordedBatch): void {
    this.counters.batches_queried!++;
    this.counters.points_queried! += batch.points.length;
    this.receive(toMessage(batch));
  }

  /** Runs the query of the tick at `tick` now (also used by tests). */
  async runTick(tick: TimeNs): Promise<void> {
    const services = this.ctx.services as BatchServices;
    const window = this.query.windowAt(tick);
    const text = this.query.text(window.start, window.stop);
    try {
      if (services.influxdb === undefined || !services.influxdb.hasClusters()) {
        throw new Error('InfluxDB not configured, cannot query InfluxDB for batch query');
      }
      this.ctx.logger.debug({ task: this.ctx.taskId, node: this.name, query: text }, 'starting batch query');
      const results = await services.influxdb.client(this.query.spec.cluster).query(text);
      if (this.closed) return;
      for (const result of results) {
        let batches: RecordedBatch[];
        try {
          batches = resultToBatches(result, this.query.spec.groupByMeasurement);
        } catch (error) {
          this.counters.query_errors!++;
          this.error(new Error(`failed to understand query result: ${(error as Error).message}`));
          continue;
        }
        for (const batch of batches) {
          if (batch.tmax === ZERO_TIME || !this.query.groupedByTime) batch.tmax = window.stop;
          this.collect(batch);
        }
      }
    } catch (error) {
      this.counters.query_errors!++;
      this.error(new Error(`error executing query: ${(error as Error).message}`));
    }
  }

  protected override batch(message: BatchMessage): void {
    this.emit(message);
  }

  private schedule(tick: TimeNs): void {
    if (this.closed || tick === 0n) return;
    const delayMs = Math.max(0, Number((tick - this.ctx.now()) / 1_000_000n));
    if (delayMs > MAX_TIMER_MS) {
      this.timer = setTimeout(() => this.schedule(tick), MAX_TIMER_MS);
      this.timer.unref?.();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        this.schedule(this.query.next(tick));
        return;
      }
      this.running = true;
      void this.runTick(tick).finally(() => {
        this.running = false;
      });
      this.schedule(this.query.next(tick));
    }, delayMs);
    this.timer.unref?.();
  }
}

export function toMessage(batch: RecordedBatch): BatchMessage {
  const dimensions = { byName: batch.byName, tagNames: sortedTagNames(Object.keys(batch.tags)) };
  return batchMessage(batch.name, batch.tags, batch.tmax, batch.points, groupIdOf(batch.name, batch.tags, dimensions), dimensions);
}
