// A running stream recording: fed by a stream fork of the task master (which selects the
// task's dbrps and measurements), it writes the points gzipped in Kapacitor's .srpl format
// until a point later than `stop` arrives. Writing is synchronous and cheap; file I/O is
// buffered by the gzip stream. It never filters or routes points itself.

import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import type { Point } from '../../models/point.js';
import { nowNs } from '../../models/time.js';
import { encodeStreamRecord } from '../../recording/recording-files.js';

export class StreamRecorder {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private finished = false;
  /** When the recording started (epoch ns): data time is counted from here. */
  private readonly startedAt = nowNs();
  /** Time of the latest point recorded (undefined before the first). */
  private lastTime: bigint | undefined;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  /**
   * Ends at the first point later than `stop`; with `duration` instead, at the first point
   * more than `duration` after the first recorded point (the pre-1.0 API's recordings).
   */
  constructor(
    path: string,
    private stop: bigint | undefined,
    private readonly duration?: bigint,
  ) {
    this.file = createWriteStream(path);
    this.gzip = createGzip();
    this.gzip.pipe(this.file);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  get active(): boolean {
    return !this.finished;
  }

  /** Hot path: called with every forked point (of the task's dbrps and measurements). */
  write(point: Point): void {
    if (this.finished) return;
    if (this.stop === undefined) this.stop = point.time + (this.duration ?? 0n);
    if (point.time > this.stop) {
      this.finish();
      return;
    }
    if (this.lastTime === undefined || point.time > this.lastTime) this.lastTime = point.time;
    this.gzip.write(encodeStreamRecord(point));
  }

  /**
   * The share of the recording's span of data time covered by the points recorded so far:
   * 0 before the first point (or while points are older than the start), just under 1 near
   * the end. The span runs from the start (or, for a duration, from the first point) to stop.
   */
  progress(): number {
    if (this.lastTime === undefined || this.stop === undefined) return 0;
    const from = this.duration !== undefined ? this.stop - this.duration : this.startedAt;
    const span = this.stop - from;
    if (span <= 0n) return 0;
    const done = Number(this.lastTime - from) / Number(span);
    return done <= 0 ? 0 : Math.min(done, 0.999);
  }

  /** Ends the recording (also when deleted); resolves once the file is complete. */
  async close(): Promise<void> {
    this.finish();
    await this.done;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.file.once('close', () => this.resolveDone());
    this.file.once('error', () => this.resolveDone());
    this.gzip.end();
  }
}
