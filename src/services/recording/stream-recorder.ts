// A running stream recording: fed by a stream fork of the task master (which selects the
// task's dbrps and measurements), it writes the points gzipped in Kapacitor's .srpl format
// until a point later than `stop` arrives. Writing is synchronous and cheap; file I/O is
// buffered by the gzip stream. It never filters or routes points itself.

import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import type { Point } from '../../models/point.js';
import { encodeStreamRecord } from '../../recording/recording-files.js';

export class StreamRecorder {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private finished = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  /**
   * Ends at the first point later than `stop`; with `duration` instead, at the first point
   * more than `duration` after the first recorded point (the pre-1.0 API's recordings).
   */
  constructor(path: string, private stop: bigint | undefined, private readonly duration?: bigint) {
    this.file = createWriteStream(path);
    this.gzip = createGzip();
    this.gzip.pipe(this.file);
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
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
    this.gzip.write(encodeStreamRecord(point));
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
