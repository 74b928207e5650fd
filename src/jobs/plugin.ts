// The contracts between the job runtime and its connectors and transforms: factories that
// check options and build plugins, source readers that hand out row batches and positions,
// and sink writers. The runtime never imports a connector; a catalogue is handed to it.

import type { Point } from '../models/point.js';
import type { JobMode } from './job-config.js';
import type { RowBatch } from './rows.js';
import type { RowType } from './row-type.js';

/** What the hosting server lends to connectors. */
export interface JobPorts {
  /** This server's write path: points become visible to TICKscript tasks (in cluster mode once published). */
  writePoints(points: Point[]): void | Promise<void>;
  /** Live copy of the points written to this server; returns the unsubscribe function. */
  subscribePoints(listener: (points: Point[]) => void): () => void;
}

export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PluginContext {
  jobId: string;
  mode: JobMode;
  ports: JobPorts;
  log: JobLog;
}

export interface SourceReader {
  /**
   * The next batch of rows, or undefined once a bounded source is exhausted (or the signal
   * aborted). An unbounded source may wait for data; it must return soon after an abort.
   */
  next(signal: AbortSignal): Promise<RowBatch | undefined>;
  /** The position after the last batch handed out: what a checkpoint stores. */
  position(): unknown;
  close(): Promise<void>;
}

export interface SourcePlugin {
  rowType: RowType;
  /** Table paths reported in the job DAG. */
  tablePaths?: string[];
  open(context: PluginContext, restored: unknown): Promise<SourceReader>;
}

export interface TransformPlugin {
  rowType: RowType;
  /** Hot path: returns the output rows of one batch (may reuse the input array). */
  process(batch: RowBatch): RowBatch;
}

export interface SinkWriter {
  write(batch: RowBatch): void | Promise<void>;
  /** Makes everything written so far durable (checkpoints, savepoints, the end of a job). */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

export interface SinkPlugin {
  open(context: PluginContext): Promise<SinkWriter>;
}

export interface SourceFactory {
  name: string;
  create(options: Record<string, unknown>, mode: JobMode): SourcePlugin;
}

export interface TransformFactory {
  name: string;
  create(options: Record<string, unknown>, input: RowType): TransformPlugin;
}

export interface SinkFactory {
  name: string;
  create(options: Record<string, unknown>, input: RowType): SinkPlugin;
}

export interface PluginCatalogue {
  sources: SourceFactory[];
  transforms: TransformFactory[];
  sinks: SinkFactory[];
}
