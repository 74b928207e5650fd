// What a run gives the standard library: the run's now(), the data source, where results and
// writes go, and the materializer for functions (aggregateWindow) that run a stream inline.

import type { Location } from '../flux/errors.js';
import type { Point } from '../models/point.js';
import type { FromSpec, Stream, Table } from './table.js';

/** A blocking HTTP POST for http.post: resolves the status code, throws with the cause. */
export type SyncPost = (url: string, headers: Record<string, string>, body: Uint8Array) => number;

export interface RunResult {
  results: Array<{ name: string; tables: Table[] }>;
  pointsWritten: number;
}

export interface RunSettings {
  /** now() for the run, epoch ns. */
  now: bigint;
  source: FluxDataSource;
  log?: (message: string) => void;
  /**
   * How http.post sends. Set only inside a run thread (see off-thread.ts); a script that
   * imports "http" without it runs on a worker thread so the caller's event loop never waits.
   */
  httpPost?: SyncPost;
}

/** Where `from` reads and `to` writes (an InfluxDB 1.x behind the application service). */
export interface FluxDataSource {
  /** Runs the pushed-down read; resolves with from()'s tables (one per series and field). */
  read(spec: FromSpec): Promise<Table[]>;
  /** Writes points to "db/rp" or "db". */
  write(bucket: string, points: Point[]): Promise<void>;
}

export interface RunContext {
  /** now() of the run (the scheduled time for task runs), epoch ns. */
  now: bigint;
  /** Named results: yield() and implicit yields of top-level streams. */
  sinks: Array<{ name: string; stream: Stream; loc: Location }>;
  /** Points to() produced, flushed after the plan ran. */
  writes: Array<{ bucket: string; points: Point[] }>;
  /** Computes a stream now; streams read from InfluxDB must already have been fetched. */
  materialize(stream: Stream): Table[];
  /** Adds a line to the run's log. */
  log(message: string): void;
  /** http.post's transport (a run thread's channel to the main thread). */
  httpPost?: SyncPost;
  /** Task-level options set by the script (task, now). */
  options: Record<string, unknown>;
}
