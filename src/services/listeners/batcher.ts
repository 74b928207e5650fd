// Kapacitor's (InfluxDB's) point batcher for the input listeners: points are gathered until
// batch-size of them are waiting or batch-timeout has passed since the first one, then written
// as one batch. batch-pending bounds how many batches may be in flight to an asynchronous sink
// (cluster mode); beyond that a batch is dropped and counted, never queued without bound.
// Never throws to its caller: write failures are counted and reported through onError.

import type { Point } from '../../models/point.js';
import type { PointSink } from './listener.js';

export interface BatcherOptions {
  size: number;
  pending: number;
  timeoutMs: number;
}

export interface BatcherStats {
  batchesTransmitted: number;
  pointsTransmitted: number;
  batchesTransmitFail: number;
}

/** The batcher's figures under the names Kapacitor's listeners report them. */
export function batcherValues(stats: BatcherStats): { batches_tx: number; points_tx: number; batches_tx_fail: number } {
  return { batches_tx: stats.batchesTransmitted, points_tx: stats.pointsTransmitted, batches_tx_fail: stats.batchesTransmitFail };
}

export class PointBatcher {
  private batch: Point[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  readonly stats: BatcherStats = { batchesTransmitted: 0, pointsTransmitted: 0, batchesTransmitFail: 0 };

  constructor(
    private readonly options: BatcherOptions,
    private readonly sink: PointSink,
    private readonly onError: (error: Error) => void,
  ) {}

  add(point: Point): void {
    this.batch.push(point);
    if (this.options.size > 0 && this.batch.length >= this.options.size) {
      this.flush();
    } else if (this.timer === undefined && this.options.timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.timeoutMs);
      this.timer.unref();
    } else if (this.options.timeoutMs <= 0 && this.options.size <= 0) {
      this.flush();
    }
  }

  /** Writes what is waiting now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    if (this.options.pending > 0 && this.inFlight >= this.options.pending) {
      this.stats.batchesTransmitFail++;
      this.onError(new Error(`${this.inFlight} batches pending; batch of ${batch.length} points dropped`));
      return;
    }
    try {
      const written = this.sink(batch);
      if (written === undefined) {
        this.transmitted(batch.length);
        return;
      }
      this.inFlight++;
      written
        .then(
          () => this.transmitted(batch.length),
          (error: Error) => this.failed(error),
        )
        .finally(() => {
          this.inFlight--;
        });
    } catch (error) {
      this.failed(error as Error);
    }
  }

  /** Flushes and stops the timer. */
  stop(): void {
    this.flush();
  }

  private transmitted(points: number): void {
    this.stats.batchesTransmitted++;
    this.stats.pointsTransmitted += points;
  }

  private failed(error: Error): void {
    this.stats.batchesTransmitFail++;
    this.onError(error);
  }
}
