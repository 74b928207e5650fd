// The messages between the main thread's parallel engine and its engine workers. Main → worker
// messages are handled in the order sent (task start/stop and points share one channel, so a
// task sees exactly the points routed while it was placed there). Types only.

import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';
import type { TimingSettings } from '../exec-timer.js';
import type { ServerInfoPort } from '../ports.js';
import type { RingMemory } from './block-ring.js';
import type { PointBlock } from './point-codec.js';

/** What a worker is started with (workerData). */
export interface WorkerSetup {
  readonly index: number;
  readonly groupIdleTimeoutMs: number;
  readonly serverInfo?: ServerInfoPort;
  /** [stats] timing settings for avg_exec_time_ns. */
  readonly timing?: TimingSettings;
  /** The worker's block ring (block-ring.ts). */
  readonly ring: RingMemory;
}

/** A block, after the encoder's series numbered from `seriesFrom` on that the worker has not seen yet. */
export interface BlockMessage {
  readonly block: PointBlock;
  readonly seriesFrom: number;
  readonly series: string[];
  /** For a block in the ring: the release mark to store once it is used. */
  readonly release?: number;
}

export type ToWorker =
  | {
      readonly t: 'start';
      readonly id: string;
      readonly gen: number;
      readonly pipeline: Pipeline;
      readonly dbrps: DBRP[];
      readonly groupIdleTimeoutMs?: number;
    }
  | { readonly t: 'stop'; readonly id: string }
  /** Blocks of points, handled in order (those routed since the last message to this worker). */
  | { readonly t: 'points'; readonly blocks: BlockMessage[] }
  /**
   * A slice of line protocol (whole lines) for the worker to parse and route itself, at
   * `offset` in its ring (`release` frees it); answered with 'parsed' as soon as it is parsed.
   */
  | {
      readonly t: 'lines';
      readonly seq: number;
      readonly database: string;
      readonly retentionPolicy: string;
      readonly precision: string;
      readonly defaultTime: bigint;
      readonly offset: number;
      readonly length: number;
      readonly release: number;
    }
  /** Answered with 'synced' once everything sent before it has been processed. */
  | { readonly t: 'sync'; readonly seq: number }
  | { readonly t: 'httpOut'; readonly seq: number; readonly task: string; readonly name: string };

/** Statistics per task id, with the generation of the start they belong to. */
export type WorkerStats = Record<string, { readonly gen: number; readonly stats: TaskStatsSnapshot }>;

export type FromWorker =
  | { readonly t: 'synced'; readonly seq: number; readonly stats: WorkerStats }
  /** Pushed about once a second: every task's statistics (throughput is sampled there). */
  | { readonly t: 'stats'; readonly stats: WorkerStats }
  | { readonly t: 'result'; readonly seq: number; readonly value: unknown }
  /** A 'lines' slice parsed: its bad lines, and its points per measurement (runs, in order). */
  | { readonly t: 'parsed'; readonly seq: number; readonly errors: string[]; readonly names: string[]; readonly counts: number[] }
  | { readonly t: 'startFailed'; readonly id: string; readonly error: string }
  /** One pino JSON line of a task running on the worker. */
  | { readonly t: 'log'; readonly line: string };
